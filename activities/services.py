"""The verbs of the activities app: sign up, cancel, check in, record results and honours.

Capacity is guarded by locking the event row (``select_for_update``) inside the
transaction that counts the places taken, so two people racing for the last
place are served one after the other. On SQLite the transaction's write lock
serialises writers in the same way.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from members.models import Member
from unionportal.compiled import compiled_once
from unionportal.models import UnionProfile

from . import places
from .flows import FLOW
from .models import Event, Honour, Registration, Result, Team

Status = Registration.Status
HONOURED_PRIZES = {Result.Prize.FIRST, Result.Prize.SECOND, Result.Prize.THIRD}


def _when(moment):
    return date_format(timezone.localtime(moment), "Y-m-d H:i")


def eligibility_refusal(*, event, member, now=None):
    """Why this person may not take part (参加对象, 会员优先), or None when they may."""
    now = now or timezone.now()
    rule = Event.Eligibility
    if member.status not in (Member.Status.ACTIVE, Member.Status.RETIRED):
        return _("%(name)s已不在本单位名册中，不能报名。") % {"name": member.name}
    if event.eligibility == rule.ALL_STAFF and member.status != Member.Status.ACTIVE:
        return _("本活动面向在职教职工。")
    if event.eligibility == rule.MEMBERS and not member.is_union_member:
        return _("本活动仅限工会会员参加。")
    if event.eligibility == rule.MEMBERS_FIRST and not member.is_union_member:
        if event.members_first_until and now < event.members_first_until:
            return _("本活动会员优先报名，非会员请于%(when)s后报名。") % {"when": _when(event.members_first_until)}
    if event.eligibility == rule.WOMEN and member.gender != Member.Gender.FEMALE:
        return _("本活动面向女职工。")
    if event.eligibility == rule.RETIREES and member.status != Member.Status.RETIRED:
        return _("本活动面向退休教职工。")
    return None


def window_refusal(*, event, now=None):
    """Why sign-up is not open now (报名时间), or None when it is."""
    now = now or timezone.now()
    if event.starts_at <= now:
        return _("活动已开始，报名已结束。")
    if event.signup_opens_at and now < event.signup_opens_at:
        return _("报名尚未开始，%(when)s开始报名。") % {"when": _when(event.signup_opens_at)}
    if event.signup_closes_at and now > event.signup_closes_at:
        return _("报名已于%(when)s截止。") % {"when": _when(event.signup_closes_at)}
    return None


def sign_up_refusal(*, event, member, now=None):
    """Why this person cannot press 我要报名 now (not eligible, window closed or not open yet), or None."""
    if event.is_team_event:
        return None
    return eligibility_refusal(event=event, member=member, now=now) or window_refusal(event=event, now=now)


@compiled_once
def _active_entry(member_id, event_id):
    """The person's sign-up that holds a place or waits for one; its SQL is built once per event, not on each sign-up
    of a rush (0.46 → 0.05 ms of CPU)."""
    active = Registration.objects.filter(event=event_id, member=member_id, status__in=Registration.ACTIVE)
    return active.order_by().values("pk")[:1]  # unordered: the default order would join the event for its date


def _lock(event):
    # On SQLite, transactions start IMMEDIATE (see settings), which serialises writers the same way.
    return Event.objects.select_for_update().get(pk=event.pk)


def sign_up(*, event, member, actor=None, on_behalf=False):
    """A person signs up (报名). Eligibility and the sign-up window are checked; when all places
    are taken the person joins the waitlist (候补) in order. Staff adding someone on their behalf
    (on_behalf) are not held to the sign-up window, only to eligibility and capacity."""
    already = ValidationError(_("%(name)s已报名本活动。") % {"name": member.name})
    # A second sign-up is refused before the lock, which every other sign-up queues for; one slipping past the check
    # (a double click) is refused by the unique rule.
    if _active_entry(member.pk, event.pk):
        raise already
    # The event as the caller read it decides who may sign up and when: only the places taken need the lock.
    if event.is_team_event:
        raise ValidationError(_("本活动为团体项目，请由工会小组报名参赛队。"))
    reason = eligibility_refusal(event=event, member=member)
    if reason is None and not on_behalf:
        reason = window_refusal(event=event)
    if reason:
        raise ValidationError(reason)
    note = _("代为报名") if on_behalf else ""
    try:
        registration = places.enter_locking(event=event, actor=actor, member=member, note=note)
    except IntegrityError as error:
        raise already from error
    if registration is None:
        raise ValidationError(_("本活动已被删除，无法报名。"))
    return registration


def sign_up_team(*, event, union_group, actor, name="", captain=None, members=(), on_behalf=False):
    """A union group (工会小组) enters a team for a team event such as 拔河; one team per group.
    A team takes one place; teams beyond the capacity wait in order like people do. Staff entering
    a team on the group's behalf (on_behalf) are not held to the sign-up window."""
    with transaction.atomic():
        event = _lock(event)
        if not event.is_team_event:
            raise ValidationError(_("本活动不是团体项目，请个人报名。"))
        reason = None if on_behalf else window_refusal(event=event)
        if reason:
            raise ValidationError(reason)
        if event.teams.filter(union_group=union_group, registration__status__in=Registration.ACTIVE).exists():
            raise ValidationError(_("%(group)s已报名本活动。") % {"group": union_group})
        _check_team(event=event, union_group=union_group, captain=captain, members=members)
        event.teams.filter(union_group=union_group).delete()  # a cancelled team's row makes way for a new one
        team = Team(event=event, union_group=union_group, name=name or str(union_group), captain=captain)
        team.full_clean()
        team.save()
        team.members.set(members)
        return places.enter(event=event, actor=actor, team=team)


def _check_team(*, event, union_group, captain, members):
    """The captain and the players come from the entering group and may each take part (参加对象)."""
    for person in [captain, *members] if captain else members:
        if person.union_group_id != union_group.pk:
            raise ValidationError(
                _("%(name)s不在%(group)s，不能代表该小组参赛。") % {"name": person.name, "group": union_group}
            )
        reason = eligibility_refusal(event=event, member=person)
        if reason:
            raise ValidationError(_("%(name)s：%(reason)s") % {"name": person.name, "reason": reason})


def cancel(*, registration, actor, note=""):
    """A sign-up is withdrawn (取消报名). When it held a place, the first on the waitlist moves up
    (候补转正) and is told by an in-portal notice (and by email when their account has one)."""
    with transaction.atomic():
        event = _lock(registration.event)
        held_place = FLOW.lock(registration).status == Status.REGISTERED
        registration = FLOW.move(registration, "cancel", actor=actor, note=note)
        if held_place:
            return registration, _promote_next(event=event, actor=actor)
        return registration, None


def _promote_next(*, event, actor):
    taken = event.registrations.filter(status=Status.REGISTERED).count()
    if event.capacity is not None and taken >= event.capacity:
        return None
    waiting = event.registrations.filter(status=Status.WAITLISTED).order_by("position").first()
    if waiting is None:
        return None
    return FLOW.move(waiting, "promote", actor=actor, note=_("候补转正"), checked=False)


def check_in(*, registration, actor, now=None):
    """Staff tick a registered participant as present (签到), from the day of the event on."""
    if registration.status != Status.REGISTERED:
        raise ValidationError(_("只有已报名（非候补）的人员可以签到。"))
    event_day = timezone.localdate(registration.event.starts_at)
    if timezone.localdate(now or timezone.now()) < event_day:
        raise ValidationError(_("活动在%(day)s举行，当天才能签到。") % {"day": event_day.strftime("%Y-%m-%d")})
    if registration.checked_in_at is None:
        registration.checked_in_at = timezone.now()
        registration.save(update_fields=["checked_in_at"])
    return registration


def undo_check_in(*, registration, actor):
    registration.checked_in_at = None
    registration.save(update_fields=["checked_in_at"])
    return registration


def self_check_in(*, event, member, code, now=None):
    """A member scans the code shown at the door (扫码签到) on the day of the event."""
    now = now or timezone.now()
    if code != event.check_in_code:
        raise ValidationError(_("签到码无效。"))
    if timezone.localdate(now) != timezone.localdate(event.starts_at) and not (event.starts_at <= now <= event.ends_at):
        raise ValidationError(_("只能在活动当天签到。"))
    registration = event.registrations.filter(member=member, status=Status.REGISTERED).first()
    if registration is None:
        raise ValidationError(_("您没有本活动的正式报名，不能签到。"))
    return check_in(registration=registration, actor=member.user)


def create_event(*, actor, **fields):
    event = Event(created_by=actor, **fields)
    event.full_clean()
    event.save()
    return event


def update_event(*, event, actor=None, **fields):
    """Staff edit an event. The 名额 may not drop below the places already taken; when it grows,
    the waitlist moves up in order and each promoted person is told, as on a cancellation."""
    with transaction.atomic():
        locked = _lock(event)
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.full_clean()
        taken = locked.registrations.filter(status=Status.REGISTERED).count()
        if locked.capacity is not None and locked.capacity < taken:
            raise ValidationError(
                {"capacity": _("已有 %(taken)s 个名额被占用，名额不能少于这个数。") % {"taken": taken}}
            )
        locked.save()
        while _promote_next(event=locked, actor=actor):
            pass
        return locked


def _awarding_body():
    return UnionProfile.load().name


def record_result(*, event, actor, item="", member=None, team=None, rank=None, prize=""):
    """Record a placing (名次, 一等奖/二等奖/三等奖), once the event has begun: a placing before the start
    is no result. A prize or a top-three place is entered in the honours register (表彰) for the person or
    the team's union group."""
    if not event.has_started():
        raise ValidationError(
            _("活动“%(title)s”的开始时间是%(start)s，尚未开始，不能登记成绩（名次/奖项）。")
            % {"title": event.title, "start": _when(event.starts_at)}
        )
    if (member is None) == (team is None):
        raise ValidationError(_("请选择获奖个人或参赛队（二选一）。"))
    if not rank and not prize:
        raise ValidationError(_("请填写名次或奖项。"))
    with transaction.atomic():
        result = Result(event=event, item=item, member=member, team=team, rank=rank, prize=prize or "")
        result.full_clean()
        result.save()
        if prize in HONOURED_PRIZES or (rank and rank <= 3):
            title = "".join(str(part) for part in (event.title, item, result.placing.replace(" ", "")))
            honour = Honour(
                title=title,
                member=member,
                union_group=team.union_group if team else None,
                year=timezone.localtime(event.starts_at).year,
                level=event.level,
                awarding_body=_awarding_body() if event.level == "school" else "",
                result=result,
            )
            if not honour.awarding_body:
                honour.awarding_body = _("上级工会")
            honour.full_clean()
            honour.save()
        return result


def add_honour(*, title, year, level, awarding_body, member=None, union_group=None):
    """Enter an honour (表彰) given outside our events: 优秀教师, 工会积极分子, 先进女职工 …"""
    if (member is None) == (union_group is None):
        raise ValidationError(_("请选择获奖个人或获奖集体（二选一）。"))
    honour = Honour(
        title=title, year=year, level=level, awarding_body=awarding_body, member=member, union_group=union_group
    )
    honour.full_clean()
    honour.save()
    return honour
