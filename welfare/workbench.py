"""The 帮扶工作台 (the welfare dashboard's lists): the first rows of each list and how many it has in all, the late
campaigns and the year's care summary, read as plain rows in one statement. Each list is its selector's (the same
filters and order as the page its "全部 N 条" opens); the SQL is built once a day per process
(``compiled_together``): building it cost the ORM several times the CPU that PostgreSQL takes to answer it, and its
seven reads one round trip each cost more than PostgreSQL took to answer them. The rows are read on every
request."""

import datetime
from dataclasses import dataclass

from django.db.models import Func, Subquery
from django.utils import timezone

from unionportal.choices import translated_labels
from unionportal.compiled import compiled_together
from unionportal.links import url_for_each

from . import selectors
from .models import Application

ROWS = 10  # each list on the dashboard shows this many, with a link to all of them


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a list on the dashboard: a person, what it is about and, for a file or an application, its link."""

    name: str
    url: str = ""
    day: datetime.date | None = None  # the review, birthday or visit
    status: str = ""  # an application's
    amount: object = None  # an application's, in 元
    department: str | None = None  # a birthday's


@dataclass(frozen=True, slots=True)
class Listed:
    """The first ``ROWS`` lines of a list and how many lines it has in all."""

    lines: list
    count: int


def _first(rows, *fields):
    """The first ROWS of ``rows`` as ``fields``, each with how many rows there are in all, last: the count is a
    subquery the database runs once (a bare COUNT, not an aggregate, so no GROUP BY), which lets the list stop after
    its first rows where an index gives its order; a window count would read every row of the list."""
    in_all = rows.order_by().values(count=Func("pk", function="COUNT"))
    return rows.annotate(rows_in_all=Subquery(in_all)).values_list(*fields, "rows_in_all")[:ROWS]


@dataclass(frozen=True, slots=True)
class Dashboard:
    waiting: Listed  # the applications waiting for the union, newest first
    due_files: list  # the first hardship files due for review, soonest first
    birthdays: Listed  # this month's, in order of the day
    in_hospital: Listed  # the 住院 visits of the last month, newest first
    hospital: int | None  # the occasion those visits were made on (None when there is none)
    behind: list  # the open campaigns behind schedule
    summary: dict  # the year's ``care_summary``


def reads(today: datetime.date, year: int) -> tuple:
    """The dashboard's queries, in the order ``dashboard`` reads their rows."""
    return (
        _first(selectors.applications(status="pending"), "pk", "member__name", "status", "amount_requested"),
        selectors.files_due_for_review(today).values_list("pk", "member__name", "next_review_on")[:ROWS],
        _first(selectors.birthdays_this_month(today), "name", "birth_date", "department__name"),
        _first(selectors.in_hospital(today=today), "member__name", "visited_on", "occasion"),
        selectors.open_campaigns(),
        selectors.payment_groups(year),
        selectors.occasion_groups(year),
    )


_read = compiled_together(reads)


def _listed(rows, line):
    return Listed([line(*row[:-1]) for row in rows], rows[0][-1] if rows else 0)


def dashboard(year: int, today: datetime.date | None = None) -> Dashboard:
    """The dashboard's lists on ``today`` and ``year``'s care summary."""
    today = today or timezone.localdate()
    waiting, due_files, birthdays, in_hospital, campaigns, payment_groups, occasion_groups = _read(today, year)
    application_url, file_url = url_for_each("welfare:application_detail"), url_for_each("welfare:file_detail")
    labels = translated_labels(Application.Status)
    return Dashboard(
        waiting=_listed(
            waiting,
            lambda pk, name, status, amount: Line(name, application_url(pk), status=labels[status], amount=amount),
        ),
        due_files=[Line(name, file_url(pk), day=day) for pk, name, day in due_files],
        birthdays=_listed(birthdays, lambda name, day, department: Line(name, day=day, department=department)),
        in_hospital=_listed(in_hospital, lambda name, day, occasion: Line(name, day=day)),
        hospital=in_hospital[0][2] if in_hospital else None,
        behind=selectors.behind_schedule(campaigns, today),
        summary=selectors.summary_of(payment_groups, occasion_groups),
    )
