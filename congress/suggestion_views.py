"""Suggestions (合理化建议/意见箱): submitted by any member, answered by the union or raised as a
proposal by a delegate.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from unionportal.access import check_object_permission, permission_required
from unionportal.form_pages import report_refusal
from unionportal.pagination import paginate

from . import forms, selectors, suggestion_services
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


@permission_required("congress.view_suggestions")
def suggestion_detail(request, pk):
    suggestion = get_object_or_404(Suggestion.objects.select_related("author", "proposal", "handler"), pk=pk)
    check_object_permission(request.user, "congress.view_suggestion", suggestion)
    if request.method == "POST":
        try:
            if request.POST.get("do") == "answer" and request.user.has_perm("congress.answer_suggestion", suggestion):
                suggestion_services.answer_suggestion(
                    suggestion=suggestion, actor=request.user, answer=request.POST.get("answer", "")
                )
                messages.success(request, _("答复已保存。"))
            elif request.POST.get("do") == "raise" and request.user.has_perm("congress.raise_suggestion"):
                sessions = selectors.open_sessions(getattr(request.user, "member", None))
                if not sessions.exists():
                    raise ValidationError(_("您不是在任代表，或还没有可提交提案的会议。"))
                proposal = suggestion_services.raise_suggestion(
                    suggestion=suggestion,
                    session=sessions.first(),
                    delegate_member=getattr(request.user, "member", None),
                    actor=request.user,
                )
                messages.success(request, _("已转为提案草稿，请邀请代表附议后提交。"))
                return redirect(proposal)
            else:
                raise PermissionDenied
        except ValidationError as error:
            report_refusal(request, error)
        return redirect(suggestion)
    return render(
        request,
        "congress/suggestion_detail.html",
        {
            "suggestion": suggestion,
            "answer_form": forms.AnswerForm(initial={"answer": suggestion.answer}),
            "can_answer": request.user.has_perm("congress.answer_suggestion", suggestion),
        },
    )
