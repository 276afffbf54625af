import calendar
import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import Event, Honour, Registration, Result

Status = Registration.Status


def _registrations(status):
    # a subquery, not a join with GROUP BY over every column of the event
    rows = Registration.objects.filter(event=OuterRef("pk"), status=status).order_by().values("event")
    return Subquery(rows.annotate(n=Count("pk")).values("n"))


def with_counts(events):
    """The events with ``taken`` (registered) and ``waiting`` (on the waitlist), for one event's page; a page of
    the list counts its rows with add_sign_ups()."""
    return events.select_related("joint_department").annotate(
        taken=Coalesce(_registrations(Status.REGISTERED), 0), waiting=Coalesce(_registrations(Status.WAITLISTED), 0)
    )


def event_list(*, past=False, kind="", now=None):
    """The events, the next first (past ones: the latest first), without their sign-ups: the list's count reads
    the events alone, and add_sign_ups() counts them for the rows of a page."""
    now = now or timezone.now()
    events = Event.objects.select_related("joint_department")
    if past:
        events = events.filter(ends_at__lt=now).order_by("-starts_at")
    else:
        events = events.filter(ends_at__gte=now).order_by("starts_at")
    if kind:
        events = events.filter(kind=kind)
    return events


@dataclass(frozen=True)
class Place:
    """A member's own active sign-up for an event, as the event list shows it."""

    status: str
    number: int  # her place on the waitlist, 1 = next to move up


def add_sign_ups(events, member=None) -> None:
    """Set on each of ``events`` (a page of them) ``taken`` (registered), ``waiting`` (on the waitlist) and
    ``mine``: the member's own active sign-up as a Place, or None. One query for the whole page."""
    if not events:
        return
    # written out, not through the ORM: building and compiling the same query (two FILTERed counts and a join
    # to her own row) costs the page more than a millisecond, twenty times what PostgreSQL takes to answer it
    table = Registration._meta.db_table
    ids = [event.pk for event in events]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT sign_up.event_id,
                    COUNT(*) FILTER (WHERE sign_up.status = %s),
                    COUNT(*) FILTER (WHERE sign_up.status = %s),
                    MAX(mine.status),
                    COUNT(*) FILTER (WHERE sign_up.status = %s AND sign_up.position <= mine.position)
                FROM {table} sign_up
                LEFT JOIN {table} mine ON mine.event_id = sign_up.event_id AND mine.member_id = %s
                    AND mine.status IN (%s, %s)
                WHERE sign_up.event_id IN ({", ".join(["%s"] * len(ids))})
                GROUP BY sign_up.event_id""",
            [Status.REGISTERED, Status.WAITLISTED, Status.WAITLISTED, getattr(member, "pk", None), *Registration.ACTIVE]
            + ids,
        )
        counts = {row[0]: row[1:] for row in cursor.fetchall()}
    for event in events:
        event.taken, event.waiting, status, number = counts.get(event.pk, (0, 0, None, 0))
        event.mine = Place(status, number) if status else None


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
