"""Undoing roster mistakes: the delete and merge pages (members.merge does the work)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionportal.access import permission_required
from unionportal.form_pages import report_refusal

from . import merge
from .models import Member
from .pickers import PersonField


class MergeForm(forms.Form):
    kept = PersonField(
        label=gettext_lazy("保留的记录"),
        help_text=gettext_lazy("本条记录的会费、申请、报名、代表资格等将全部转到所选的记录，本条随后删除。"),
        error_messages={"required": gettext_lazy("请选择要保留的记录。")},
    )


@permission_required("members.merge_member")
def member_delete(request, pk):
    """删除 a mistaken entry: the page says what refers to it, or asks before deleting."""
    member = get_object_or_404(Member.objects.select_related("user"), pk=pk)
    if request.method == "POST":
        try:
            merge.delete_member(member=member, actor=request.user)
        except ValidationError as error:
            report_refusal(request, error)
            return redirect("members:delete", pk=member.pk)
        messages.success(request, _("已删除 %(name)s 的记录。") % {"name": member.name})
        return redirect("members:roster")
    context = {
        "member": member,
        "blockers": merge.deletion_blockers(member, request.user),
        "event_count": member.events.count(),
    }
    return render(request, "members/delete.html", context)


@permission_required("members.merge_member")
def member_merge(request, pk):
    """合并: choose the record to keep (GET ?kept=), see what moves, then confirm (POST)."""
    duplicate = get_object_or_404(Member.objects.select_related("user", "department"), pk=pk)
    data = request.POST if request.method == "POST" else (request.GET if "kept" in request.GET else None)
    form = MergeForm(data)
    plan = None
    if form.is_valid():
        kept = form.cleaned_data["kept"]
        if request.method == "POST":
            try:
                merge.merge(duplicate=duplicate, kept=kept, actor=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("已将 %(name)s 的重复记录合并到本记录。") % {"name": duplicate.name})
                return redirect("members:detail", pk=kept.pk)
        plan = merge.plan_merge(duplicate, kept, request.user)
    return render(request, "members/merge.html", {"member": duplicate, "form": form, "plan": plan})
