import calendar
import datetime

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import Event, Honour, Registration, Result

Status = Registration.Status


def _registrations(status):
    # a subquery per row, not a join with GROUP BY: the pagination count then reads the events alone, and
    # PostgreSQL counts sign-ups only for the rows of the page, after the sort and the limit
    rows = Registration.objects.filter(event=OuterRef("pk"), status=status).order_by().values("event")
    return Subquery(rows.annotate(n=Count("pk")).values("n"))


def with_counts(events):
    """The events with ``taken`` (registered) and ``waiting`` (on the waitlist)."""
    return events.select_related("joint_department").annotate(
        taken=Coalesce(_registrations(Status.REGISTERED), 0), waiting=Coalesce(_registrations(Status.WAITLISTED), 0)
    )


def event_list(*, past=False, kind="", now=None):
    now = now or timezone.now()
    events = with_counts(Event.objects.all())
    events = events.filter(ends_at__lt=now).order_by("-starts_at") if past else events.filter(ends_at__gte=now)
    if not past:
        events = events.order_by("starts_at")
    if kind:
        events = events.filter(kind=kind)
    return events


def month_grid(year, month):
    """The weeks of a month (Monday first), each day with the events that start on it."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    tz = timezone.get_current_timezone()
    first = datetime.datetime.combine(weeks[0][0], datetime.time.min, tzinfo=tz)
    last = datetime.datetime.combine(weeks[-1][-1] + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    by_day = {}
    for event in Event.objects.filter(starts_at__gte=first, starts_at__lt=last).order_by("starts_at"):
        by_day.setdefault(timezone.localtime(event.starts_at).date(), []).append(event)
    return [[(day, by_day.get(day, [])) for day in week] for week in weeks]


def my_registration(event, member):
    if member is None:
        return None
    return event.registrations.filter(member=member, status__in=Registration.ACTIVE).first()


def my_places(member, events):
    """The member's own active sign-ups among ``events``, by event id, each with ``number``: her place
    on the waitlist (1 = next to move up), in one query."""
    if member is None:
        return {}
    # those ahead counted through a join, not a subquery per row: the same single query, cheaper to build
    ahead = Q(event__registrations__status=Status.WAITLISTED, event__registrations__position__lte=F("position"))
    rows = Registration.objects.filter(
        member=member, event__in=[e.pk for e in events], status__in=Registration.ACTIVE
    ).annotate(number=Count("event__registrations", filter=ahead))
    return {row.event_id: row for row in rows}


def waitlist_number(registration):
    """Place in the waitlist queue, 1 for the next to move up."""
    return registration.event.registrations.filter(
        status=Status.WAITLISTED, position__lte=registration.position
    ).count()


def participants(event):
    return (
        event.registrations.exclude(status=Status.CANCELLED)
        .select_related("member__department", "member__union_group", "team__union_group", "team__captain")
        .prefetch_related("team__members")
        .order_by("status", "position")
    )


def results(event):
    return Result.objects.filter(event=event).select_related("member", "team")


def honours(*, year=None, level=""):
    items = Honour.objects.select_related("member", "union_group")
    if year:
        items = items.filter(year=year)
    if level:
        items = items.filter(level=level)
    return items
