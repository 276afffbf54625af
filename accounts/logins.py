"""The verbs of member logins: open them in bulk, hand out one-time codes, activate, reset, close and reopen.

A login opened here has no password until its person types the one-time code (激活码) from the slip the
group leader hands out, and chooses a password under the union's policy (AUTH_PASSWORD_VALIDATORS)."""

import datetime
import re
from dataclasses import dataclass

from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Member
from unionportal.roles import Role, is_only_chair

from .codes import code_hash, new_code
from .models import AccessCode

CODE_LIFETIME = {
    AccessCode.Purpose.ACTIVATION: datetime.timedelta(days=30),
    AccessCode.Purpose.RESET: datetime.timedelta(days=3),
}


class LoginSource:
    PINYIN = "pinyin"
    JOB_NUMBER = "job_number"
    PHONE = "phone"
    CHOICES = [
        (PINYIN, _("姓名拼音（重名自动加数字）")),
        (JOB_NUMBER, _("工号（没有工号的人用姓名拼音）")),
        (PHONE, _("手机号")),
    ]


@dataclass(frozen=True)
class OpenedLogin:
    member: Member
    username: str
    renamed_from: str  # the pinyin another person already had, when this login got a number added
    by_pinyin_for_want_of_job_number: bool = False


def _pinyin_name(member):
    from pypinyin import lazy_pinyin  # see members.models.pinyin_key

    base = re.sub(r"[^a-z0-9]", "", "".join(lazy_pinyin(member.name)).lower())
    return base or f"m{member.pk}"


def _names_for(members, source):
    """Login names for ``members``, refusing the whole batch when one cannot have the name asked for."""
    wanted = {}
    if source == LoginSource.PHONE:
        missing = [m.name for m in members if not m.phone.strip()]
        if missing:
            raise ValidationError(
                _("以下人员没有手机号，不能用手机号作登录名：%(names)s。") % {"names": "、".join(missing)}
            )
        wanted = {m.pk: m.phone.strip() for m in members}
        taken = dict(User.objects.filter(username__in=wanted.values()).values_list("username", "pk"))
        doubles = [m.name for m in members if wanted[m.pk] in taken]
        phones = list(wanted.values())
        doubles += [m.name for m in members if phones.count(wanted[m.pk]) > 1]
        if doubles:
            raise ValidationError(
                _("以下人员的手机号已被其他账号使用或彼此重复，未开通任何账号：%(names)s。")
                % {"names": "、".join(dict.fromkeys(doubles))}
            )
        return {pk: (name, "") for pk, name in wanted.items()}
    taken = set(User.objects.values_list("username", flat=True))
    names = {}
    if source == LoginSource.JOB_NUMBER:
        by_job = [m for m in members if m.job_number]
        doubles = [m.name for m in by_job if m.job_number in taken]
        if doubles:
            raise ValidationError(
                _("以下人员的工号已被其他账号用作登录名，未开通任何账号：%(names)s。") % {"names": "、".join(doubles)}
            )
        names = {m.pk: (m.job_number, "") for m in by_job}
        taken.update(m.job_number for m in by_job)  # job numbers are unique on the roster
        members = [m for m in members if not m.job_number]
    for member in members:
        base = name = _pinyin_name(member)
        number = 1
        while name in taken:
            number += 1
            name = f"{base}{number}"
        taken.add(name)
        names[member.pk] = (name, base if name != base else "")
    return names


@transaction.atomic
def open_logins(*, members, actor, source=LoginSource.PINYIN):
    """开通账号 for each chosen person in service who has none: all of them or, on any refusal, none.
    The login holds the member (会员) role and no password until it is activated with a one-time code."""
    members = list(Member.objects.select_for_update().filter(pk__in=[m.pk for m in members]).order_by("name_pinyin"))
    if not members:
        raise ValidationError(_("没有选中任何人员：请勾选人员，或用“为筛选出的全部人员开通”。"))
    out_of_service = [m.name for m in members if m.status != Member.Status.ACTIVE]
    if out_of_service:
        raise ValidationError(
            _("以下人员不在职（已退休、调出或去世），不能开通账号：%(names)s。") % {"names": "、".join(out_of_service)}
        )
    members = [m for m in members if m.user_id is None]
    if not members:
        raise ValidationError(_("所选人员都已有登录账号，没有需要开通的。"))
    names = _names_for(members, source)
    member_role = Group.objects.get_or_create(name=Role.MEMBER)[0]
    opened = []
    for member in members:
        username, renamed_from = names[member.pk]
        user = User(username=username, first_name=member.name[:150])
        user.set_unusable_password()
        user.save()
        user.groups.add(member_role)
        member.user = user
        member.save(update_fields=["user"])
        fallback = source == LoginSource.JOB_NUMBER and not member.job_number
        opened.append(OpenedLogin(member, username, renamed_from, fallback))
    return opened


def issue_codes(*, users, purpose, actor):
    """A fresh one-time code for each login; an earlier code of the same login is void from now on, so only the
    newest slip or link works. Returns {user id: code}: the only place the codes exist in clear."""
    now = timezone.now()
    users = list(users)
    with transaction.atomic():
        AccessCode.objects.filter(user__in=users, used_at__isnull=True, voided_at__isnull=True).update(voided_at=now)
        codes = {user.pk: new_code() for user in users}
        AccessCode.objects.bulk_create(
            AccessCode(
                user=user,
                purpose=purpose,
                code_hash=code_hash(codes[user.pk]),
                issued_by=actor,
                expires_at=now + CODE_LIFETIME[purpose],
            )
            for user in users
        )
    return codes


def pending_logins(members):
    """The logins among ``members`` still waiting for their first password: the ones an activation slip is for."""
    return User.objects.filter(member__in=members, is_active=True, password__startswith="!").order_by(
        "member__union_group__sort_order", "member__union_group__name", "member__name_pinyin"
    )


def _refuse_code(access_code):
    local = timezone.localtime(access_code.expires_at)
    if access_code.used_at:
        return _("这个验证码已经用过了，不能再次使用。如忘记密码，请联系工会委员重新发放。")
    if access_code.voided_at:
        return _("这个验证码已作废（已发放了新的验证码，或输错次数过多），请使用最新的通知单或联系工会委员。")
    return _("验证码已于 %(when)s 过期，请联系工会委员重新发放。") % {"when": local.strftime("%Y-%m-%d %H:%M")}


def _wrong_code(user):
    """Count a wrong code against the login's live code; enough of them void it. Runs outside the refusal's
    transaction so the count survives it."""
    live = user.access_codes.filter(used_at__isnull=True, voided_at__isnull=True, expires_at__gt=timezone.now()).first()
    if live:
        live.failed_attempts += 1
        if live.failed_attempts >= AccessCode.MAX_FAILED_ATTEMPTS:
            live.voided_at = timezone.now()
        live.save(update_fields=["failed_attempts", "voided_at"])


def set_password_with_code(*, username, code, password):
    """激活 / 重设密码: the code must be the login's newest, unused and unexpired; the password must meet the
    union's policy. Nothing changes unless all holds; the code then can never be used again."""
    wrong = ValidationError({"code": _("登录名或验证码不正确，请核对通知单。")})
    user = User.objects.filter(username=(username or "").strip()).first()
    if user is None:
        raise wrong
    access_code = user.access_codes.filter(code_hash=code_hash(code)).first()
    if access_code is None:
        _wrong_code(user)
        raise wrong
    if not access_code.is_live:
        raise ValidationError({"code": _refuse_code(access_code)})
    if not user.is_active:
        raise ValidationError({"code": _("该账号已停用（人员已调出、退休或去世）。如有疑问请联系工会。")})
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    with transaction.atomic():
        if not AccessCode.objects.filter(pk=access_code.pk, used_at__isnull=True).update(used_at=timezone.now()):
            raise ValidationError({"code": _refuse_code(AccessCode.objects.get(pk=access_code.pk))})
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def _check_may_close(member):
    if member.user is None:
        raise ValidationError(_("%(name)s 没有登录账号。") % {"name": member.name})
    if is_only_chair(member.user):
        raise ValidationError(_("%(name)s 是唯一的主席，停用前请先在角色分工中任命新主席。") % {"name": member.name})


@transaction.atomic
def close_login(*, member, actor):
    """停用: the login stops working; the person, their history and the login's name stay."""
    _check_may_close(member)
    member.user.is_active = False
    member.user.save(update_fields=["is_active"])
    return member.user


@transaction.atomic
def reopen_login(*, member, actor):
    """重新启用: a person back in service (重新入会, 转入) uses their old login again; so may a retired member who
    keeps the membership (退休会员), whom retiring closed like everyone else."""
    if member.user is None:
        raise ValidationError(_("%(name)s 没有登录账号，请开通账号。") % {"name": member.name})
    retired_member = member.status == Member.Status.RETIRED and member.is_union_member
    if member.status != Member.Status.ACTIVE and not retired_member:
        raise ValidationError(
            _("%(name)s 当前状态为“%(status)s”，不能启用账号。")
            % {"name": member.name, "status": member.get_status_display()}
        )
    member.user.is_active = True
    member.user.save(update_fields=["is_active"])
    return member.user


@transaction.atomic
def link_login(*, user, member, actor):
    """关联: a login made without the roster (the first administrator, an IT account) becomes this person's."""
    if hasattr(user, "member"):
        raise ValidationError(
            _("账号“%(login)s”已关联 %(name)s。") % {"login": user.username, "name": user.member.name}
        )
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.user_id:
        raise ValidationError(
            _("%(name)s 已有登录账号“%(login)s”。") % {"name": member.name, "login": member.user.username}
        )
    member.user = user
    member.save(update_fields=["user"])
    user.groups.add(Group.objects.get(name=Role.MEMBER))
    return member
