"""Welfare money through the funds chain (welfare.payouts): nothing is paid on the welfare officer's word, the
row waits on its expense request, the books pay it, and only what was paid is counted and published."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from funds.models import Expense
from funds.services import expenses
from unionportal.notices import Notice
from welfare import payouts, publication, selectors, services
from welfare.models import Campaign, CampaignRecipient, FundSource, Payment

from .factories import make_campaign, make_file, make_member, through_funds, visit_occasion

pytestmark = pytest.mark.django_db
P = Payment.Status


def _visit(users, money="500"):
    return services.record_visit(
        member=make_member("病号"),
        actor=users["welfare"],
        occasion=visit_occasion(),
        visited_on=timezone.localdate(),
        visitors=[users["chair"].member],
        money=money,
        fund_source=FundSource.UNION_FUNDS,
    )


def _year_total():
    return selectors.totals(timezone.localdate().year)["overall"]


def test_a_visits_money_waits_for_the_chain_and_is_counted_once_paid(users):
    visit = _visit(users)
    payment = visit.payment
    expense = payment.expense
    assert payment.status == P.REQUESTED and payment.approver is None
    assert (expense.status, expense.account.code, expense.requester) == ("submitted", "20104", users["welfare"])
    assert (expense.amount, expense.payee) == (Decimal("500.00"), "病号")
    assert _year_total()["times"] == 0
    # the accountant is told it waits for her
    assert Notice.objects.filter(recipient=users["accountant"], kind="funds.expense.request").exists()

    through_funds(expense, users, until="approved")
    payment.refresh_from_db()
    assert payment.status == P.APPROVED and _year_total()["times"] == 0
    # the chain tells the chair after 财务审核, the accountant after the chair's approval
    assert Notice.objects.filter(recipient=users["chair"], kind="funds.expense.review").exists()
    assert Notice.objects.filter(recipient=users["accountant"], kind="funds.expense.approve").exists()

    expense = expenses.pay_expense(
        expense=Expense.objects.get(pk=expense.pk),
        actor=users["accountant"],
        paid_on=timezone.localdate(),
        method="transfer",
        voucher_number="付-慰-07",
    )
    payment.refresh_from_db()
    assert (payment.status, payment.voucher_number, payment.paid_on) == (P.PAID, "付-慰-07", expense.paid_on)
    assert payment.approver == users["chair"]
    assert (_year_total()["times"], _year_total()["yuan"]) == (1, Decimal("500.00"))
    # the welfare officer who asked is told it is paid
    assert Notice.objects.filter(recipient=users["welfare"], text__contains="已支付").exists()


def test_the_welfare_officer_cannot_approve_her_own_request(users):
    expense = _visit(users).payment.expense
    expense = expenses.review_expense(expense=expense, actor=users["accountant"])
    with pytest.raises(ValidationError, match="不能审批同意自己经办的支出"):
        expenses.approve_expense(expense=expense, actor=users["welfare"])
    assert Payment.objects.get().status == P.REQUESTED


def test_no_payment_without_an_application_a_campaign_or_a_visit(users):
    with pytest.raises(ValidationError, match="不能单独登记"):
        services.record_payment(member=make_member(), actor=users["welfare"], amount="4000", fund_source="union")
    assert not Payment.objects.exists() and not Expense.objects.exists()


def test_the_cap_is_checked_when_the_money_is_asked_for(users):
    services.set_yearly_cap(actor=users["chair"], cap="600")
    member = make_member()
    kwargs = dict(member=member, fund_source="union", occasion=visit_occasion())
    services.record_payment(actor=users["welfare"], amount="500", **kwargs)  # still in the chain: committed
    with pytest.raises(ValidationError, match="上限"):
        services.record_payment(actor=users["welfare"], amount="200", **kwargs)
    assert Payment.objects.count() == 1 and Expense.objects.count() == 1


def test_no_money_asked_without_an_executing_budget(users):
    from funds.models import Budget

    Budget.objects.all().delete()
    with pytest.raises(ValidationError, match="预算尚未批复执行"):
        _visit(users)
    assert not Payment.objects.exists()


def test_a_refused_request_is_asked_again_or_cancelled(users):
    payment = _visit(users).payment
    expense = expenses.review_expense(expense=payment.expense, actor=users["accountant"])
    expenses.refuse_expense(expense=expense, actor=users["chair"], note="标准偏高")
    payment.refresh_from_db()
    assert payment.status == P.REFUSED
    with pytest.raises(ValidationError, match="只有经办人本人"):
        payouts.request_again(payment=payment, actor=users["chair"])
    payouts.request_again(payment=payment, actor=users["welfare"])
    payment.refresh_from_db()
    assert payment.status == P.REQUESTED and payment.expense.status == "submitted"
    with pytest.raises(ValidationError, match="只有被退回、未获批准或已撤回"):
        payouts.cancel(payment=payment, actor=users["welfare"])

    expenses.return_expense(expense=payment.expense, actor=users["accountant"], note="请附签收表")
    payment.refresh_from_db()
    assert payment.status == P.RETURNED
    assert payouts.cancel(payment=payment, actor=users["welfare"]) == 1
    assert Expense.objects.get().status == "withdrawn" and not Payment.objects.exists()
    assert _year_total()["times"] == 0


def test_a_withdrawn_request_is_asked_anew(users):
    payment = _visit(users).payment
    old = expenses.withdraw_expense(expense=payment.expense, actor=users["welfare"])
    payment.refresh_from_db()
    assert payment.status == P.WITHDRAWN
    new = payouts.request_again(payment=payment, actor=users["welfare"])
    payment.refresh_from_db()
    assert new.pk != old.pk and payment.expense == new and payment.status == P.REQUESTED


def test_a_campaign_delivers_its_list_as_one_request_and_counts_only_what_is_paid(users):
    campaign = make_campaign(budget="2000", default_amount="300")
    for name in "甲乙丙":
        services.add_recipient(campaign=campaign, member=make_member(name), actor=users["welfare"])
    payments = services.deliver_to_recipients(campaign=campaign, actor=users["welfare"], goods="米、油")
    assert len(payments) == 3 and len({p.expense_id for p in payments}) == 1
    expense = payments[0].expense
    assert (expense.amount, expense.account.code) == (Decimal("900.00"), "20205")  # 送温暖 of hardship cases
    assert campaign.spent() == Decimal("0.00") and campaign.committed() == Decimal("900.00")
    assert publication.recipient_rows(campaign) == []
    with pytest.raises(ValidationError, match="没有待发放"):
        services.deliver_to_recipients(campaign=campaign, actor=users["welfare"])
    through_funds(expense, users)
    assert campaign.spent() == Decimal("900.00")
    assert "共 3 人次，合计 900.00 元" in publication.recipient_list_body(campaign)
    assert set(Payment.objects.values_list("status", flat=True)) == {P.PAID}


def test_cancelling_a_delivery_frees_the_list_row(users):
    campaign = make_campaign()
    recipient = services.add_recipient(campaign=campaign, member=make_member(), actor=users["welfare"])
    payment = services.deliver_to_recipient(recipient=recipient, actor=users["welfare"])
    expenses.withdraw_expense(expense=payment.expense, actor=users["welfare"])
    payouts.cancel(payment=Payment.objects.get(), actor=users["welfare"])
    recipient.refresh_from_db()
    assert recipient.payment is None
    assert services.deliver_to_recipient(recipient=recipient, actor=users["welfare"]).status == P.REQUESTED


def test_each_kind_of_money_goes_to_its_account_and_fund(users):
    gift = make_campaign(name="中秋", kind=Campaign.Kind.FESTIVAL)
    school = make_campaign(name="金秋助学", kind=Campaign.Kind.SCHOOL_AID)
    for campaign in (gift, school):
        services.add_recipient(campaign=campaign, member=make_member(campaign.name), actor=users["welfare"])
        services.deliver_to_recipients(campaign=campaign, actor=users["welfare"])
    gift_expense = gift.payments.get().expense
    school_expense = school.payments.get().expense
    assert (gift_expense.account.code, gift_expense.fund.name) == ("20104", "工会经费")
    assert (school_expense.account.code, school_expense.fund.name) == ("20204", "金秋助学基金")


def test_universal_gift_opened_hardship_list_stays_confidential(users):
    gift = make_campaign(name="中秋", kind=Campaign.Kind.FESTIVAL, confidential=True)
    services.update_campaign(campaign=gift, actor=users["welfare"], confidential=False)
    gift.refresh_from_db()
    assert gift.confidential is False
    warmth = make_campaign()
    with pytest.raises(ValidationError, match="必须保密"):
        services.update_campaign(campaign=warmth, actor=users["welfare"], confidential=False)
    mixed = make_campaign(name="元旦慰问", kind=Campaign.Kind.FESTIVAL, confidential=True)
    CampaignRecipient.objects.create(campaign=mixed, member=make_file().member, amount=100, reason="困难档案")
    with pytest.raises(ValidationError, match="因困难档案列入"):
        services.update_campaign(campaign=mixed, actor=users["welfare"], confidential=False)
    assert Campaign.objects.get(pk=mixed.pk).confidential


def test_the_data_migration_opens_universal_gifts_without_a_hardship_basis(users):
    gift = make_campaign(name="中秋", kind=Campaign.Kind.FESTIVAL, confidential=True)
    mixed = make_campaign(name="元旦慰问", kind=Campaign.Kind.FESTIVAL, confidential=True)
    CampaignRecipient.objects.create(campaign=mixed, member=make_member(), amount=100, reason="困难档案")
    warmth = make_campaign()
    migration = importlib.import_module("welfare.migrations.0009_universal_campaigns_not_confidential")
    migration.open_universal_gifts(apps, None)
    confidential = dict(Campaign.objects.values_list("pk", "confidential"))
    assert confidential == {gift.pk: False, mixed.pk: True, warmth.pk: True}
