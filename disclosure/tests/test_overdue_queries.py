"""overdue_categories runs on every chair and staff home page: what it loads must not grow with the board."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from disclosure import selectors
from disclosure.models import Category, DisclosureItem

from .factories import make_category

pytestmark = pytest.mark.django_db
D = datetime.date


def _publish(category, *days):
    DisclosureItem.objects.bulk_create(
        DisclosureItem(category=category, title="t", body="b", status="closed", published_on=day) for day in days
    )


def _rows_loaded(today):
    """Queries and rows overdue_categories reads from the database (each captured query run again to count)."""
    with CaptureQueriesContext(connection) as queries:
        selectors.overdue_categories(today, kind="school")
    rows = 0
    for query in queries:
        with connection.cursor() as cursor:
            cursor.execute(query["sql"])
            rows += len(cursor.fetchall())
    return len(queries), rows


def test_overdue_categories_load_one_row_per_category_whatever_the_items(django_assert_max_num_queries):
    categories = [
        make_category(name, kind="school", cadence=Category.Cadence.PERIODIC, period=period, tracked_from=D(2020, 1, 1))
        for name, period in [("经营收支", Category.Period.MONTHLY), ("财务预决算", Category.Period.YEARLY)]
    ]
    for category in categories:
        _publish(category, D(2024, 1, 5))
    few = _rows_loaded(D(2026, 5, 20))
    for category in categories:
        _publish(category, *(D(2024, 1 + i % 12, 1) for i in range(60)))
    many = _rows_loaded(D(2026, 5, 20))
    assert many == few
    assert few[1] <= len(categories)


def _missed_periods_counted_day_by_day(category, days, today):
    """The rule spelled out over every publication: back from the current period, one complete period at a time."""
    start = selectors.period_bounds(category.period, today)[0]
    missed = 0
    while True:
        prev_start, prev_end = selectors.period_bounds(category.period, start - datetime.timedelta(days=1))
        if prev_end < category.tracked_from or any(prev_start <= day <= prev_end for day in days):
            return missed or None
        missed += 1
        start = prev_start


@pytest.mark.parametrize("period", [Category.Period.MONTHLY, Category.Period.TERMLY, Category.Period.YEARLY])
def test_latest_publication_gives_the_same_answer_as_every_publication(period):
    category = make_category("定期", kind="school", cadence=Category.Cadence.PERIODIC, period=period,
                             tracked_from=D(2021, 3, 1))  # fmt: skip
    days = [D(2021, 1, 1) + datetime.timedelta(days=n) for n in range(0, 2000, 97)]
    _publish(category, *days)
    for today in (D(2021, 2, 1) + datetime.timedelta(days=n) for n in range(0, 2200, 41)):
        expected = _missed_periods_counted_day_by_day(category, [d for d in days if d <= today], today)
        overdue = selectors.overdue_categories(today, kind="school")
        assert [o.missed for o in overdue] == ([] if expected is None else [expected]), today
