from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from unionportal.access import permission_required

from . import org
from .models import Branch, UnionGroup
from .org_forms import BranchForm, UnionGroupForm


@permission_required("members.view_org")
def org_tree(request):
    return render(request, "members/org/tree.html", {"tree": org.org_tree()})


def edit_with_form(request, form, save, title, next_page):
    """The create/edit page of the org and committee objects: validate, save through a service, go to next_page(obj)."""
    if form.is_valid():
        try:
            save(form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已保存：%(name)s") % {"name": form.instance})
            return redirect(next_page(form.instance))
    return render(request, "members/org/form.html", {"form": form, "title": title})


def back_to_tree(_saved):
    return "members:org"


@permission_required("members.change_org")
def branch_edit(request, pk=None):
    branch = get_object_or_404(Branch, pk=pk) if pk else Branch()
    title = _("编辑分会") if pk else _("新建分会")
    form = BranchForm(request.POST or None, instance=branch)
    return edit_with_form(request, form, org.save_branch, title, back_to_tree)


@permission_required("members.change_org")
def group_edit(request, pk=None):
    group = get_object_or_404(UnionGroup, pk=pk) if pk else UnionGroup()
    title = _("编辑工会小组") if pk else _("新建工会小组")
    form = UnionGroupForm(request.POST or None, instance=group)
    return edit_with_form(request, form, org.save_group, title, back_to_tree)
