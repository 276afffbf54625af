"""The 帮扶工作台 (the welfare dashboard's lists): the first rows of each list and how many it has in all, read as
plain rows. Each list is its selector's (the same filters and order as the page its "全部 N 条" opens); the SQL is
built once a day per process (``compiled_per_arguments``): building it cost the ORM several times the CPU that
PostgreSQL takes to answer it. The rows are read on every request."""

import datetime
from dataclasses import dataclass

from django.db.models import Func, Subquery
from django.utils import timezone

from unionportal.choices import translated_labels
from unionportal.compiled import compiled_per_arguments
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


_waiting = compiled_per_arguments(
    lambda: _first(selectors.applications(status="pending"), "pk", "member__name", "status", "amount_requested")
)
_due_files = compiled_per_arguments(
    lambda today: selectors.files_due_for_review(today).values_list("pk", "member__name", "next_review_on")[:ROWS]
)
_birthdays = compiled_per_arguments(
    lambda today: _first(selectors.birthdays_this_month(today), "name", "birth_date", "department__name")
)
_in_hospital = compiled_per_arguments(
    lambda today: _first(selectors.in_hospital(today=today), "member__name", "visited_on", "occasion")
)


def _listed(rows, line):
    return Listed([line(*row[:-1]) for row in rows], rows[0][-1] if rows else 0)


def waiting():
    """The applications waiting for the union (``applications(status="pending")``), newest first."""
    url, labels = url_for_each("welfare:application_detail"), translated_labels(Application.Status)
    return _listed(
        _waiting(),
        lambda pk, name, status, amount: Line(name, url(pk), status=labels[status], amount=amount),
    )


def due_files(today=None):
    """The first hardship files due for review (``files_due_for_review``), soonest first."""
    url = url_for_each("welfare:file_detail")
    return [Line(name, url(pk), day=day) for pk, name, day in _due_files(today or timezone.localdate())]


def birthdays(today=None):
    """This month's birthdays (``birthdays_this_month``), in order of the day."""
    rows = _birthdays(today or timezone.localdate())
    return _listed(rows, lambda name, day, department: Line(name, day=day, department=department))


def in_hospital(today=None):
    """The 住院 visits of the last month (``in_hospital``), newest first, and the occasion they were made on."""
    rows = _in_hospital(today or timezone.localdate())
    return _listed(rows, lambda name, day, occasion: Line(name, day=day)), rows[0][2] if rows else None
