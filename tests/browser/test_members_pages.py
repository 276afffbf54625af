"""The statistics page, the roster and the printed roster on a desktop and on a phone (390px)."""

import datetime

import pytest

from members.models import Department, Member, UnionGroup

PAGES = {"statistics": "/members/statistics/", "roster": "/members/", "roster-print": "/members/print/"}


@pytest.fixture
def small_union(db):
    department = Department.objects.create(name="教务处")
    names = ["语文组", "数学组", "后勤组"]
    groups = [UnionGroup.objects.create(name=name, sort_order=i) for i, name in enumerate(names)]
    kinds = ["established", "contract", "dispatched"]
    for i, name in enumerate(["王芳", "张伟", "丁磊", "欧阳青", "李娜", "刘洋", "陈静", "黄磊", "赵敏"]):
        Member.objects.create(
            name=name, gender="FM"[i % 2], birth_date=datetime.date(1970 + i * 3, 5, 1), department=department,
            union_group=groups[i % 3], employment_type=kinds[i % 3], is_union_member=i % 4 != 0, title="一级教师",
        )  # fmt: skip


@pytest.mark.parametrize("name", PAGES)
def test_members_pages_fit_desktop_and_phone(name, page, phone_page, log_in, live_server, small_union, screenshot):
    for browser_page, size in ((page, "desktop"), (phone_page, "phone")):
        log_in(browser_page, "chair")
        browser_page.goto(f"{live_server.url}{PAGES[name]}")
        assert browser_page.locator("table").first.is_visible()
        overflow = browser_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{name} is {overflow}px wider than the {size} screen"
        screenshot(browser_page, f"members-{name}-{size}")


def test_printed_roster_lists_hand_checked_names_in_stroke_order(page, log_in, live_server, screenshot):
    from tests.test_strokes import HAND_CHECKED

    group = UnionGroup.objects.create(name="语文组")
    for name in reversed(HAND_CHECKED):  # created against the order, so the page must sort them
        Member.objects.create(name=name, gender="F", union_group=group)
    log_in(page, "chair")
    page.goto(f"{live_server.url}/members/print/?union_group={group.pk}")
    names = page.get_by_test_id("print-roster").locator("td.name").all_inner_texts()
    assert names == HAND_CHECKED
    screenshot(page, "members-roster-print-stroke-order")
