"""The verbs of the roster: every change of membership or status is a dated MembershipEvent."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .importing import write_members
from .models import Member, MembershipEvent, UnionGroup
from .org import check_current, release_posts_left_behind
from .validators import birth_date_from_id

Kind = MembershipEvent.Kind


def _locked(member):
    """Re-read the member under a row lock so two clerks cannot record the same event twice."""
    return Member.objects.select_for_update().get(pk=member.pk)


def _check_allowed(member, kind, on):
    if on > timezone.localdate():
        raise ValidationError(_("日期不能晚于今天。"))
    if member.status not in MembershipEvent.ALLOWED_FROM[kind]:
        raise ValidationError(
            _("%(name)s 当前状态为“%(status)s”，不能办理%(kind)s。")
            % {"name": member.name, "status": member.get_status_display(), "kind": Kind(kind).label}
        )


def _close_login(member):
    """Leaving, retiring or dying closes the person's portal login (停用); the login and its history stay, and
    staff can reopen it when the person is back in service."""
    if member.user_id:
        get_user_model().objects.filter(pk=member.user_id).update(is_active=False)


def _has_been_member(member):
    return (
        member.joined_on is not None
        or member.events.filter(kind__in=[Kind.JOIN, Kind.REJOIN, Kind.TRANSFER_IN]).exists()
    )


_UNCHANGED = object()


def _record(member, kind, on, actor, note="", other_union="", from_status=None, from_group=_UNCHANGED):
    member.full_clean()
    member.save()
    event = MembershipEvent(
        member=member,
        kind=kind,
        occurred_on=on,
        from_status=from_status or member.status,
        to_status=member.status,
        from_group=member.union_group if from_group is _UNCHANGED else from_group,
        to_group=member.union_group,
        other_union=other_union,
        note=note,
        actor=actor,
    )
    event.full_clean()
    event.save()
    release_posts_left_behind(member)
    return event


def _check_card_number(member, card_number):
    """A 会员证号 is one person's: given to another member already, it is refused with her name."""
    holder = Member.objects.filter(card_number=card_number).exclude(pk=member.pk).first() if card_number else None
    if holder is not None:
        raise ValidationError(
            {
                "card_number": _("会员证号“%(number)s”已是%(name)s的证号，不能重复。")
                % {"number": card_number, "name": holder.name}
            }
        )


@transaction.atomic
def join(*, member, on, actor=None, card_number="", note=""):
    """入会: a staff member who has never been a union member joins; a former member must 重新入会 instead."""
    member = _locked(member)
    _check_allowed(member, Kind.JOIN, on)
    if member.is_union_member:
        raise ValidationError(_("%(name)s 已是工会会员，不能重复入会。") % {"name": member.name})
    if _has_been_member(member):
        raise ValidationError(_("%(name)s 曾是工会会员，请办理重新入会。") % {"name": member.name})
    _check_card_number(member, card_number)
    member.is_union_member = True
    member.joined_on = on
    member.card_number = card_number or member.card_number
    return _record(member, Kind.JOIN, on, actor, note)


@transaction.atomic
def rejoin(*, member, on, actor=None, card_number="", note=""):
    """重新入会: a former member (who left or whose membership lapsed) is admitted again."""
    member = _locked(member)
    _check_allowed(member, Kind.REJOIN, on)
    if member.is_union_member:
        raise ValidationError(_("%(name)s 现为工会会员，无需重新入会。") % {"name": member.name})
    if not _has_been_member(member):
        raise ValidationError(_("%(name)s 从未入会，请办理入会。") % {"name": member.name})
    _check_card_number(member, card_number)
    member.is_union_member = True
    member.card_number = card_number or member.card_number
    return _record(member, Kind.REJOIN, on, actor, note)


@transaction.atomic
def transfer_in(*, member, on, from_union, actor=None, union_group=None, joined_on=None, note=""):
    """转入: a member arrives with membership moved from another union (会籍转移); the original 入会日期 is kept."""
    member = _locked(member)
    _check_allowed(member, Kind.TRANSFER_IN, on)
    if member.is_union_member:
        raise ValidationError(_("%(name)s 已是本会会员，不能再转入。") % {"name": member.name})
    if not from_union.strip():
        raise ValidationError(_("请填写转出单位的工会名称。"))
    from_status, from_group = member.status, member.union_group
    member.status = Member.Status.ACTIVE
    member.is_union_member = True
    member.joined_on = joined_on or member.joined_on or on
    if union_group is not None:
        check_current(union_group)
        member.union_group = union_group
    elif member.union_group_id and member.union_group.dissolved_on:
        member.union_group = None  # their last group was dissolved while they were away
    return _record(
        member, Kind.TRANSFER_IN, on, actor, note, from_union.strip(), from_status=from_status, from_group=from_group
    )


@transaction.atomic
def transfer_out(*, member, on, to_union, actor=None, note=""):
    """转出: the person leaves; a member's membership goes to the receiving union (会籍转移), so name it."""
    member = _locked(member)
    _check_allowed(member, Kind.TRANSFER_OUT, on)
    member.check_keeps_a_chair(Kind.TRANSFER_OUT.label)
    if not to_union.strip():
        raise ValidationError(_("请填写转往单位的工会名称（会籍转移去向）。"))
    from_status = member.status
    member.status = Member.Status.TRANSFERRED
    member.is_union_member = False
    _close_login(member)
    return _record(member, Kind.TRANSFER_OUT, on, actor, note, to_union.strip(), from_status=from_status)


@transaction.atomic
def retire(*, member, on, actor=None, note=""):
    """退休: the person stays on the roster and keeps membership; only the status changes."""
    member = _locked(member)
    _check_allowed(member, Kind.RETIRE, on)
    member.check_keeps_a_chair(Kind.RETIRE.label)
    from_status = member.status
    member.status = Member.Status.RETIRED
    _close_login(member)
    return _record(member, Kind.RETIRE, on, actor, note, from_status=from_status)


@transaction.atomic
def record_death(*, member, on, actor=None, note=""):
    """去世: the record stays for history; membership ends."""
    member = _locked(member)
    _check_allowed(member, Kind.DECEASE, on)
    member.check_keeps_a_chair(Kind.DECEASE.label)
    from_status = member.status
    member.status = Member.Status.DECEASED
    member.is_union_member = False
    _close_login(member)
    return _record(member, Kind.DECEASE, on, actor, note, from_status=from_status)


@transaction.atomic
def move_group(*, member, to_group, on, actor=None, note=""):
    """调组: a member moves to another union group; the old and new group are kept on the event."""
    member = _locked(member)
    _check_allowed(member, Kind.GROUP_MOVE, on)
    if to_group is None:
        raise ValidationError({"to_group": _("请选择调入的工会小组。")})
    if member.union_group_id == to_group.pk:
        raise ValidationError(_("%(name)s 已在该小组。") % {"name": member.name})
    check_current(to_group)
    from_group = member.union_group
    member.union_group = to_group
    return _record(member, Kind.GROUP_MOVE, on, actor, note, from_group=from_group)


def retirees_group_offer(member):
    """The retirees' group (工会小组 marked or named so) a retired person is not yet in, or None: the move staff
    are offered after 退休, on the member page and in the import."""
    if member.status != Member.Status.RETIRED:
        return None
    group = UnionGroup.objects.for_retirees()
    return group if group is not None and member.union_group_id != group.pk else None


def move_to_retirees_group(*, member, actor=None):
    """调组 of a retired person into the retirees' group, dated today."""
    group = retirees_group_offer(member)
    if group is None:
        raise ValidationError(_("%(name)s 不是退休人员，或已在退休职工小组。") % {"name": member.name})
    return move_group(member=member, to_group=group, on=timezone.localdate(), actor=actor, note=_("退休后移入"))


EVENT_SERVICES = {
    Kind.JOIN: join,
    Kind.REJOIN: rejoin,
    Kind.TRANSFER_IN: transfer_in,
    Kind.TRANSFER_OUT: transfer_out,
    Kind.RETIRE: retire,
    Kind.DECEASE: record_death,
    Kind.GROUP_MOVE: move_group,
}


MEMBER_FIELDS = {
    "name", "job_number", "gender", "birth_date", "id_number", "phone", "department", "union_group",
    "employment_type", "title", "post", "hire_date", "card_number", "notes",
    "ethnicity", "political_status", "education",
}  # fmt: skip


def _fill_from_id(member):
    if member.id_number and not member.birth_date:
        member.birth_date = birth_date_from_id(member.id_number)


@transaction.atomic
def create_member(*, actor=None, **fields):
    """A new person on the roster (应录尽录: members and non-members alike); membership comes by 入会 or 转入."""
    unknown = set(fields) - MEMBER_FIELDS
    if unknown:
        raise TypeError(f"create_member() got unexpected fields {sorted(unknown)}")
    member = Member(**fields)
    check_current(member.union_group)
    _check_card_number(member, member.card_number)
    _fill_from_id(member)
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def update_member(*, member, actor=None, **fields):
    """Edit the plain facts of a roster entry; status, membership and group moves go through their events."""
    unknown = set(fields) - MEMBER_FIELDS
    if unknown:
        raise TypeError(f"update_member() got unexpected fields {sorted(unknown)}")
    if "union_group" in fields and member.union_group_id and fields["union_group"] != member.union_group:
        raise ValidationError(_("更换工会小组请办理调组。"))
    if fields.get("union_group") is not None and not member.union_group_id:
        check_current(fields["union_group"])
    if "card_number" in fields:
        _check_card_number(member, fields["card_number"])
    for name, value in fields.items():
        setattr(member, name, value)
    _fill_from_id(member)
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def update_own_contact(*, member, phone, email=""):
    """Member self-service: a member changes only their own contact details (phone, email), nothing else."""
    member.phone = phone.strip()
    member.full_clean()
    member.save(update_fields=["phone"])
    if member.user_id:
        member.user.email = email.strip()
        member.user.full_clean()
        member.user.save(update_fields=["email"])
    return member


# a row's department and group, as found or named; a person is written with the ids (department_id …)
UNIT_FIELDS = {"department", "union_group", "department_name", "group_name"}


@transaction.atomic
def import_roster(*, file, actor=None, create_missing=False, retirees_to_group=False):
    """名册导入: all rows or none. Any bad row refuses the whole file, so a half-imported roster never exists.
    With ``create_missing`` the departments and groups the file names that the union lacks are created first
    (in the same transaction); without it the rows naming them are refused. ``retirees_to_group``: the
    retired people go into the retirees' group, whatever group their row names. The new members' primary keys
    come back, in the file's order.

    The rows are written as they are checked, while the database stores the rows before them, until a bad one:
    the rest is only checked, and the file refused with every bad row named (the transaction takes back what was
    written). An ID or job number given twice, or already on the roster, is found by the unique columns, then
    named by refuse_repeats()."""
    from .excel import Units, checked_rows, open_sheet, refuse_repeats

    sheet = open_sheet(file)
    units = Units(create_missing=create_missing)
    if create_missing:
        units.create(sheet)
    retirees_group = UnionGroup.objects.for_retirees() if retirees_to_group else None
    rows, checked = checked_rows(sheet, units), []

    def people():
        for row in rows:
            checked.append(row)
            if row.errors:
                return
            yield _person(row, retirees_group)

    try:
        with transaction.atomic():
            pks = write_members(people(), len(sheet.lines), actor)
    except IntegrityError:
        pks = None
    checked.extend(rows)  # those after a bad row, or after the database refused a repeat
    if pks is None or any(row.errors for row in checked):
        refuse_repeats(checked)
    bad = [row for row in checked if row.errors]
    if bad:
        raise ValidationError(
            _("有 %(count)s 行有误，未导入任何数据：%(rows)s")
            % {"count": len(bad), "rows": "".join(f"第{row.number}行 {row.error_text}。" for row in bad[:20])}
        )
    if pks is None:  # someone else entered one of these numbers meanwhile
        raise ValidationError(_("身份证号或工号刚被录入名册，未导入任何数据；请重新上传文件预览。"))
    if not checked:
        raise ValidationError(_("文件中没有数据行。"))
    return pks


def _person(row, retirees_group):
    """A checked row's fields, as import_roster writes them: every check of full_clean() was made on the row
    (lengths, ID number, job number, phone, choices, dates against the ID; units, repeats), once per file where it
    can be."""
    person = {name: value for name, value in row.fields.items() if name not in UNIT_FIELDS}
    group = row.fields["union_group"]
    if retirees_group and person["status"] == Member.Status.RETIRED:
        group = retirees_group
    person["department_id"] = row.fields["department"] and row.fields["department"].pk
    person["union_group_id"] = group and group.pk
    return person
