"""红字冲销: an income entry booked wrongly is taken back by a negative twin, never changed or deleted; the chair
and the 经审 are told."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from funds import selectors
from funds.models import Account, Entry, Fund
from funds.services import income
from funds.services.reversal import reverse_entry
from unionportal.notices import Notice

from .factories import executing_budget, paid, subsidy

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _reverse(entry, actor, voucher="收-红-1", reason="金额记错，应为 500.00 元", on=TODAY):
    return reverse_entry(entry=entry, actor=actor, on=on, voucher_number=voucher, reason=reason)


def test_a_wrong_income_is_taken_back_by_its_negative_twin_and_the_right_one_booked_after(users):
    wrong = subsidy(users["accountant"], amount="5000.00")
    reversal = _reverse(wrong, users["accountant"])
    assert (reversal.amount, reversal.direction, reversal.account, reversal.fund, reversal.reverses) == (
        Decimal("-5000.00"),
        Entry.Direction.IN,
        wrong.account,
        wrong.fund,
        wrong,
    )
    assert reversal.summary == "冲销凭证“收-001”：金额记错，应为 500.00 元"
    subsidy(users["accountant"], amount="500.00", voucher="收-002")
    assert selectors.ledger_totals(Entry.objects.filter(year=TODAY.year))["income"] == Decimal("500.00")
    assert Entry.objects.get(pk=wrong.pk).amount == Decimal("5000.00")  # the wrong one stays as it was


def test_the_chair_and_the_auditor_are_told_and_the_accountant_is_not(users):
    _reverse(subsidy(users["accountant"]), users["accountant"])
    told = set(Notice.objects.filter(kind="funds.entry.reverse").values_list("recipient__username", flat=True))
    assert told == {"chair", "auditor"}
    text = Notice.objects.filter(kind="funds.entry.reverse").first().text
    assert "凭证“收-001”（市教育工会补助，5000.00 元）已被红字冲销，冲销凭证“收-红-1”" in text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"reason": "  "}, "冲销原因：请写明记错了什么。"),
        ({"on": None}, "冲销日期：请填写，且不能晚于今天。"),
        ({"on": TODAY + datetime.timedelta(days=1)}, "冲销日期：请填写，且不能晚于今天。"),
        ({"voucher": "收-001"}, "凭证号“收-001”已被使用"),
    ],
)
def test_a_reversal_needs_its_reason_a_date_and_a_new_voucher(users, change, message):
    entry = subsidy(users["accountant"])
    with pytest.raises(ValidationError, match=message):
        _reverse(entry, users["accountant"], **change)
    assert not Entry.objects.filter(reverses=entry).exists()


def test_a_reversal_is_not_dated_before_the_entry(users):
    entry = subsidy(users["accountant"], on=TODAY - datetime.timedelta(days=3))
    with pytest.raises(ValidationError, match="冲销日期：不能早于原记录的日期"):
        _reverse(entry, users["accountant"], on=TODAY - datetime.timedelta(days=4))


def test_an_entry_is_taken_back_once_and_a_reversal_never(users):
    entry = subsidy(users["accountant"])
    reversal = _reverse(entry, users["accountant"])
    with pytest.raises(ValidationError, match="这笔记录已由凭证“收-红-1”冲销"):
        _reverse(entry, users["accountant"], voucher="收-红-2")
    with pytest.raises(ValidationError, match="这是一笔红字冲销记录，不能再冲销"):
        _reverse(reversal, users["accountant"], voucher="收-红-3")


def test_a_payment_is_not_taken_back_here(users):
    executing_budget(actor=users["accountant"])
    expense = paid(users)
    with pytest.raises(ValidationError, match="支出记录随支出申请的支付记账而来"):
        _reverse(expense.entry, users["accountant"])


def test_a_dedicated_fund_keeps_what_it_spent_of_the_income(users):
    fund = Fund.objects.get(name="困难职工救助基金")
    gift = income.record_income(
        account=Account.objects.get(code="107"), fund=fund, amount="1000.00", on=TODAY, voucher_number="收-捐-1",
        summary="爱心捐款转入", actor=users["accountant"],
    )  # fmt: skip
    Entry.objects.create(
        year=TODAY.year, date=TODAY, direction=Entry.Direction.OUT, account=Account.objects.get(code="20102"),
        fund=fund, amount=fund.opening_balance + Decimal("400.00"), voucher_number="付-救-1", summary="救助",
        recorded_by=users["accountant"],
    )  # fmt: skip
    with pytest.raises(ValidationError, match="“困难职工救助基金”余额 600.00 元，少于要冲销的 1000.00 元"):
        _reverse(gift, users["accountant"])


def test_the_database_keeps_amounts_positive_but_in_a_reversal(users):
    entry = subsidy(users["accountant"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.filter(pk=entry.pk).update(amount=Decimal("-1.00"))
    reversal = _reverse(entry, users["accountant"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.filter(pk=reversal.pk).update(amount=Decimal("1.00"))


def test_a_reversed_allocation_can_be_booked_again_for_its_period(users):
    fields = {"on": TODAY, "period": f"{TODAY.year}年1季度", "actor": users["accountant"]}
    wrong = income.record_allocation(payroll_base="300000", voucher_number="拨-1", **fields)
    with pytest.raises(ValidationError, match="不能重复入账"):
        income.record_allocation(payroll_base="3000000", voucher_number="拨-2", **fields)
    _reverse(wrong, users["accountant"], reason="工资总额少记一个0")
    assert income.record_allocation(payroll_base="3000000", voucher_number="拨-2", **fields).amount > wrong.amount


# ---- the pages --------------------------------------------------------------------------------------------


def test_the_accountant_takes_an_entry_back_from_its_page_and_the_ledger_shows_it_red(users, client_as):
    entry = subsidy(users["accountant"])
    client = client_as("accountant")
    ledger = client.get("/funds/ledger/").text
    assert f'href="/funds/ledger/{entry.pk}/"' in ledger
    page = client.get(f"/funds/ledger/{entry.pk}/").text
    assert "确认冲销" in page and "冲销不能撤回" in page
    answer = client.post(
        f"/funds/ledger/{entry.pk}/",
        {"on": TODAY.isoformat(), "voucher_number": "收-红-1", "reason": "金额记错"},
        follow=True,
    )
    reversal = Entry.objects.get(reverses=entry)
    assert answer.redirect_chain[-1][0] == f"/funds/ledger/{reversal.pk}/"
    assert "凭证“收-001”已红字冲销，冲销凭证“收-红-1”；如需更正，请再登记正确的收入。" in answer.text
    ledger = client.get("/funds/ledger/").text
    assert '<tr class="ledger-red">' in ledger and '<td class="text-end">-5000.00</td>' in ledger
    assert '收-001</a> <span class="badge text-bg-secondary">已冲销</span>' in ledger
    again = client.get(f"/funds/ledger/{entry.pk}/").text
    assert "由凭证“收-红-1”红字冲销" in again and "确认冲销" not in again


def test_a_bad_reversal_keeps_what_was_typed_and_names_the_field(users, client_as):
    entry = subsidy(users["accountant"])
    page = client_as("accountant").post(
        f"/funds/ledger/{entry.pk}/", {"on": TODAY.isoformat(), "voucher_number": "收-001", "reason": "金额记错"}
    )
    assert page.status_code == 200
    assert "凭证号“收-001”已被使用" in page.text and 'value="金额记错"' in page.text
    assert not Entry.objects.filter(reverses=entry).exists()


@pytest.mark.parametrize("role", ["chair", "auditor"])
def test_who_reads_the_books_sees_the_entry_but_cannot_take_it_back(users, client_as, role):
    entry = subsidy(users["accountant"])
    client = client_as(role)
    assert "确认冲销" not in client.get(f"/funds/ledger/{entry.pk}/").text
    answer = client.post(f"/funds/ledger/{entry.pk}/", {"on": TODAY.isoformat(), "voucher_number": "x", "reason": "x"})
    assert answer.status_code == 403
    assert not Entry.objects.filter(reverses=entry).exists()


def test_a_reversal_posted_from_a_stale_page_is_told_and_writes_nothing(users, client_as):
    entry = subsidy(users["accountant"])
    _reverse(entry, users["accountant"])
    answer = client_as("accountant").post(
        f"/funds/ledger/{entry.pk}/",
        {"on": TODAY.isoformat(), "voucher_number": "收-红-9", "reason": "金额记错"},
        follow=True,
    )
    assert "这笔记录已由凭证“收-红-1”冲销。" in answer.text
    assert Entry.objects.filter(reverses__isnull=False).count() == 1
