"""The daily notice that an item's 公示期 has ended and it waits to be closed (issue 14)."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from disclosure import services, tasks
from unionportal.notices import Notice

from .factories import make_item

pytestmark = pytest.mark.django_db
KIND = "disclosure.disclosureitem.period_over"


def _after(item, days=1):
    return item.period_end + datetime.timedelta(days=days)


def _told(kind=KIND):
    return sorted(Notice.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_the_staff_who_may_close_are_told_once_and_nobody_else(users):
    item = make_item("published", actor=users["staff"])
    assert services.tell_period_over(today=item.period_end) == []  # the last day still runs
    assert services.tell_period_over(today=_after(item)) == [item]
    assert _told() == ["chair", "staff"]
    notice = Notice.objects.filter(kind=KIND).first()
    assert notice.url == item.get_absolute_url() and "公示期已于" in notice.text and "请结束公示" in notice.text
    assert services.tell_period_over(today=_after(item, 2)) == []  # the next morning: nothing new
    assert _told() == ["chair", "staff"]
    step = item.steps.get(action="period_over")
    assert step.actor is None and step.label == "公示期满，待结束公示"


def test_an_unanswered_objection_is_named_in_the_notice(users):
    item = make_item("published", actor=users["staff"])
    services.file_objection(item=item, author=users["member"].member, content="金额不对")
    services.tell_period_over(today=_after(item))
    assert "还有 1 条异议未答复" in Notice.objects.get(kind=KIND, recipient=users["chair"]).text


def test_a_closed_or_still_running_item_is_not_told(users):
    make_item("closed", actor=users["staff"])
    running = make_item("published", actor=users["staff"], title="食堂承包")
    assert services.tell_period_over(today=running.period_end) == []
    assert _told() == []


def test_a_republished_item_is_told_again_when_its_new_period_ends(users):
    item = make_item("published", actor=users["staff"])
    services.tell_period_over(today=_after(item))
    item = services.rectify(item=item, actor=users["staff"], note="更正数字")
    today = timezone.localdate()
    item = services.resubmit(item=item, actor=users["staff"])
    item = services.approve(
        item=item, actor=users["chair"], period_start=today, period_end=today + datetime.timedelta(days=5)
    )
    assert services.tell_period_over(today=_after(item)) == [item]
    assert item.steps.filter(action="period_over").count() == 2
    assert Notice.objects.filter(kind=KIND, recipient=users["chair"]).count() == 2


def test_the_beat_runs_the_task_daily_and_it_counts_what_it_told(users, monkeypatch):
    entry = next(e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"].endswith("tell_period_over"))
    assert import_string(entry["task"]) is tasks.tell_period_over
    assert entry["schedule"].hour == {8} and entry["schedule"].minute == {0}
    item = make_item("published", actor=users["staff"])
    monkeypatch.setattr(timezone, "localdate", lambda *args: _after(item))
    assert tasks.tell_period_over.apply().get() == 1
    assert tasks.tell_period_over.apply().get() == 0
