import calendar
import datetime
from dataclasses import dataclass
from types import SimpleNamespace

from django.db.models import Count, OuterRef, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Now
from django.utils import timezone
from django.utils.translation import gettext as _

from unionportal.choices import translated_labels
from unionportal.compiled import ID_MARK, compiled_with_marks
from unionportal.links import url_for_each
from unionportal.templatetags.portal import ymd_hm

from .models import Event, Honour, Registration, Result

Status = Registration.Status


def _registrations(status):
    # a subquery, not a join with GROUP BY over every column of the event
    rows = Registration.objects.filter(event=OuterRef("pk"), status=status).order_by().values("event")
    return Subquery(rows.annotate(n=Count("pk")).values("n"))


def with_counts(events):
    """The events with ``taken`` (registered) and ``waiting`` (on the waitlist), for one event's page (the list
    uses with_sign_ups())."""
    return events.select_related("joint_department").annotate(
        taken=Coalesce(_registrations(Status.REGISTERED), 0), waiting=Coalesce(_registrations(Status.WAITLISTED), 0)
    )


def event_list(*, past=False, kind="", now=None):
    """The events, the next first (past ones: the latest first); with_sign_ups() adds what a page shows of their
    sign-ups, after the list is counted from the events alone."""
    now = now or timezone.now()
    events = Event.objects.all()
    if past:
        events = events.filter(ends_at__lt=now).order_by("-starts_at")
    else:
        events = events.filter(ends_at__gte=now).order_by("starts_at")
    if kind:
        events = events.filter(kind=kind)
    return events


def _sign_ups_of_the_event(alias):
    return f"FROM {Registration._meta.db_table} {alias} WHERE {alias}.event_id = {Event._meta.db_table}.id"


def with_sign_ups(events, member=None):
    """The events with ``taken`` (registered), ``waiting`` (on the waitlist) and the member's own active sign-up:
    ``my_status`` (None without one) and ``my_number``, her place on the waitlist (1 = next to move up)."""
    # written out: the same subqueries through Subquery and OuterRef take a page of the list more than a millisecond
    # to build and compile, as RawSQL a tenth of that; PostgreSQL runs them for the page's rows only
    count = f"SELECT COUNT(*) {_sign_ups_of_the_event('sign_up')} AND sign_up.status = %s"
    hers = f"{_sign_ups_of_the_event('mine')} AND mine.member_id = %s"
    member_id = getattr(member, "pk", None)
    return events.annotate(
        taken=RawSQL(count, [Status.REGISTERED]),
        waiting=RawSQL(count, [Status.WAITLISTED]),
        my_status=RawSQL(f"SELECT mine.status {hers} AND mine.status IN (%s, %s)", [member_id, *Registration.ACTIVE]),
        my_number=RawSQL(_places_ahead_of_hers, [Status.WAITLISTED, member_id, Status.WAITLISTED]),
    )


# from her own place on the waitlist: for an event she does not wait for (most lines) no sign-up is read, where a
# count of the waitlist up to a place that was NULL read all of the event's sign-ups
_places_ahead_of_hers = (
    f"SELECT COUNT(*) FROM {Registration._meta.db_table} mine JOIN {Registration._meta.db_table} sign_up"
    " ON sign_up.event_id = mine.event_id AND sign_up.status = %s AND sign_up.position <= mine.position"
    f" WHERE mine.event_id = {Event._meta.db_table}.id AND mine.member_id = %s AND mine.status = %s"
)


@dataclass(frozen=True)
class EventRow:
    """A line of the event list, its words translated: ``details`` (when · where · who organises · 已报 … · 候补 …)
    and ``her_place`` (her place on the waitlist, empty unless she waits)."""

    url: str
    title: str
    kind: str
    details: str
    my_status: str | None
    her_place: str


KIND_MARK = "\x00kind"  # stands in for the kind asked for while the list's SQL is built
PAGE_FIELDS = (
    "pk", "title", "kind", "starts_at", "place", "organiser", "joint_department__name", "capacity", "taken",
    "waiting", "my_status", "my_number",
)  # fmt: skip


def _listed(past, by_kind):
    return event_list(past=past, kind=KIND_MARK if by_kind else "", now=Now())


def _page_of(past, by_kind, offset, limit):
    her = SimpleNamespace(pk=ID_MARK)
    return with_sign_ups(_listed(past, by_kind), her).values_list(*PAGE_FIELDS)[offset : offset + limit]


def _count_of(past, by_kind):
    return _listed(past, by_kind).order_by().values_list(RawSQL("COUNT(*)", ()))  # RawSQL: no GROUP BY


_page = compiled_with_marks(_page_of, (ID_MARK, KIND_MARK))
_count = compiled_with_marks(_count_of, (KIND_MARK,))


class EventPages:
    """The list page's events as Django's Paginator counts and slices them: upcoming or past, of one kind or all,
    with_sign_ups() for ``member``, each page a list of dicts of PAGE_FIELDS. Their SQL is built once per process
    (for each page's offset), compared against the database's clock: building the list's query and its count took
    the ORM more CPU than PostgreSQL took to answer both."""

    def __init__(self, *, past=False, kind="", member=None):
        self.past, self.kind, self.member_id = past, kind, getattr(member, "pk", None)

    def count(self):
        return _count((self.kind,), self.past, bool(self.kind))[0][0]

    def __getitem__(self, page):
        if page.stop <= page.start:  # the one page of an empty list
            return []
        rows = _page((self.member_id, self.kind), self.past, bool(self.kind), page.start, page.stop - page.start)
        return [dict(zip(PAGE_FIELDS, row, strict=True)) for row in rows]


def event_rows(rows) -> list[EventRow]:
    """The list page's lines from ``rows``, a page of EventPages: each message translated once per page rather than
    once per line, and the details line joined here rather than from nine template variables."""
    url = url_for_each("activities:detail")
    kinds, organisers = map(translated_labels, (Event.Kind, Event.Organiser))
    joint, limited, unlimited = _("工会与%(department)s联合主办"), _("已报 %(taken)s/%(capacity)s"), _("已报 %(taken)s")
    waiting, place = _("候补 %(waiting)s"), _("候补 第%(number)s位")

    def details(row):
        department, organiser = row["joint_department__name"], row["organiser"]
        if organiser == Event.Organiser.JOINT and department is not None:
            organiser = joint % {"department": department}
        else:
            organiser = organisers[organiser]
        parts = [
            ymd_hm(timezone.localtime(row["starts_at"])),
            row["place"],
            organiser,
            (limited if row["capacity"] else unlimited) % row,
        ]
        return " · ".join([*parts, waiting % row] if row["waiting"] else parts)

    return [
        EventRow(
            url=url(row["pk"]),
            title=row["title"],
            kind=kinds[row["kind"]],
            details=details(row),
            my_status=row["my_status"],
            her_place=place % {"number": row["my_number"]} if row["my_status"] == Status.WAITLISTED else "",
        )
        for row in rows
    ]


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
