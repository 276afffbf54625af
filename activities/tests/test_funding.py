"""An event's money goes through the funds chain: 审批中 until the accountant pays, then its actual cost."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from activities import funding
from activities.models import Event
from funds.services import expenses
from funds.tests.factories import executing_budget

from .factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(users):
    executing_budget(actor=users["accountant"])
    start = timezone.now() + datetime.timedelta(hours=1)
    return make_event(starts_at=start, ends_at=start + datetime.timedelta(hours=2), budget=Decimal("1500.00"))


def _ask(event, users, amount="1200.00"):
    return funding.request_event_funds(event=event, actor=users["staff"], amount=amount, payee="青山文体用品店")


def _pay(expense, users, voucher="付-活动-1"):
    expense = expenses.review_expense(expense=expense, actor=users["accountant"])
    expense = expenses.approve_expense(expense=expense, actor=users["chair"])
    today = timezone.localdate()
    return expenses.pay_expense(
        expense=expense, actor=users["accountant"], paid_on=today, method="transfer", voucher_number=voucher
    )


def test_an_events_money_is_an_expense_of_the_activities_account_and_its_cost_is_what_was_paid(event, users):
    event = _ask(event, users)
    expense = event.expense
    assert expense.account.code == "20102" and expense.amount == Decimal("1200.00")
    assert expense.source.startswith("活动经费") and expense.requester == users["staff"]
    assert Event.objects.get(pk=event.pk).actual_cost is None  # 审批中: nothing spent yet
    _pay(expense, users)
    assert Event.objects.get(pk=event.pk).actual_cost == Decimal("1200.00")


def test_the_organiser_cannot_approve_the_events_money_herself(event, users):
    expense = funding.request_event_funds(event=event, actor=users["chair"], amount="300", payee="食堂").expense
    expense = expenses.review_expense(expense=expense, actor=users["accountant"])
    with pytest.raises(ValidationError, match="不能审批同意自己经办的支出"):
        expenses.approve_expense(expense=expense, actor=users["chair"])


def test_an_event_asks_once_and_again_only_after_a_refusal(event, users):
    event = _ask(event, users)
    with pytest.raises(ValidationError, match="不能重复申请"):
        _ask(event, users)
    expense = expenses.review_expense(expense=event.expense, actor=users["accountant"])
    expenses.refuse_expense(expense=expense, actor=users["chair"], note="超出标准")
    event = _ask(Event.objects.get(pk=event.pk), users, amount="800.00")
    assert event.expense.amount == Decimal("800.00") and event.expense.pk != expense.pk
    _pay(event.expense, users)
    with pytest.raises(ValidationError, match="已经支付"):
        _ask(Event.objects.get(pk=event.pk), users)


@pytest.mark.parametrize(
    ("amount", "message"),
    [("0", "应大于0"), ("-5", "不能为负数"), ("12.345", "最多两位小数"), ("999999", "预算")],
)
def test_a_bad_or_over_budget_amount_is_refused_and_nothing_is_written(event, users, amount, message):
    with pytest.raises(ValidationError, match=message):
        _ask(event, users, amount=amount)
    assert Event.objects.get(pk=event.pk).expense is None


def test_the_event_page_asks_for_money_and_shows_it_waiting(event, users, client_as):
    client = client_as("staff")
    page = client.get(f"/activities/{event.pk}/").content.decode()
    assert "申请经费" in page and "未申请" in page
    page = client.post(
        f"/activities/{event.pk}/funds/", {"amount": "1200.00", "payee": "青山文体用品店"}, follow=True
    ).content.decode()
    assert "活动经费申请已提交" in page and "审批中：待财务审核" in page and "申请经费</button>" not in page
    page = client.post(f"/activities/{event.pk}/funds/", {"amount": "", "payee": "店"}, follow=True).content.decode()
    assert "请填写申请金额（元）" in page


def test_only_organisers_ask_for_an_events_money(event, client_as):
    assert client_as("member").post(f"/activities/{event.pk}/funds/", {"amount": "1", "payee": "x"}).status_code == 403
    assert Event.objects.get(pk=event.pk).expense is None
