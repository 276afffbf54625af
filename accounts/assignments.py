"""The roles page's verbs: give a role and withdraw it, each with a reason, kept as RoleAssignment history.

The Django group stays what permissions read; every change to it here leaves a dated row saying who, why
and by whom. A 承办人 (handler) is the head of a department: the department is part of the role."""

from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Department, Member
from unionportal.roles import Role

from .models import RoleAssignment

ASSIGNABLE_ROLES = [Role.CHAIR, Role.STAFF, Role.WELFARE, Role.AUDITOR, Role.ACCOUNTANT, Role.HANDLER]


def _check_may_hold(member, role):
    if member.status != Member.Status.ACTIVE:
        raise ValidationError(
            _("%(name)s 当前状态为“%(status)s”，不在职，不能担任%(role)s。")
            % {"name": member.name, "status": member.get_status_display(), "role": Role(role).label}
        )
    if member.user is None or not member.user.is_active:
        raise ValidationError(_("%(name)s 没有可用的登录账号，请先在账号管理中开通或启用。") % {"name": member.name})


@transaction.atomic
def assign_role(*, member, role, reason, actor, department=None, on=None):
    """任命: an in-service person with a working login takes a role; a handler takes it for one department,
    which has one handler at a time."""
    member = Member.objects.select_for_update(of=("self",)).select_related("user").get(pk=member.pk)
    if role not in ASSIGNABLE_ROLES:
        raise ValidationError(_("%(role)s 不在此处任命。") % {"role": Role(role).label})
    if not reason.strip():
        raise ValidationError(_("请填写任命理由。"))
    _check_may_hold(member, role)
    group = Group.objects.get(name=role)
    if role == Role.HANDLER:
        if department is None:
            raise ValidationError(_("任命承办人须选择承办部门。"))
        department = Department.objects.select_for_update(of=("self",)).select_related("head").get(pk=department.pk)
        if department.head_id == member.pk:
            raise ValidationError(
                _("%(name)s 已是%(department)s的承办人。") % {"name": member.name, "department": department}
            )
        if department.head_id:
            raise ValidationError(
                _("%(department)s已有承办人 %(name)s，请先撤销。")
                % {"department": department, "name": department.head.name}
            )
        department.head = member
        department.save(update_fields=["head"])
    else:
        department = None
        if member.user.groups.filter(pk=group.pk).exists():
            raise ValidationError(_("%(name)s 已是%(role)s。") % {"name": member.name, "role": Role(role).label})
    member.user.groups.add(group)
    return RoleAssignment.objects.create(
        member=member,
        role=role,
        department=department,
        started_on=on or timezone.localdate(),
        start_reason=reason.strip(),
        assigned_by=actor,
    )


def holders(role):
    """Who holds ``role`` now: (member, open assignment or None, department or None), one row per department
    for handlers. A holder from before this page existed has no assignment row."""
    open_rows = {
        (row.member_id, row.department_id): row
        for row in RoleAssignment.objects.filter(role=role, ended_on__isnull=True)
    }
    if role == Role.HANDLER:
        departments = Department.objects.filter(head__isnull=False).select_related("head__user")
        return [(d.head, open_rows.get((d.head_id, d.pk)), d) for d in departments]
    members = Member.objects.filter(user__groups__name=role).select_related("user").order_by("name_pinyin")
    return [(m, open_rows.get((m.pk, None)), None) for m in members]


@transaction.atomic
def withdraw_role(*, member, role, reason, actor, department=None, on=None):
    """撤销: the role ends today with a reason. The union always keeps an active chair: the last one cannot go
    until another is appointed (the union's chair signs, approves and reads what nobody else may)."""
    member = Member.objects.select_for_update(of=("self",)).select_related("user").get(pk=member.pk)
    if not reason.strip():
        raise ValidationError(_("请填写撤销理由。"))
    label = Role(role).label
    user = member.user
    if role == Role.CHAIR:
        others = User.objects.select_for_update().filter(groups__name=Role.CHAIR, is_active=True)
        if user is None or not others.exclude(pk=user.pk).exists():
            raise ValidationError(_("%(name)s 是唯一的主席，须先任命新主席才能撤销。") % {"name": member.name})
    if role == Role.HANDLER:
        if department is None or not Department.objects.filter(pk=department.pk, head=member).exists():
            raise ValidationError(_("%(name)s 不是该部门的承办人。") % {"name": member.name})
        Department.objects.filter(pk=department.pk).update(head=None)
        still_heads = Department.objects.filter(head=member).exists()
    else:
        department = None
        still_heads = False
        if user is None or not user.groups.filter(name=role).exists():
            raise ValidationError(_("%(name)s 不是%(role)s。") % {"name": member.name, "role": label})
    if user is not None and not still_heads:
        user.groups.remove(Group.objects.get(name=role))
    on = on or timezone.localdate()
    row = RoleAssignment.objects.filter(member=member, role=role, department=department, ended_on__isnull=True).first()
    if row is None:  # held since before the roles page existed
        row = RoleAssignment(member=member, role=role, department=department, start_reason=_("启用本系统前已担任"))
    row.ended_on = on
    row.end_reason = reason.strip()
    row.withdrawn_by = actor
    row.save()
    return row
