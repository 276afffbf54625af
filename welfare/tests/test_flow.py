"""A help application walked to its end by every role (issue 14)."""

import pytest
from django.core.exceptions import ValidationError

from unionportal.notices import Notice
from welfare import services
from welfare.models import Application

pytestmark = pytest.mark.django_db
S = Application.Status


def _applied(users, amount="2000"):
    return services.apply_for_help(
        member=users["member"].member, actor=users["member"], reason="住院", amount_requested=amount
    )


def test_returned_application_is_corrected_and_resubmitted_by_the_member(client_as, users):
    application = services.return_application(application=_applied(users), actor=users["welfare"], note="请补医疗票据")
    assert Notice.objects.filter(recipient=users["member"], kind="welfare.application.return").exists()
    client = client_as("member")
    page = client.get(application.get_absolute_url()).content.decode()
    assert 'data-action="resubmit"' in page and 'data-action="withdraw"' in page
    response = client.post(
        f"/welfare/applications/{application.pk}/resubmit/",
        {"state": "returned", "reason": "住院，已补票据", "amount_requested": "1800", "note": "票据已交帮扶专员"},
        follow=True,
    )
    assert "申请已重新提交" in response.content.decode()
    application.refresh_from_db()
    assert (application.status, application.reason, application.amount_requested) == (
        S.SUBMITTED,
        "住院，已补票据",
        1800,
    )
    assert Notice.objects.filter(recipient=users["welfare"], kind="welfare.application.resubmit").exists()


def test_the_filer_withdraws_and_nobody_else_may(users):
    application = _applied(users)
    with pytest.raises(ValidationError, match="您不能撤回申请"):
        services.withdraw_application(application=application, actor=users["delegate"])
    assert services.withdraw_application(application=application, actor=users["member"]).status == S.WITHDRAWN


def test_approving_more_than_asked_needs_a_reason_that_shows_in_the_timeline(users):
    application = services.review_application(application=_applied(users, "1000"), actor=users["welfare"])
    with pytest.raises(ValidationError, match="多于申请的1000.00元"):
        services.approve_application(application=application, actor=users["chair"], amount="1200")
    approved = services.approve_application(
        application=application, actor=users["chair"], amount="1200", note="另有交通费"
    )
    assert approved.steps.last().note == "另有交通费"


def test_a_second_open_application_is_pointed_out_first(users):
    _applied(users)
    with pytest.raises(ValidationError, match="已有一份未办结的帮扶申请"):
        _applied(users)
    services.apply_for_help(
        member=users["member"].member,
        actor=users["member"],
        reason="子女上学",
        amount_requested="500",
        another_need=True,
    )
    assert Application.objects.count() == 2


def test_the_chair_sees_what_she_needs_to_decide(client_as, users):
    application = services.review_application(application=_applied(users), actor=users["welfare"])
    page = client_as("chair").get(application.get_absolute_url()).content.decode()
    assert 'data-testid="decision"' in page and "年度上限" in page
    assert all(f'data-action="{name}"' in page for name in ("approve", "return", "reject"))
    assert 'data-testid="decision"' not in client_as("member").get(application.get_absolute_url()).content.decode()


def test_the_decision_facts_do_not_count_the_applications_own_payment_again(client_as, users):
    services.set_yearly_cap(actor=users["chair"], cap="3000")
    application = services.review_application(application=_applied(users), actor=users["welfare"])
    application = services.approve_application(application=application, actor=users["chair"], amount="2000")
    services.pay_application(application=application, actor=users["welfare"], fund_source="union")
    page = client_as("chair").get(application.get_absolute_url()).content.decode()
    assert "3,000.00元，尚余 3,000.00元" in page
    assert "将超出年度上限" not in page


def test_notices_of_an_application_reach_only_those_who_may_open_it(users):
    services.review_application(application=_applied(users), actor=users["welfare"])
    told = set(Notice.objects.filter(kind="welfare.application.review").values_list("recipient__username", flat=True))
    assert told == {"chair"}


def test_nobody_reviews_or_decides_her_own_application(users):
    mine = services.apply_for_help(
        member=users["welfare"].member, actor=users["welfare"], reason="家人重病", amount_requested="3000"
    )
    with pytest.raises(ValidationError, match="您不能初审通过"):
        services.review_application(application=mine, actor=users["welfare"])
    chairs = services.apply_for_help(
        member=users["chair"].member, actor=users["welfare"], reason="住院", amount_requested="4000"
    )
    chairs = services.review_application(application=chairs, actor=users["welfare"])
    with pytest.raises(ValidationError, match="您不能批准"):
        services.approve_application(application=chairs, actor=users["chair"], amount="4000")


def test_an_amount_too_large_is_named_not_left_to_djangos_wording(client_as):
    response = client_as("member").post(
        "/welfare/applications/new/", {"reason": "住院", "amount_requested": "99999999999", "another_need": "on"}
    )
    errors = response.context["form"].errors["amount_requested"]
    assert errors == ["申请金额（元）的整数部分最多10位。"]
