"""提醒未签阅人员: who is reminded, once a day, by whom, and the email copy."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from disclosure import services
from disclosure.models import DisclosureItem
from unionportal.notices import Notice

from .factories import make_item

pytestmark = pytest.mark.django_db


def remind_url(item):
    return f"/disclosure/{item.pk}/remind/"


@pytest.fixture
def item(users):
    return make_item("published", needs_signature=True)


def test_only_members_who_have_not_signed_are_reminded(item, users, django_capture_on_commit_callbacks):
    services.sign(item=item, user=users["member"])
    retired = users["auditor"].member
    retired.status = retired.Status.RETIRED
    retired.save()
    with django_capture_on_commit_callbacks(execute=True):
        reminded = services.remind_unsigned(item=item, actor=users["staff"])
    names = {m.name for m in reminded}
    assert "member" not in names and "auditor" not in names and "delegate" in names
    noticed = set(Notice.objects.filter(kind="disclosure.sign").values_list("recipient__member__name", flat=True))
    assert noticed == names
    notice = Notice.objects.get(recipient__username="delegate", kind="disclosure.sign")
    assert item.title in notice.text and notice.url == f"/disclosure/{item.pk}/"


def test_email_copy_goes_to_those_with_an_address(item, users, django_capture_on_commit_callbacks):
    User.objects.filter(username="delegate").update(email="delegate@example.cn")
    with django_capture_on_commit_callbacks(execute=True):
        reminded = services.remind_unsigned(item=item, actor=users["staff"])
    assert len(reminded) > 1
    assert [message.to for message in mail.outbox] == [["delegate@example.cn"]]
    assert item.title in mail.outbox[0].subject


def test_one_reminder_per_item_per_day(item, users):
    services.remind_unsigned(item=item, actor=users["staff"])
    with pytest.raises(ValidationError, match="每天只能提醒一次"):
        services.remind_unsigned(item=item, actor=users["chair"])
    other = make_item("published", needs_signature=True, title="另一事项")
    services.remind_unsigned(item=other, actor=users["staff"])  # the limit is per item
    step = item.steps.get(action="remind")
    step.at -= datetime.timedelta(days=1)
    step.save()
    services.remind_unsigned(item=item, actor=users["chair"])  # a new day
    assert item.steps.filter(action="remind").count() == 2


@pytest.mark.parametrize(
    ("status", "fields"),
    [
        ("published", {"needs_signature": False}),
        ("pending", {"needs_signature": True}),
        ("published", {"audience": DisclosureItem.Audience.PUBLIC}),
    ],
)
def test_only_internal_items_that_ask_for_signatures_on_the_board(status, fields, users):
    item = make_item(status, **fields)
    if item.is_public:  # a row from before the rule that public items are not signed
        DisclosureItem.objects.filter(pk=item.pk).update(needs_signature=True)
        item.refresh_from_db()
    with pytest.raises(ValidationError, match="不需要签阅"):
        services.remind_unsigned(item=item, actor=users["staff"])
    assert not Notice.objects.filter(kind="disclosure.sign").exists()


def test_nobody_to_remind_when_everyone_signed(item, users):
    from disclosure.selectors import unsigned_members

    for member in unsigned_members(item):
        services.sign(item=item, user=member.user)
    with pytest.raises(ValidationError, match="无需提醒"):
        services.remind_unsigned(item=item, actor=users["staff"])
    assert not item.steps.filter(action="remind").exists()


def test_staff_remind_from_the_item_page_and_see_when(item, client_as, django_capture_on_commit_callbacks):
    client = client_as("staff")
    assert 'data-testid="remind"' in client.get(f"/disclosure/{item.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(remind_url(item), follow=True)
    page = response.content.decode()
    assert "名未签阅人员" in page and "上次提醒" in page
    again = client.post(remind_url(item), follow=True).content.decode()
    assert "每天只能提醒一次" in again
    assert item.steps.filter(action="remind").count() == 1


@pytest.mark.parametrize("role", ["member", "handler", "delegate", "welfare", "auditor"])
def test_only_union_staff_may_remind(item, role, client_as):
    assert client_as(role).post(remind_url(item)).status_code == 403
    assert not Notice.objects.filter(kind="disclosure.sign").exists()


def test_visitor_is_not_told_the_item_exists(item, client):
    assert client.post(remind_url(item)).status_code == 302  # to the login page
    assert not Notice.objects.filter(kind="disclosure.sign").exists()


def test_staff_may_not_remind_for_a_public_item(users, client_as):
    item = make_item("published", audience=DisclosureItem.Audience.PUBLIC)
    assert client_as("chair").post(remind_url(item)).status_code == 403
    assert 'data-testid="remind"' not in client_as("chair").get(f"/disclosure/{item.pk}/").content.decode()


def test_reminding_needs_the_csrf_token(item, users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["staff"])
    assert client.post(remind_url(item)).status_code == 403
    assert not Notice.objects.filter(kind="disclosure.sign").exists()
