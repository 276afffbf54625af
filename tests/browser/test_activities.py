import pytest

from activities.tests.factories import make_event

from .actions import press


@pytest.fixture
def last_place_event(users):
    return make_event(title="教工登山活动", capacity=1)


def test_waitlisted_member_is_promoted_when_the_first_cancels(
    phone_page, page, log_in, live_server, last_place_event, screenshot
):
    event_url = f"{live_server.url}/activities/{last_place_event.pk}/"

    first = phone_page
    log_in(first, "member")
    first.goto(event_url)
    first.get_by_role("button", name="我要报名").click()
    first.get_by_text("报名成功").wait_for()
    assert first.get_by_test_id("places").inner_text().startswith("已报 1 / 1")
    overflow = first.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    screenshot(first, "activities-signed-up-phone")

    second = page
    log_in(second, "delegate")
    second.goto(event_url)
    second.get_by_role("button", name="报名候补").click()
    second.get_by_text("您在候补名单第 1 位").wait_for()

    press(first, "cancel")
    first.get_by_text("已取消报名").wait_for()

    second.goto(f"{live_server.url}/")
    second.get_by_text("候补已转为正式报名").wait_for()
    screenshot(second, "activities-promoted-notice")
    second.goto(event_url)
    second.get_by_text("您已报名").wait_for()
