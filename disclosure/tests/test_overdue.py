import datetime

import pytest

from disclosure import selectors
from disclosure.dashboard import cards
from disclosure.models import Category, DisclosureItem

from .factories import make_category

pytestmark = pytest.mark.django_db
D = datetime.date


START = D(2025, 1, 1)


def monthly(tracked_from=START):
    return make_category(
        "经营收支",
        kind="school",
        cadence=Category.Cadence.PERIODIC,
        period=Category.Period.MONTHLY,
        tracked_from=tracked_from,
    )


def published_on(category, day):
    DisclosureItem.objects.create(category=category, title="t", body="b", status="closed", published_on=day)


def test_category_published_last_period_is_not_overdue():
    category = monthly()
    published_on(category, D(2026, 4, 28))
    assert selectors.overdue_categories(D(2026, 5, 20), kind="school") == []


def test_a_period_still_running_is_not_missed_yet():
    category = monthly()
    published_on(category, D(2026, 4, 3))
    assert selectors.overdue_categories(D(2026, 5, 2), kind="school") == []
    assert selectors.overdue_categories(D(2026, 5, 31), kind="school") == []


def test_a_period_that_ended_empty_is_overdue_but_not_serious_after_one_miss():
    category = monthly()
    published_on(category, D(2026, 3, 10))
    [overdue] = selectors.overdue_categories(D(2026, 5, 20), kind="school")
    assert (overdue.period_start, overdue.period_end) == (D(2026, 4, 1), D(2026, 4, 30))
    assert overdue.missed == 1 and not overdue.serious


def test_publishing_now_does_not_make_up_for_a_period_that_ended_empty():
    category = monthly()
    published_on(category, D(2026, 3, 10))
    published_on(category, D(2026, 5, 3))
    [overdue] = selectors.overdue_categories(D(2026, 5, 20), kind="school")
    assert (overdue.period_start, overdue.missed) == (D(2026, 4, 1), 1)


def test_two_missed_periods_in_a_row_are_serious():
    category = monthly()
    published_on(category, D(2026, 2, 10))
    [overdue] = selectors.overdue_categories(D(2026, 5, 20), kind="school")
    assert overdue.missed == 2 and overdue.serious  # March and April


def test_periods_before_tracking_began_do_not_count():
    monthly(tracked_from=D(2026, 4, 1))
    [overdue] = selectors.overdue_categories(D(2026, 5, 20), kind="school")
    assert overdue.missed == 1
    monthly(tracked_from=D(2026, 5, 1)).delete()
    assert [o.missed for o in selectors.overdue_categories(D(2026, 5, 20), kind="school")] == [1]


def test_prompt_and_anytime_categories_are_never_overdue():
    make_category("其他", kind="school", cadence=Category.Cadence.ANYTIME)
    assert selectors.overdue_categories(D(2026, 5, 20), kind="school") == []


def test_terms_run_february_to_july_and_august_to_january():
    assert selectors.period_bounds("termly", D(2026, 1, 15)) == (D(2025, 8, 1), D(2026, 1, 31))
    assert selectors.period_bounds("termly", D(2026, 3, 1)) == (D(2026, 2, 1), D(2026, 7, 31))
    # an enterprise's 每半年 halves the calendar year
    assert selectors.period_bounds("termly", D(2026, 1, 15), "enterprise") == (D(2026, 1, 1), D(2026, 6, 30))
    assert selectors.period_bounds("termly", D(2026, 8, 1), "enterprise") == (D(2026, 7, 1), D(2026, 12, 31))
    assert selectors.period_bounds("monthly", D(2024, 2, 10)) == (D(2024, 2, 1), D(2024, 2, 29))


def test_staff_dashboard_marks_two_missed_periods_red(rf, users):
    category = monthly(tracked_from=D(2000, 1, 1))
    request = rf.get("/")
    request.user = users["staff"]
    [card] = [c for c in cards(request) if category.name in c.title]
    assert card.level == "danger"
    request.user = users["member"]
    assert cards(request) == []


def test_home_page_shows_the_overdue_card_to_staff(client_as):
    category = monthly(tracked_from=D(2000, 1, 1))
    page = client_as("staff").get("/").content.decode()
    assert category.name in page
    assert category.name not in client_as("member").get("/").content.decode()


def test_the_whole_run_of_missed_periods_is_counted():
    category = monthly()
    published_on(category, D(2025, 12, 10))
    [overdue] = selectors.overdue_categories(D(2026, 5, 20), kind="school")
    assert overdue.missed == 4  # January to April; May is still running
