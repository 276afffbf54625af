"""The welfare pages of money through the funds chain: the ledger's status and its buttons, 全部发放, the
campaign edit page with its 名单保密 flag, and no free-standing payment form."""

import pytest

from funds.services import expenses
from welfare import services
from welfare.models import Campaign, Payment

from .factories import make_campaign, make_member

pytestmark = pytest.mark.django_db


def test_deliver_all_asks_for_the_lists_money_at_once(client_as, users):
    campaign = make_campaign(name="中秋", kind=Campaign.Kind.FESTIVAL, budget="1000", default_amount="200")
    for name in "甲乙":
        services.add_recipient(campaign=campaign, member=make_member(name), actor=users["staff"])
    page = client_as("staff").post(f"/welfare/campaigns/{campaign.pk}/deliver-all/", follow=True).content.decode()
    assert "已为2人提交支出申请，合计400.00元" in page
    assert "另有 2 人次的经费在财务审核、主席审批中" in page
    expense = Payment.objects.first().expense
    assert expense.requester == users["staff"] and expense.amount == 400
    again = client_as("staff").post(f"/welfare/campaigns/{campaign.pk}/deliver-all/", follow=True).content.decode()
    assert "名单上没有待发放的人。" in again


def test_the_ledger_says_where_the_money_stands_and_offers_a_stuck_one_again(client_as, users):
    campaign = make_campaign()
    recipient = services.add_recipient(campaign=campaign, member=make_member("陈燕"), actor=users["welfare"])
    payment = services.deliver_to_recipient(recipient=recipient, actor=users["welfare"])
    client = client_as("welfare")
    page = client.get("/welfare/payments/").content.decode()
    assert "经费审批中" in page and "重新申请" not in page
    expense = expenses.review_expense(expense=payment.expense, actor=users["accountant"])
    expenses.refuse_expense(expense=expense, actor=users["chair"], note="标准偏高")
    page = client.get("/welfare/payments/").content.decode()
    assert "经费未获批准" in page and "重新申请" in page and "确认取消发放" in page
    done = client.post(f"/welfare/payments/{payment.pk}/request_again/", follow=True).content.decode()
    assert "已重新提交支出申请（300.00元），等待财务审核。" in done
    refused = client.post(f"/welfare/payments/{payment.pk}/cancel/", follow=True).content.decode()
    assert "只有被退回、未获批准或已撤回的经费申请才能重新申请或取消" in refused
    assert client.post(f"/welfare/payments/{payment.pk}/approve/").status_code == 404
    assert client_as("staff").post(f"/welfare/payments/{payment.pk}/cancel/").status_code == 403


def test_the_payment_form_needs_a_campaign_and_has_no_approver(client_as, users):
    client = client_as("welfare")
    page = client.get("/welfare/payments/new/").content.decode()
    assert "审批人" not in page and 'name="approver"' not in page
    member = make_member()
    response = client.post(
        "/welfare/payments/new/", {"member": member.pk, "kind": "grant", "amount": "4000", "fund_source": "union"}
    )
    assert "慰问活动" in response.content.decode() and not Payment.objects.exists()


def test_campaign_edit_sets_the_confidential_flag_of_a_universal_gift_only(client_as, users):
    gift = make_campaign(name="中秋", kind=Campaign.Kind.FESTIVAL, confidential=True)
    data = {
        "name": "中秋",
        "kind": "festival",
        "year": gift.year,
        "budget": "1000",
        "default_amount": "200",
        "fund_source": "union",
        "starts_on": gift.starts_on,
        "due_on": gift.due_on,
        "confidential": "no",
    }
    client = client_as("welfare")
    assert "名单保密" in client.get(f"/welfare/campaigns/{gift.pk}/edit/").content.decode()
    client.post(f"/welfare/campaigns/{gift.pk}/edit/", data)
    gift.refresh_from_db()
    assert gift.confidential is False
    # now a 委员 organises it, and cannot close it on herself (the field is not hers)
    staff_page = client_as("staff").get(f"/welfare/campaigns/{gift.pk}/edit/").content.decode()
    assert 'name="confidential"' not in staff_page
    warmth = make_campaign()
    client = client_as("welfare")  # the same test client, logged in again after the 委员's visit
    page = client.post(f"/welfare/campaigns/{warmth.pk}/edit/", {**data, "name": "春节", "kind": "spring"})
    assert "困难帮扶类活动的名单必须保密" in page.content.decode()
    assert Campaign.objects.get(pk=warmth.pk).confidential
    assert client_as("staff").get(f"/welfare/campaigns/{warmth.pk}/edit/").status_code == 403


def test_the_dashboard_shows_the_officer_a_stuck_payment(client_as, users):
    campaign = make_campaign()
    recipient = services.add_recipient(campaign=campaign, member=make_member(), actor=users["welfare"])
    payment = services.deliver_to_recipient(recipient=recipient, actor=users["welfare"])
    assert "待处理的发放" not in client_as("welfare").get("/").content.decode()
    expenses.return_expense(expense=payment.expense, actor=users["accountant"], note="请附签收表")
    assert "待处理的发放" in client_as("welfare").get("/").content.decode()
