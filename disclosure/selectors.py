"""The reads the 公开 pages need."""

import datetime
import functools
from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone

from members.models import Member
from unionportal.choices import translated_labels
from unionportal.compiled import compiled_per_arguments, execute_prepared
from unionportal.links import url_for_each
from unionportal.models import UnionKind, UnionProfile
from unionportal.roles import is_handler, is_union_staff
from unionportal.templatetags.portal import ymd
from unionportal.vocabulary import union_profile

from .models import Category, DisclosureItem, ItemStep, Objection, ReadReceipt, term_bounds

S = DisclosureItem.Status


def categories(kind=None):
    return Category.objects.filter(kind=kind or union_profile().kind).select_related("department")


# (pk, name) of a kind of union's categories, for the board's filter bar: every board page reads them, through SQL
# the ORM builds once per process rather than on each request
_category_choices = compiled_per_arguments(lambda kind: Category.objects.filter(kind=kind).values_list("pk", "name"))


def category_choices() -> list[tuple[int, str]]:
    """(pk, name) of the union's categories, for the board's filter bar."""
    return _category_choices(union_profile().kind)


def _on_board(public_only):
    """Visitors see only 对外 items; that rule holds for search and for the years too."""
    items = DisclosureItem.objects.filter(status__in=DisclosureItem.ON_BOARD)
    return items.filter(audience=DisclosureItem.Audience.PUBLIC) if public_only else items


def board(user, *, category=None, year=None, query=""):
    """Items on the board, newest first: count them as they are, and make a page of them into board_rows()."""
    items = _on_board(public_only=not user.is_authenticated)
    if category:
        items = items.filter(category_id=category)
    if year:
        items = items.filter(published_on__year=year)
    if query:
        # Chinese has no case: icontains would have PostgreSQL upper-case every title and body it reads, twice the work
        lookup = "icontains" if query.lower() != query.upper() else "contains"
        items = items.filter(Q(**{f"title__{lookup}": query}) | Q(**{f"body__{lookup}": query}))
    return items.order_by("-published_on", "-pk")


@dataclass(frozen=True, slots=True)
class BoardRow:
    """One line of the board, as it shows it; its badge (disclosure_board.Badge) reads the names an item has."""

    url: str
    title: str
    status: str
    status_label: str
    days_left: int | None
    is_public: bool
    published_on: str  # as |ymd writes it
    category_name: str


# written out: Exists(Objection.objects.filter(item=OuterRef("pk"))) takes the page a third of a millisecond more
# to build and compile
_HAS_OBJECTIONS = (
    f"EXISTS(SELECT 1 FROM {Objection._meta.db_table} objection"
    f" WHERE objection.item_id = {DisclosureItem._meta.db_table}.id)"
)


def board_rows(items) -> list[BoardRow]:
    """The board page's lines from ``items``, a page of board(): read with values(), without an item per line,
    the status labels translated and today's date read once per page rather than once per line."""
    labels, today, url = translated_labels(S), timezone.localdate(), url_for_each("disclosure:detail")
    # the category's name is joined here, not in board(): count() would keep the join, and PostgreSQL would then
    # join every item on the board (20 ms for 42,000) where the items alone are counted from an index (2 ms)
    rows = items.values(
        "pk", "title", "audience", "status", "period_end", "published_on",
        category_name=F("category__name"),
        has_objections=RawSQL(_HAS_OBJECTIONS, ()),  # for the label
    )  # fmt: skip
    return [
        BoardRow(
            url=url(row["pk"]),
            title=row["title"],
            status=row["status"],
            status_label=DisclosureItem.label_of(row["status"], row["has_objections"], labels),
            days_left=DisclosureItem.days_left_of(row["status"], row["period_end"], today),
            is_public=row["audience"] == DisclosureItem.Audience.PUBLIC,
            published_on=ymd(row["published_on"]),
            category_name=row["category_name"],
        )
        for row in rows
    ]


def board_years(user) -> list[int]:
    """The years in which items now on the board were first published, newest first."""
    with connection.cursor() as cursor:
        sql, params = _board_years_sql(connection.vendor, public_only=not user.is_authenticated)
        execute_prepared(cursor, sql, params, fixed_values=True)
        return [int(year) for (year,) in cursor.fetchall()]


@functools.cache
def _board_years_sql(vendor, public_only):  # built once per process, as for the categories
    # a loose index scan: one probe of the board's index per year, where a GROUP BY or DISTINCT over the year
    # reads every item on the board
    board, params = _on_board(public_only).order_by().values("published_on").query.sql_with_params()
    year_start_sql, start_params = connection.ops.date_trunc_sql("year", "years.latest", ())
    year_sql, year_params = connection.ops.date_extract_sql("year", "latest", ())
    sql = f"""WITH RECURSIVE years(latest) AS (
        SELECT MAX(published_on) FROM ({board}) board
        UNION ALL
        SELECT (SELECT MAX(published_on) FROM ({board}) board WHERE published_on < {year_start_sql}) FROM years
        WHERE latest IS NOT NULL
    ) SELECT {year_sql} FROM years WHERE latest IS NOT NULL"""
    return sql, (*params, *params, *start_params, *year_params)


def work_list(user):
    """Items still in the making: all of them for union staff, his department's for a handler, and those
    awaiting 预审 for a member of the 公开领导小组."""
    items = DisclosureItem.objects.exclude(status__in=[S.CLOSED, S.ARCHIVED]).select_related("category", "department")
    if not is_union_staff(user):
        department = getattr(getattr(user, "member", None), "department_id", None)
        shown = Q(department_id=department) if department and is_handler(user) else Q(pk__in=[])
        if user.has_perm("disclosure.review"):
            shown |= Q(status=S.PENDING)
        items = items.filter(shown)
    return items.order_by("status", "-pk")


def item_detail(pk):
    return (
        DisclosureItem.objects.select_related("category", "department", "responsible", "created_by")
        .prefetch_related("attachments")
        .get(pk=pk)
    )


def timeline(item):
    return item.steps.select_related("actor__member")


def objections(item):
    return Objection.objects.filter(item=item).select_related("author", "answered_by__member")


def unsigned_members(item):
    """Active members with a login who have not yet clicked 已阅."""
    signed = ReadReceipt.objects.filter(item=item).values("user_id")
    return (
        Member.objects.filter(status=Member.Status.ACTIVE, is_union_member=True, user__isnull=False)
        .exclude(user_id__in=signed)
        .order_by("name_pinyin")
    )


def last_reminder(item):
    """The latest 提醒未签阅人员 step of the item, or None."""
    return item.steps.filter(action="remind").select_related("actor__member").order_by("-at", "-pk").first()


def unanswered_objections():
    return Objection.objects.filter(answered_at__isnull=True).select_related("item").order_by("created_at")


def awaiting_close(today=None):
    """Items whose 公示期 has ended and that wait to be closed (or sent to 整改)."""
    today = today or timezone.localdate()
    return DisclosureItem.objects.filter(status=S.PUBLISHED, period_end__lt=today).order_by("period_end")


def untold_period_over(today=None):
    """Items waiting to be closed whose staff have not yet been told so for this 公示期: no 公示期满 step
    since the item was last published (预审通过; ``republish``: 整改后重新公示 on older timelines, when a rectified
    item went up again without 预审)."""
    steps = ItemStep.objects.filter(item=OuterRef("pk"))
    published_at = steps.filter(action__in=("approve", "republish")).order_by("-at").values("at")[:1]
    return (
        awaiting_close(today)
        .annotate(published_at=Coalesce(Subquery(published_at), F("created_at")))
        .exclude(Exists(steps.filter(action="period_over", at__gte=OuterRef("published_at"))))
    )


def pending_review_count():
    return DisclosureItem.objects.filter(status=S.PENDING).count()


# --- overdue cadence (定期公开) --------------------------------------------------


def period_bounds(period, day, kind=UnionKind.SCHOOL):
    if period == Category.Period.MONTHLY:
        start = day.replace(day=1)
        end = (start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        return start, end
    if period == Category.Period.TERMLY:
        return term_bounds(day, kind)
    return datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31)


@dataclass(frozen=True)
class Overdue:
    category: Category
    period_start: datetime.date  # the last complete period, which ended with nothing published
    period_end: datetime.date
    missed: int  # complete periods in a row, up to that one, with nothing published

    @property
    def serious(self):
        """连续两个周期内不公开: two missed periods in a row."""
        return self.missed >= 2


def overdue_categories(today=None, kind=None):
    """定期 categories whose last complete period ended with nothing published, with the run of empty periods.

    A period counts only once it has ended: a month that began this week is not yet missed, whatever it holds.
    """
    today = today or timezone.localdate()
    kind = kind or UnionProfile.load().kind
    current_starts = {period: period_bounds(period, today, kind)[0] for period in Category.Period.values}
    # Periods tile the calendar, so the latest publication before the current period alone decides the run of
    # missed ones (every later complete period is empty): one row per category, whatever the board holds, each
    # latest date read from the end of an index rather than by aggregating all the category's items.
    published = DisclosureItem.objects.filter(category=OuterRef("pk")).order_by("-published_on")
    periodic = (
        categories(kind)
        .filter(cadence=Category.Cadence.PERIODIC)
        .annotate(
            **{
                f"latest_{period}": Subquery(published.filter(published_on__lt=start).values("published_on")[:1])
                for period, start in current_starts.items()
            }
        )
    )
    result = []
    for category in periodic:
        latest = getattr(category, f"latest_{category.period}")
        start, last_missed, missed = current_starts[category.period], None, 0
        while True:
            prev_start, prev_end = period_bounds(category.period, start - datetime.timedelta(days=1), kind)
            if prev_end < category.tracked_from or (latest and latest >= prev_start):
                break
            missed += 1
            last_missed = last_missed or (prev_start, prev_end)
            start = prev_start
        if missed:
            result.append(Overdue(category, *last_missed, missed))
    return result
