import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from unionportal.notices import Notice
from welfare import selectors, services
from welfare.flows import FLOW
from welfare.models import Application, FileAccessLog, FundSource, HardshipFile, Payment, VisitOccasion

from .factories import make_campaign, make_file, make_member, through_funds, visit_occasion

pytestmark = pytest.mark.django_db
S = Application.Status


def test_money_is_decimal_and_floats_are_refused():
    assert services.to_money("0.1") + services.to_money("0.2") == Decimal("0.30")
    with pytest.raises(TypeError):
        services.to_money(0.1)


def test_file_needs_a_valid_cause_and_several_are_allowed(users):
    with pytest.raises(ValidationError, match="致困原因"):
        make_file(causes=[])
    file = make_file(causes=[HardshipFile.Cause.ILLNESS, HardshipFile.Cause.SINGLE_PARENT])
    assert file.cause_labels() == ["大病", "单亲"]


def test_one_open_file_per_member(users):
    member = make_member()
    make_file(member=member)
    with pytest.raises(ValidationError, match="已有帮扶中"):
        make_file(member=member)


def test_retirees_may_have_files():
    retiree = make_member("老王", status="retired")
    assert make_file(member=retiree).member == retiree


def test_yearly_review_records_what_changed_and_moves_the_date(users):
    file = make_file(actor=users["welfare"])
    review = services.review_file(
        file=file,
        actor=users["welfare"],
        changes="配偶再就业，收入提高",
        monthly_income_per_capita=Decimal("1500"),
        level=HardshipFile.Level.GENERAL,
    )
    assert review.changed_fields == {"monthly_income_per_capita": ["850.00", "1500.00"], "level": ["hard", "general"]}
    file.refresh_from_db()
    assert file.next_review_on == timezone.localdate() + datetime.timedelta(days=365)
    assert FileAccessLog.objects.filter(file=file, action="edit").count() == 1


def test_review_of_cancelled_file_is_refused(users):
    file = make_file(status=HardshipFile.Status.CANCELLED)
    with pytest.raises(ValidationError, match="已注销"):
        services.review_file(file=file, actor=users["welfare"], changes="x")


def _through_to_approved(users, amount="800"):
    member = users["member"].member
    application = services.apply_for_help(member=member, actor=users["member"], reason="住院", amount_requested="1000")
    services.review_application(application=application, actor=users["welfare"])
    services.approve_application(application=application, actor=users["chair"], amount=amount)
    application.refresh_from_db()
    return application


def test_application_flow_from_member_to_payment(users):
    application = _through_to_approved(users)
    assert application.on_behalf is False
    payment = services.pay_application(
        application=application, actor=users["welfare"], fund_source=FundSource.UNION_FUNDS
    )
    application.refresh_from_db()
    # asked of the funds chain: nothing is paid on the welfare officer's word
    assert application.status == S.APPROVED and payment.status == Payment.Status.REQUESTED
    assert payment.approver is None and payment.expense.requester == users["welfare"]
    assert (payment.expense.account.code, payment.expense.amount) == ("20204", Decimal("800.00"))
    through_funds(payment.expense, users, voucher="付-帮-01")
    application.refresh_from_db()
    payment.refresh_from_db()
    assert application.status == S.PAID
    assert Notice.objects.filter(recipient=users["member"], text__contains="帮扶金800.00元已发放").exists()
    assert (payment.status, payment.voucher_number) == (Payment.Status.PAID, "付-帮-01")
    assert payment.approver == users["chair"]  # who approved the expense, never the welfare officer
    assert [s.to_status for s in application.steps.all()] == [S.SUBMITTED, S.REVIEWED, S.APPROVED, S.APPROVED, S.PAID]


def test_staff_apply_on_behalf(users):
    member = make_member()
    application = services.apply_for_help(member=member, actor=users["welfare"], reason="火灾", amount_requested="500")
    assert application.on_behalf is True


def test_only_the_chair_approves(users):
    application = services.apply_for_help(
        member=users["member"].member, actor=users["member"], reason="r", amount_requested="100"
    )
    services.review_application(application=application, actor=users["welfare"])
    with pytest.raises(ValidationError, match="只有工会主席"):
        services.approve_application(application=application, actor=users["welfare"], amount="100")


def test_cannot_approve_before_review_nor_pay_before_approval(users):
    application = services.apply_for_help(
        member=users["member"].member, actor=users["member"], reason="r", amount_requested="100"
    )
    with pytest.raises(ValidationError, match="已提交.*不能批准"):
        services.approve_application(application=application, actor=users["chair"], amount="100")
    with pytest.raises(ValidationError, match="不能申请支付"):
        services.pay_application(application=application, actor=users["chair"], fund_source=FundSource.UNION_FUNDS)


def test_return_needs_a_reason_and_can_be_resubmitted(users):
    application = services.apply_for_help(
        member=users["member"].member, actor=users["member"], reason="r", amount_requested="100"
    )
    with pytest.raises(ValidationError, match="理由"):
        services.return_application(application=application, actor=users["welfare"], note=" ")
    services.return_application(application=application, actor=users["welfare"], note="请补充诊断证明")
    services.resubmit_application(application=application, actor=users["member"], amount_requested="120")
    application.refresh_from_db()
    assert application.status == S.SUBMITTED and application.amount_requested == Decimal("120.00")


def test_rejected_application_cannot_be_reviewed(users):
    application = services.apply_for_help(
        member=users["member"].member, actor=users["member"], reason="r", amount_requested="100"
    )
    services.reject_application(application=application, actor=users["welfare"], note="不符合条件")
    with pytest.raises(ValidationError, match="未通过"):
        services.review_application(application=application, actor=users["welfare"])


def _act(action, application, users):
    calls = {
        "review": lambda: services.review_application(application=application, actor=users["welfare"]),
        "return": lambda: services.return_application(application=application, actor=users["welfare"], note="补材料"),
        "resubmit": lambda: services.resubmit_application(application=application, actor=users["member"]),
        "withdraw": lambda: services.withdraw_application(application=application, actor=users["member"]),
        "reject": lambda: services.reject_application(application=application, actor=users["welfare"], note="不符"),
        "approve": lambda: services.approve_application(application=application, actor=users["chair"], amount="100"),
        "request_payment": lambda: services.pay_application(
            application=application, actor=users["welfare"], fund_source=FundSource.UNION_FUNDS
        ),
        # the books' move when the expense is paid (welfare.payouts.hand_over_paid)
        "pay": lambda: FLOW.move(application, "pay", actor=users["accountant"], checked=False),
    }
    return calls[action]()


ILLEGAL = [(action.name, status) for action in FLOW.actions for status in S.values if status not in action.sources]


@pytest.mark.parametrize(("action", "status"), ILLEGAL)
def test_every_illegal_application_transition_is_refused(users, action, status):
    application = services.apply_for_help(
        member=users["member"].member, actor=users["member"], reason="r", amount_requested="100"
    )
    Application.objects.filter(pk=application.pk).update(status=status, amount_approved=Decimal("100"))
    application.refresh_from_db()
    with pytest.raises(ValidationError, match="不能"):
        _act(action, application, users)
    application.refresh_from_db()
    assert application.status == status and application.steps.count() == 1
    assert not Payment.objects.exists()


def test_zero_amount_is_refused(users):
    with pytest.raises(ValidationError, match="大于零"):
        services.apply_for_help(member=users["member"].member, actor=users["member"], reason="r", amount_requested="0")


def test_yearly_cap_stops_staff_but_the_chair_may_override_with_a_reason(users):
    services.set_yearly_cap(actor=users["chair"], cap="1000")
    member = make_member()
    kwargs = dict(member=member, fund_source=FundSource.UNION_FUNDS, occasion=visit_occasion())
    services.record_payment(actor=users["welfare"], amount="600.10", **kwargs)
    services.record_payment(actor=users["welfare"], amount="399.90", **kwargs)  # exactly the cap
    with pytest.raises(ValidationError, match="超过每人每年1000.00元"):
        services.record_payment(actor=users["welfare"], amount="0.01", **kwargs)
    with pytest.raises(ValidationError, match="理由"):
        services.record_payment(actor=users["chair"], amount="100", **kwargs)
    payment = services.record_payment(actor=users["chair"], amount="100", override_note="大病", **kwargs)
    assert payment.cap_override and payment.cap_override_note == "大病"
    assert services.paid_this_year(member, timezone.localdate().year) == Decimal("1100.00")


def test_last_years_payments_do_not_count_against_the_cap(users):
    services.set_yearly_cap(actor=users["chair"], cap="500")
    member = make_member()
    last_year = timezone.localdate().replace(month=1, day=1) - datetime.timedelta(days=1)
    kwargs = dict(member=member, fund_source=FundSource.UNION_FUNDS, actor=users["welfare"], occasion=visit_occasion())
    Payment.objects.create(member=member, amount="500", paid_on=last_year, recorded_by=users["welfare"])
    assert services.record_payment(amount="500", **kwargs).cap_override is False


def test_only_the_chair_sets_the_cap(users):
    with pytest.raises(ValidationError):
        services.set_yearly_cap(actor=users["welfare"], cap="1")


def test_goods_payment_needs_no_cash(users):
    payment = services.record_payment(
        member=make_member(),
        actor=users["welfare"],
        goods="米一袋、油一桶",
        fund_source=FundSource.ADMINISTRATION,
        occasion=visit_occasion(),
    )
    assert payment.kind == Payment.Kind.GOODS and payment.amount == Decimal("0.00")
    assert payment.status == Payment.Status.PAID and payment.expense is None
    with pytest.raises(ValidationError, match="金额或慰问物品"):
        services.record_payment(
            member=make_member("李四"),
            actor=users["welfare"],
            fund_source=FundSource.ADMINISTRATION,
            occasion=visit_occasion(),
        )


def test_sign_off_once_and_only_what_was_paid(users):
    payment = services.record_payment(
        member=make_member(), actor=users["welfare"], amount="10", fund_source="union", occasion=visit_occasion()
    )
    with pytest.raises(ValidationError, match="尚未支付"):
        services.sign_off_payment(payment=payment, actor=users["welfare"])
    through_funds(payment.expense, users)
    payment.refresh_from_db()
    services.sign_off_payment(payment=payment, actor=users["welfare"])
    assert payment.signed_off_on == timezone.localdate()
    with pytest.raises(ValidationError, match="已签收"):
        services.sign_off_payment(payment=payment, actor=users["welfare"])


def test_campaign_budget_cannot_be_overspent_without_the_chairs_recorded_override(users):
    campaign = make_campaign(budget="1000", default_amount="300")
    for name in "甲乙丙":
        services.add_recipient(campaign=campaign, member=make_member(name), actor=users["welfare"])
    assert campaign.planned_total() == Decimal("900.00")
    fourth = make_member("丁")
    with pytest.raises(ValidationError, match="超出活动预算1000.00元"):
        services.add_recipient(campaign=campaign, member=fourth, actor=users["welfare"])
    services.add_recipient(campaign=campaign, member=fourth, actor=users["welfare"], amount="100")  # exactly the budget
    recipient = campaign.recipients.get(member=fourth)
    with pytest.raises(ValidationError, match="理由"):
        services.change_recipient_amount(recipient=recipient, actor=users["chair"], amount="300")
    services.change_recipient_amount(recipient=recipient, actor=users["chair"], amount="300", override_note="特困加发")
    override = campaign.overrides.get()
    assert override.extra == Decimal("200.00") and override.by == users["chair"]
    assert campaign.spending_limit() == Decimal("1200.00")


def test_delivery_counts_person_times_and_yuan(users):
    campaign = make_campaign()
    recipients = [
        services.add_recipient(campaign=campaign, member=make_member(n), actor=users["welfare"]) for n in "甲乙"
    ]
    payment = services.deliver_to_recipient(recipient=recipients[0], actor=users["welfare"])
    assert services.campaign_progress(campaign)["waiting"] == 1
    assert services.campaign_progress(campaign)["paid"] == Decimal("0.00")  # in the funds chain, not paid yet
    through_funds(payment.expense, users)
    progress = services.campaign_progress(campaign)
    assert progress == {
        "listed": 2,
        "waiting": 0,
        "delivered": 1,
        "planned": Decimal("600.00"),
        "paid": Decimal("300.00"),
        "limit": Decimal("1000.00"),
        "over_budget": False,
        "percent": 50,
    }
    with pytest.raises(ValidationError, match="已发放"):
        services.deliver_to_recipient(recipient=recipients[0], actor=users["welfare"])
    with pytest.raises(ValidationError, match="已发放"):
        services.remove_recipient(recipient=campaign.recipients.get(member__name="甲"), actor=users["welfare"])


def test_campaign_behind_schedule_when_delivery_trails_time(users):
    today = timezone.localdate()
    campaign = make_campaign(starts_on=today - datetime.timedelta(days=9), due_on=today + datetime.timedelta(days=1))
    services.add_recipient(campaign=campaign, member=make_member(), actor=users["welfare"])
    assert services.campaign_behind_schedule(campaign)
    services.deliver_to_recipient(recipient=campaign.recipients.get(), actor=users["welfare"])
    assert not services.campaign_behind_schedule(campaign)


def test_proposed_recipients_are_open_files_and_retirees(users):
    campaign = make_campaign()
    file = make_file()
    retiree = make_member("老李", status="retired")
    make_member("在职无困难")
    proposed = {member for member, _reason in services.proposed_recipients(campaign)}
    assert proposed == {file.member, retiree}


def test_members_in_hospital_are_proposed_once(users):
    campaign = make_campaign()
    patient = make_member("住院的王老师")
    retired_patient = make_member("住院的退休教师", status="retired")
    for member in (patient, retired_patient):
        services.record_visit(
            member=member,
            actor=users["welfare"],
            occasion=VisitOccasion.objects.get(name="住院"),
            visited_on=timezone.localdate(),
            visitors=[users["welfare"].member],
        )
    proposed = services.proposed_recipients(campaign)
    assert (patient, "住院职工") in proposed and (retired_patient, "退休职工") in proposed
    assert len(proposed) == len({member for member, _reason in proposed})


def test_visit_with_money_becomes_a_condolence_payment(users):
    occasion = VisitOccasion.objects.get(name="住院")
    visit = services.record_visit(
        member=make_member(),
        actor=users["welfare"],
        occasion=occasion,
        visited_on=timezone.localdate(),
        visitors=[users["chair"].member, users["welfare"].member],
        gifts="鲜花、营养品",
        money="500",
        fund_source=FundSource.UNION_FUNDS,
    )
    assert visit.visitors.count() == 2
    assert visit.payment.kind == Payment.Kind.CONDOLENCE and visit.payment.amount == Decimal("500.00")


def test_visit_needs_a_visitor(users):
    with pytest.raises(ValidationError, match="慰问人"):
        services.record_visit(
            member=make_member(),
            actor=users["welfare"],
            occasion=VisitOccasion.objects.first(),
            visited_on=timezone.localdate(),
            visitors=[],
        )


def _pay_hand_over(drive, users, voucher="付-捐-1"):
    """The funds chain of a drive's hand-over: 财务审核, 主席审批, 财务支付."""
    from funds.services import expenses

    today = timezone.localdate()
    expense = expenses.review_expense(expense=drive.expense, actor=users["accountant"])
    if expenses.needs_decision(expense):
        expenses.record_decision(expense=expense, actor=users["staff"], decision_on=today, decision_minute="纪要")
    expense = expenses.approve_expense(expense=expense, actor=users["chair"])
    expenses.pay_expense(
        expense=expense, actor=users["accountant"], paid_on=today, method="transfer", voucher_number=voucher
    )
    drive.refresh_from_db()
    return drive


def test_donation_drive_pledges_total_and_hand_over_through_the_funds_chain(users):

    today = timezone.localdate()
    drive = services.open_drive(
        actor=users["chair"], title="为火灾家庭捐款", appeal="倡议书", opened_on=today, closes_on=today
    )
    services.pledge(drive=drive, member=users["member"].member, amount="100.50")
    services.pledge(drive=drive, member=users["staff"].member, amount="200")
    drive = services.hand_over_drive(drive=drive, actor=users["welfare"], handed_over_to="受灾职工家属")
    assert drive.pledged_total() == Decimal("300.50")
    assert drive.expense.amount == Decimal("300.50") and drive.expense.account.code == "20204"
    assert drive.expense.source.startswith("捐款移交") and drive.expense.payee == "受灾职工家属"
    drive.refresh_from_db()
    assert drive.handed_over_amount == Decimal("300.50") and drive.handed_over_on is None  # 审批中
    with pytest.raises(ValidationError, match="已在移交"):
        services.pledge(drive=drive, member=users["member"].member, amount="1")
    with pytest.raises(ValidationError, match="不能重复申请"):
        services.hand_over_drive(drive=drive, actor=users["welfare"], handed_over_to="受灾职工家属")
    drive = _pay_hand_over(drive, users)
    assert drive.handed_over_on == today


def test_a_refused_hand_over_may_be_asked_again_and_nobody_approves_their_own(users):
    from funds.services import expenses

    today = timezone.localdate()
    drive = services.open_drive(actor=None, title="支援灾区", appeal="倡议书", opened_on=today, closes_on=today)
    services.pledge(drive=drive, member=users["staff"].member, amount="50")
    drive = services.hand_over_drive(drive=drive, actor=users["chair"], handed_over_to="区教育工会")
    expense = expenses.review_expense(expense=drive.expense, actor=users["accountant"])
    with pytest.raises(ValidationError, match="不能审批同意自己经办的支出"):
        expenses.approve_expense(expense=expense, actor=users["chair"])
    expenses.return_expense(expense=expense, actor=users["accountant"], note="请由帮扶干事经办")
    expenses.withdraw_expense(expense=expense, actor=users["chair"])
    drive = services.hand_over_drive(drive=drive, actor=users["welfare"], handed_over_to="区教育工会")
    assert drive.expense.pk != expense.pk and drive.expense.requester == users["welfare"]


def test_a_hand_over_past_the_budget_is_refused_and_nothing_is_written(users):
    from funds.models import Budget
    from funds.tests.factories import executing_budget

    Budget.objects.all().delete()  # instead of the books the welfare tests open: a 维权支出 line of 100 元
    executing_budget(actor=users["accountant"], lines={"202": "100"})
    today = timezone.localdate()
    drive = services.open_drive(actor=None, title="支援灾区", appeal="倡议书", opened_on=today, closes_on=today)
    services.pledge(drive=drive, member=users["staff"].member, amount="500")
    with pytest.raises(ValidationError, match="预算"):
        services.hand_over_drive(drive=drive, actor=users["welfare"], handed_over_to="区教育工会")
    drive.refresh_from_db()
    assert drive.expense is None and drive.handed_over_to == ""


def test_donation_hand_over_is_not_a_help_payment(users):
    """移交 to the beneficiary, or on to the upper union, writes no Payment: no cap, no help totals."""

    today = timezone.localdate()
    beneficiary = users["member"].member
    drive = services.open_drive(
        actor=users["chair"],
        title="为大病职工捐款",
        appeal="倡议书",
        beneficiary=beneficiary,
        opened_on=today,
        closes_on=today,
    )
    services.pledge(drive=drive, member=users["staff"].member, amount="6000")
    drive = services.hand_over_drive(drive=drive, actor=users["welfare"])
    assert selectors.totals(today.year)["donations_handed_over"] == {"times": 0, "yuan": Decimal("0.00")}
    drive = _pay_hand_over(drive, users)
    assert drive.handed_over_to == beneficiary.name and drive.handed_over_amount == Decimal("6000.00")
    assert not Payment.objects.exists()
    assert services.paid_this_year(beneficiary, today.year) == Decimal("0.00")
    totals = selectors.totals(today.year)
    assert totals["overall"] == {"times": 0, "yuan": Decimal("0.00")}
    assert totals["donations_handed_over"] == {"times": 1, "yuan": Decimal("6000.00")}
    assert "donation" not in Payment.Kind.values

    upward = services.open_drive(actor=None, title="支援灾区", appeal="倡议书", opened_on=today, closes_on=today)
    services.pledge(drive=upward, member=users["staff"].member, amount="50")
    with pytest.raises(ValidationError, match="接收方"):
        services.hand_over_drive(drive=upward, actor=users["welfare"])
    services.hand_over_drive(drive=upward, actor=users["welfare"], handed_over_to="区教育工会")
    upward.refresh_from_db()
    assert upward.handed_over_to == "区教育工会" and not Payment.objects.exists()


def test_payments_under_a_campaign_are_checked_against_its_budget(users):
    """The budget holds against what is actually paid, also for payments entered outside the list."""
    campaign = make_campaign(budget="1000", default_amount="300")
    recipient = services.add_recipient(campaign=campaign, member=make_member("甲"), actor=users["welfare"])
    services.deliver_to_recipient(recipient=recipient, actor=users["welfare"])
    kwargs = dict(fund_source=FundSource.UNION_FUNDS, campaign=campaign)
    services.record_payment(member=make_member("乙"), actor=users["welfare"], amount="700", **kwargs)  # exactly 1000
    with pytest.raises(ValidationError, match="已发放或申请1000.00元，再发0.01元将超出预算1000.00元"):
        services.record_payment(member=make_member("丙"), actor=users["welfare"], amount="0.01", **kwargs)
    with pytest.raises(ValidationError, match="超出预算时请填写理由"):
        services.record_payment(member=make_member("丁"), actor=users["chair"], amount="200", **kwargs)
    services.record_payment(
        member=make_member("戊"), actor=users["chair"], amount="200", override_note="春节特困加发", **kwargs
    )
    assert (campaign.committed(), campaign.spent()) == (Decimal("1200.00"), Decimal("0.00"))
    override = campaign.overrides.get()
    assert (override.extra, override.by, override.note) == (Decimal("200.00"), users["chair"], "春节特困加发")
    officers, chairs = [], []
    for payment in campaign.payments.select_related("expense"):
        (chairs if payment.expense.requester == users["chair"] else officers).append(payment.expense)
    for expense in officers:
        through_funds(expense, users)
    # the chair asked for the 200 herself: she cannot also approve it (nobody approves their own request)
    with pytest.raises(ValidationError, match="不能审批同意自己经办的支出"):
        through_funds(chairs[0], users)
    progress = services.campaign_progress(campaign)
    assert (progress["paid"], progress["over_budget"], progress["limit"]) == (
        Decimal("1000.00"),
        False,
        Decimal("1200.00"),
    )


def test_approved_but_unpaid_help_counts_against_the_cap(users):
    """The chair's approval commits the amount: a second approval sees the first, paid or not."""
    services.set_yearly_cap(actor=users["chair"], cap="1000")
    member = users["member"].member

    def reviewed():
        application = services.apply_for_help(
            member=member, actor=users["member"], reason="r", amount_requested="600", another_need=True
        )
        return services.review_application(application=application, actor=users["welfare"])

    first = services.approve_application(application=reviewed(), actor=users["chair"], amount="600")
    assert first.cap_override is False
    second = reviewed()
    with pytest.raises(ValidationError, match="超出年度上限时请填写理由"):
        services.approve_application(application=second, actor=users["chair"], amount="600")
    second = services.approve_application(application=second, actor=users["chair"], amount="600", override_note="手术")
    assert second.cap_override and second.cap_override_note == "手术"
    services.pay_application(application=first, actor=users["welfare"], fund_source=FundSource.UNION_FUNDS)
    payment = services.pay_application(application=second, actor=users["welfare"], fund_source=FundSource.UNION_FUNDS)
    assert payment.cap_override and payment.cap_override_note == "手术"
    with pytest.raises(ValidationError, match="已领取或已批准1200.00元"):
        services.record_payment(
            member=member, actor=users["welfare"], amount="1", fund_source="union", occasion=visit_occasion()
        )


def test_the_decision_facts_count_an_application_once_after_its_payment_is_asked(users):
    """审批参考: once the approved help is asked of the funds chain its payment row exists; the facts weigh the
    application itself as 本次申请 and leave its payment out of 已领取, so the same money counts once."""
    services.set_yearly_cap(actor=users["chair"], cap="2000")
    member = users["member"].member
    services.record_payment(
        member=member, actor=users["welfare"], amount="500", fund_source="union", occasion=visit_occasion()
    )
    application = _through_to_approved(users, amount="1000")
    services.pay_application(application=application, actor=users["welfare"], fund_source=FundSource.UNION_FUNDS)
    facts = selectors.decision_facts(application)
    assert (facts["paid"], facts["promised"], facts["asked"]) == (Decimal("500.00"), Decimal("0.00"), 1000)
    assert facts["left"] == Decimal("1500.00") and facts["over_cap"] is False
    # the member's year as a whole still counts both payments
    assert services.paid_this_year(member, timezone.localdate().year) == Decimal("1500.00")


def test_the_decision_facts_weigh_the_amount_granted_once_the_chair_has_decided(users):
    application = services.apply_for_help(
        member=users["member"].member, actor=users["member"], reason="住院", amount_requested="1000"
    )
    assert selectors.decision_facts(application)["asked"] == Decimal("1000.00")
    services.review_application(application=application, actor=users["welfare"])
    services.approve_application(application=application, actor=users["chair"], amount="600")
    application.refresh_from_db()
    facts = selectors.decision_facts(application)
    assert (facts["asked"], facts["approved"]) == (Decimal("600.00"), True)
