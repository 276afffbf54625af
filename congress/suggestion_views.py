"""Suggestions (合理化建议/意见箱): submitted by any member, answered by the union or raised as a
proposal by a delegate.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionportal import workflow
from unionportal.access import check_object_permission, permission_required
from unionportal.pagination import paginate

from . import forms, suggestion_services
from .models import Suggestion


@permission_required("congress.view_suggestions")
def suggestion_list(request):
    suggestions = Suggestion.objects.select_related("author", "proposal")
    if not (request.user.has_perm("congress.answer_suggestion") or request.user.has_perm("congress.raise_suggestion")):
        member = getattr(request.user, "member", None)
        suggestions = suggestions.filter(author=member) if member else suggestions.none()
    return render(request, "congress/suggestion_list.html", {"page_obj": paginate(request, suggestions)})


@permission_required("congress.add_suggestion")
def suggestion_create(request):
    form = forms.SuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            suggestion = suggestion_services.submit_suggestion(
                author=getattr(request.user, "member", None), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("建议已提交，谢谢。"))
            if suggestion.is_anonymous:
                return redirect("congress:suggestions")
            return redirect(suggestion)
    return render(request, "congress/suggestion_form.html", {"form": form})


def _suggestion(request, pk):
    suggestion = get_object_or_404(Suggestion.objects.select_related("author", "proposal", "handler"), pk=pk)
    check_object_permission(request.user, "congress.view_suggestion", suggestion)
    return suggestion


@permission_required("congress.view_suggestions")
def suggestion_detail(request, pk):
    suggestion = _suggestion(request, pk)
    return render(
        request,
        "congress/suggestion_detail.html",
        {
            "suggestion": suggestion,
            "buttons": workflow.buttons_for(request, suggestion),
            "steps": suggestion.steps.select_related("actor__member"),
        },
    )


@require_POST
@permission_required("congress.view_suggestions")
def suggestion_act(request, pk, action):
    """Every button of the suggestion's table (suggestion_flows.py) posts here; a delegate who took it up
    as her proposal goes on to the draft."""
    suggestion = _suggestion(request, pk)
    was_raised = suggestion.status == Suggestion.Status.RAISED
    response = workflow.act(request, suggestion, action)
    suggestion.refresh_from_db(fields=["status", "proposal"])
    if action == "raise" and not was_raised and suggestion.status == Suggestion.Status.RAISED:
        return redirect("congress:proposal", pk=suggestion.proposal_id)
    return response
