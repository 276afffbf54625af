"""The chair's roles page: who holds which role, since when and why; give and withdraw with a reason."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.models import Department, Member
from unionportal.access import permission_required
from unionportal.form_pages import report_refusal
from unionportal.roles import Role

from . import assignments
from .forms import AssignRoleForm, WithdrawRoleForm
from .models import RoleAssignment

HISTORY_ROWS = 100


@permission_required("accounts.manage_roles")
def roles(request):
    form = AssignRoleForm(request.POST or None)
    if form.is_valid():
        try:
            assignments.assign_role(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            data = form.cleaned_data
            messages.success(
                request,
                _("已任命 %(name)s 为%(role)s。") % {"name": data["member"].name, "role": Role(data["role"]).label},
            )
            return redirect("accounts:roles")
    sections = [(Role(role), assignments.holders(role)) for role in assignments.ASSIGNABLE_ROLES]
    history = RoleAssignment.objects.select_related("member", "department", "assigned_by", "withdrawn_by").order_by(
        "-pk"
    )[:HISTORY_ROWS]
    delegates = Member.objects.filter(user__groups__name=Role.DELEGATE).order_by("name_pinyin")
    context = {
        "form": form,
        "sections": sections,
        "history": history,
        "delegates": delegates,
        "withdraw_form": WithdrawRoleForm(),
    }
    return render(request, "accounts/roles.html", context)


@permission_required("accounts.manage_roles")
@require_POST
def withdraw(request, member_pk, role):
    member = get_object_or_404(Member, pk=member_pk)
    if role not in assignments.ASSIGNABLE_ROLES:
        messages.error(request, _("该角色不在此处管理。"))
        return redirect("accounts:roles")
    department_pk = request.POST.get("department", "")
    department = Department.objects.filter(pk=department_pk).first() if department_pk.isdigit() else None
    form = WithdrawRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("撤销理由：请填写撤销理由。"))
        return redirect("accounts:roles")
    try:
        assignments.withdraw_role(
            member=member, role=role, department=department, reason=form.cleaned_data["reason"], actor=request.user
        )
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(
            request, _("已撤销 %(name)s 的%(role)s角色。") % {"name": member.name, "role": Role(role).label}
        )
    return redirect("accounts:roles")
