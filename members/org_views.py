from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionportal.access import permission_required
from unionportal.form_pages import form_page, report_refusal

from . import org
from .models import Branch, UnionGroup
from .org_forms import BranchForm, DissolveGroupForm, UnionGroupForm


@permission_required("members.view_org")
def org_tree(request):
    return render(request, "members/org/tree.html", {"tree": org.org_tree()})


def edit_page(request, form, save, *, title, back, next_page):
    """The create/edit page of the org and committee objects: ``save(instance)`` is their service; a saved
    object leads to ``next_page(saved)``."""
    return form_page(
        request,
        form,
        save=lambda form: save(form.instance),
        done=lambda saved: _("已保存：%(name)s") % {"name": saved},
        title=title,
        back=back,
        template="members/org/form.html",
        then=lambda saved: redirect(next_page(saved)),
    )


def act_then_redirect(request, act, *, said, to, refused=None):
    """Run the service call ``act()``: say ``said`` and go to ``to``, or, if the service refuses, give its
    reasons and go to ``refused`` (by default ``to`` as well)."""
    try:
        act()
    except ValidationError as error:
        report_refusal(request, error)
        return redirect(refused or to)
    messages.success(request, said)
    return redirect(to)


def delete_then_redirect(request, obj, delete, *, done, refused):
    """Delete through ``delete(obj)``: go to ``done``, or, if the service refuses, to ``refused`` with its reasons."""
    said = _("已删除：%(name)s") % {"name": obj}
    return act_then_redirect(request, lambda: delete(obj), said=said, to=done, refused=refused)


def back_to_tree(_saved):
    return "members:org"


@permission_required("members.change_org")
def branch_edit(request, pk=None):
    branch = get_object_or_404(Branch, pk=pk) if pk else Branch()
    form = BranchForm(request.POST or None, instance=branch)
    title = _("编辑分会") if pk else _("新建分会")
    return edit_page(request, form, org.save_branch, title=title, back="members:org", next_page=back_to_tree)


@permission_required("members.change_org")
def group_edit(request, pk=None):
    group = get_object_or_404(UnionGroup, pk=pk) if pk else UnionGroup()
    form = UnionGroupForm(request.POST or None, instance=group)
    title = _("编辑工会小组") if pk else _("新建工会小组")
    return edit_page(request, form, org.save_group, title=title, back="members:org", next_page=back_to_tree)


@permission_required("members.change_org")
@require_POST
def branch_delete(request, pk):
    branch = get_object_or_404(Branch, pk=pk)
    return delete_then_redirect(request, branch, org.delete_branch, done="members:org", refused="members:org")


@permission_required("members.change_org")
@require_POST
def group_delete(request, pk):
    group = get_object_or_404(UnionGroup, pk=pk)
    return delete_then_redirect(request, group, org.delete_group, done="members:org", refused="members:org")


@permission_required("members.change_org")
@require_POST
def group_dissolve(request, pk):
    group = get_object_or_404(UnionGroup, pk=pk)
    form = DissolveGroupForm(request.POST)
    if not form.is_valid():
        for message in form.errors["on"]:
            messages.error(request, message)
        return redirect("members:org")
    said = _("已撤销：%(name)s。它不再出现在选择列表中，历史记录保留。") % {"name": group}
    return act_then_redirect(
        request, lambda: org.dissolve_group(group, on=form.cleaned_data["on"]), said=said, to="members:org"
    )


@permission_required("members.change_org")
@require_POST
def group_restore(request, pk):
    group = get_object_or_404(UnionGroup, pk=pk)
    return act_then_redirect(
        request, lambda: org.restore_group(group), said=_("已恢复：%(name)s") % {"name": group}, to="members:org"
    )
