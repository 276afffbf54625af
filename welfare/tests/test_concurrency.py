"""The yearly cap and campaign budgets hold when two officers act at the same moment. Needs PostgreSQL."""

from decimal import Decimal

import pytest
from django.db import connection

from disclosure import services as disclosure_services
from disclosure.models import DisclosureItem
from tests.concurrency import race
from unionportal.models import UnionKind
from welfare import publication, services
from welfare.models import Application, FundSource, Payment

from .factories import make_campaign, make_member, through_funds, visit_occasion

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_two_approvals_at_once_cannot_both_slip_under_the_cap(users):
    services.set_yearly_cap(actor=users["chair"], cap="5000")
    member = users["member"].member
    applications = []
    for reason in ("住院", "子女上学"):
        application = services.apply_for_help(
            member=member, actor=users["member"], reason=reason, amount_requested="3000", another_need=True
        )
        applications.append(services.review_application(application=application, actor=users["welfare"]))
    refused = race(
        [
            lambda a=a: services.approve_application(application=a, actor=users["chair"], amount="3000")
            for a in applications
        ]
    )
    assert len(refused) == 1 and "上限" in refused[0].messages[0]
    assert Application.objects.filter(status=Application.Status.APPROVED).count() == 1


def test_two_payments_at_once_cannot_both_slip_under_the_cap(users):
    services.set_yearly_cap(actor=users["chair"], cap="5000")
    member = make_member()
    refused = race(
        [
            lambda: services.record_payment(
                member=member,
                actor=users["welfare"],
                amount="3000",
                fund_source=FundSource.UNION_FUNDS,
                occasion=visit_occasion(),
            )
        ]
        * 2
    )
    assert len(refused) == 1
    assert services.paid_this_year(member, Payment.objects.get().paid_on.year) == Decimal("3000.00")


def test_two_payments_at_once_cannot_both_slip_under_a_campaign_budget(users):
    campaign = make_campaign(budget="1000", default_amount="600")
    members = [make_member("甲"), make_member("乙")]
    refused = race(
        [
            lambda m=m: services.record_payment(
                member=m,
                actor=users["welfare"],
                amount="600",
                fund_source=FundSource.UNION_FUNDS,
                campaign=campaign,
            )
            for m in members
        ]
    )
    assert len(refused) == 1 and "超出预算" in refused[0].messages[0]
    assert campaign.committed() == Decimal("600.00")


def test_two_publications_of_one_list_at_once_make_one_draft(users):
    category = disclosure_services.load_categories(kind=UnionKind.SCHOOL)[0]
    campaign = make_campaign()
    recipient = services.add_recipient(campaign=campaign, member=make_member(), actor=users["welfare"])
    payment = services.deliver_to_recipient(recipient=recipient, actor=users["welfare"])
    through_funds(payment.expense, users)  # the 公示 lists what was paid
    refused = race(
        [
            lambda: publication.publish_recipient_list(campaign=campaign, actor=users["welfare"], category=category),
            lambda: publication.publish_recipient_list(campaign=campaign, actor=users["chair"], category=category),
        ]
    )
    assert len(refused) == 1 and "不再重复生成" in refused[0].messages[0]
    assert DisclosureItem.objects.count() == 1
