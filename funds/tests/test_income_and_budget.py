import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from funds.flows import BUDGET_FLOW
from funds.models import Budget, BudgetStep, Entry, Fund, YearSettings
from funds.services import budget as budget_services
from funds.services import income
from funds.services.common import year_settings
from members.models import DuesRecord

from .factories import account, executing_budget, general_fund

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
MONTH = TODAY.replace(day=1)


def pay_dues(users, *amounts, month=MONTH):
    for role, amount in zip(["member", "staff", "welfare"], amounts, strict=False):
        DuesRecord.objects.create(
            member=users[role].member, month=month, wage_base=Decimal("5000"), due=Decimal(amount), paid=Decimal(amount)
        )


def test_dues_are_kept_in_full_by_default(users):
    """全总: 会费全部留归基层工会 — the default hand-up share of dues is nil."""
    assert YearSettings.objects.get_or_create(year=2030)[0].dues_hand_up_share == 0
    pay_dues(users, "25.00", "30.50")
    entry = income.post_dues(month=MONTH, on=TODAY, voucher_number="收-1", actor=users["accountant"])
    assert (entry.account.code, entry.amount, entry.dues_month) == ("101", Decimal("55.50"), MONTH)


def test_a_month_of_dues_is_never_booked_twice_and_a_late_payment_adds_only_the_difference(users):
    pay_dues(users, "25.00")
    income.post_dues(month=MONTH, on=TODAY, voucher_number="收-1", actor=users["accountant"])
    with pytest.raises(ValidationError, match="没有新的实收金额"):
        income.post_dues(month=MONTH, on=TODAY, voucher_number="收-2", actor=users["accountant"])
    DuesRecord.objects.create(
        member=users["staff"].member, month=MONTH, wage_base=Decimal("6000"), due=Decimal("30"), paid=Decimal("30")
    )
    late = income.post_dues(month=MONTH, on=TODAY, voucher_number="收-2", actor=users["accountant"])
    assert late.amount == Decimal("30.00")
    assert sum(e.amount for e in Entry.objects.filter(dues_month=MONTH)) == Decimal("55.00")


def test_a_hand_up_share_of_one_year_does_not_change_another(users):
    income.update_year_settings(year=TODAY.year, actor=users["chair"], dues_hand_up_share=Decimal("0.1"))
    assert year_settings(TODAY.year - 1).dues_hand_up_share == 0
    pay_dues(users, "100.00")
    entry = income.post_dues(month=MONTH, on=TODAY, voucher_number="收-1", actor=users["accountant"])
    assert entry.amount == Decimal("90.00")


def test_allocation_is_the_retained_share_of_two_percent_of_payroll(users):
    entry = income.record_allocation(
        payroll_base="1234567.89", on=TODAY, voucher_number="收-9", period="1季度", actor=users["accountant"]
    )
    # 1,234,567.89 × 2% = 24,691.36; × 60% = 14,814.82 (half up to the fen)
    assert entry.amount == Decimal("14814.82")
    assert entry.payroll_base == Decimal("1234567.89")
    assert entry.summary == "1季度拨缴经费（工资总额 1234567.89 元 × 2% × 留成 60%）"  # not 6E+1


def test_other_income_needs_an_income_account_and_a_new_voucher(users):
    def record(**fields):
        fields = {
            "account": account("103"),
            "fund": general_fund(),
            "amount": "5000",
            "on": TODAY,
            "voucher_number": "收-3",
            "summary": "上级工会补助",
            "actor": users["accountant"],
        } | fields
        return income.record_income(**fields)

    with pytest.raises(ValidationError, match="不是可用的收入科目"):
        record(account=account("201"))
    with pytest.raises(ValidationError, match="各自的入账功能"):
        record(account=account("101"))
    record()
    with pytest.raises(ValidationError, match="已被使用"):
        record()
    with pytest.raises(ValidationError, match="不能晚于今天"):
        record(on=TODAY + datetime.timedelta(days=1), voucher_number="收-4")
    assert Entry.objects.count() == 1


def test_a_budget_goes_draft_adopted_approved_executing_closed(users):
    budget = executing_budget(year=TODAY.year - 1, actor=users["accountant"])
    assert budget.status == Budget.Status.EXECUTING
    assert budget.approval_number
    with pytest.raises(ValidationError, match="您不能决算"):
        budget_services.close_budget(budget=budget, actor=users["accountant"], closed_on=TODAY)
    closed = budget_services.close_budget(budget=budget, actor=users["chair"], closed_on=TODAY)
    assert closed.status == Budget.Status.CLOSED
    assert list(BudgetStep.objects.filter(budget=budget).values_list("to_status", flat=True)) == [
        "draft",
        "adopted",
        "approved",
        "executing",
        "closed",
    ]


def test_upper_union_approval_needs_its_number_and_date(users):
    budget = budget_services.create_budget(year=TODAY.year, actor=users["accountant"])
    budget_services.set_budget_line(budget=budget, account=account("201"), amount="100", actor=users["accountant"])
    budget_services.adopt_budget(budget=budget, actor=users["chair"], adopted_on=TODAY)
    with pytest.raises(ValidationError, match="批复文号"):
        budget_services.approve_budget(budget=budget, actor=users["chair"], approved_on=TODAY, approval_number=" ")
    with pytest.raises(ValidationError, match="上级批复日期"):
        budget_services.approve_budget(budget=budget, actor=users["chair"], approved_on=None, approval_number="1号")


def test_an_adopted_budget_changes_only_by_adjustment(users):
    budget = executing_budget(actor=users["accountant"])
    with pytest.raises(ValidationError, match="预算调整"):
        budget_services.set_budget_line(budget=budget, account=account("201"), amount="1", actor=users["accountant"])


def test_a_closed_year_refuses_income_settings_and_adjustments(users):
    last = TODAY.year - 1
    budget = executing_budget(year=last, actor=users["accountant"])
    budget_services.close_budget(budget=budget, actor=users["chair"], closed_on=TODAY)
    with pytest.raises(ValidationError, match="已决算"):
        income.record_income(
            account=account("103"),
            fund=general_fund(),
            amount="1",
            on=datetime.date(last, 6, 1),
            voucher_number="收-x",
            summary="补助",
            actor=users["accountant"],
        )
    with pytest.raises(ValidationError, match="已决算"):
        income.update_year_settings(year=last, actor=users["chair"], committee_threshold=Decimal("1"))
    with pytest.raises(ValidationError, match="已决算"):
        budget_services.create_adjustment(budget=budget, reason="补", actor=users["accountant"])


@pytest.mark.parametrize(
    ("status", "action"),
    [(s, a.name) for a in BUDGET_FLOW.actions for s in Budget.Status if s not in a.sources],
)
def test_every_illegal_budget_step_is_refused(users, status, action):
    budget = Budget.objects.create(year=TODAY.year, status=status)
    budget.lines.create(account=account("201"), amount=Decimal("1"))
    call = {
        "adopt": lambda: budget_services.adopt_budget(budget=budget, actor=None, adopted_on=TODAY),
        "approve": lambda: budget_services.approve_budget(
            budget=budget, actor=None, approved_on=TODAY, approval_number="1号"
        ),
        "execute": lambda: budget_services.execute_budget(budget=budget, actor=None),
        "close": lambda: budget_services.close_budget(budget=budget, actor=None, closed_on=TODAY),
    }[action]
    with pytest.raises(ValidationError, match="现在是“.*”，不能"):
        call()


def test_an_adjustment_may_not_cut_a_line_below_what_is_approved(users):
    from .factories import approved

    budget = executing_budget(actor=users["accountant"], lines={"201": "1000"})
    approved(users, amount="800.00")
    adjustment = budget_services.create_adjustment(budget=budget, reason="压减", actor=users["accountant"])
    budget_services.set_adjustment_line(
        adjustment=adjustment, account=account("201"), change="-300", actor=users["accountant"]
    )
    budget_services.adopt_adjustment(adjustment=adjustment, actor=users["chair"], adopted_on=TODAY)
    if TODAY.timetuple().tm_yday == 1:
        return  # no day of the year before its first
    with pytest.raises(ValidationError, match="少于已批准的支出"):
        budget_services.approve_adjustment(
            adjustment=adjustment, actor=users["chair"], approved_on=TODAY, approval_number="1号"
        )


def test_a_dedicated_fund_spends_only_what_it_holds(users):
    from funds.services import expenses

    from .factories import request

    executing_budget(actor=users["accountant"])
    fund = Fund.objects.get(name="困难职工救助基金")
    expense = request(users["staff"], amount="500.00", code="20204", fund=fund)
    expense = expenses.review_expense(expense=expense, actor=users["accountant"])
    with pytest.raises(ValidationError, match="余额 0.00 元，不足"):
        expenses.approve_expense(expense=expense, actor=users["chair"])
    income.record_income(
        account=account("107"),
        fund=fund,
        amount="600",
        on=TODAY,
        voucher_number="收-捐",
        summary="爱心捐款转入",
        actor=users["accountant"],
    )
    assert expenses.approve_expense(expense=expense, actor=users["chair"]).status == "approved"


def test_a_year_closes_after_it_ends_and_its_decisions_are_dated_in_their_years(users):
    this_year = executing_budget(actor=users["accountant"])
    with pytest.raises(ValidationError, match=f"{TODAY.year}年度结束后才能决算"):
        budget_services.close_budget(budget=this_year, actor=users["chair"], closed_on=TODAY)
    future = budget_services.create_budget(year=TODAY.year + 1, actor=users["accountant"])
    budget_services.set_budget_line(budget=future, account=account("201"), amount="100", actor=users["accountant"])
    with pytest.raises(ValidationError, match=f"委员会通过日期应在{TODAY.year}—{TODAY.year + 1}年内"):
        budget_services.adopt_budget(budget=future, actor=users["chair"], adopted_on=datetime.date(2019, 5, 1))
    adjustment = budget_services.create_adjustment(budget=this_year, reason="调增", actor=users["accountant"])
    budget_services.set_adjustment_line(
        adjustment=adjustment, account=account("201"), change="100", actor=users["accountant"]
    )
    budget_services.adopt_adjustment(adjustment=adjustment, actor=users["chair"], adopted_on=TODAY)
    if TODAY.timetuple().tm_yday == 1:
        return  # no day of the year before its first
    with pytest.raises(ValidationError, match="上级批复日期不能早于委员会通过日期"):
        budget_services.approve_adjustment(
            adjustment=adjustment,
            actor=users["chair"],
            approved_on=TODAY - datetime.timedelta(days=1),
            approval_number="2号",
        )


def test_a_periods_allocation_is_booked_once(users):
    def book(voucher):
        return income.record_allocation(
            payroll_base="1000000", on=TODAY, voucher_number=voucher, period="4季度", actor=users["accountant"]
        )

    book("收-拨4")
    with pytest.raises(ValidationError, match="4季度拨缴经费已入账（凭证号 收-拨4），不能重复入账"):
        book("收-拨4b")
    assert Entry.objects.count() == 1


def test_a_budget_is_adjusted_at_the_level_it_was_set_and_a_draft_line_of_zero_goes(users):
    budget = executing_budget(actor=users["accountant"], lines={"202": "75000"})
    adjustment = budget_services.create_adjustment(budget=budget, reason="法律援助增加", actor=users["accountant"])

    def line(code, change):
        return budget_services.set_adjustment_line(
            adjustment=adjustment, account=account(code), change=change, actor=users["accountant"]
        )

    with pytest.raises(ValidationError, match="“法律援助费”的支出计入上级科目“维权支出”的预算"):
        line("20203", "3000")
    line("202", "3000")
    assert line("202", "0") is None and not adjustment.lines.exists()
    with pytest.raises(ValidationError, match="调整金额"):
        line("202", "abc")


def test_next_years_budget_is_a_link_away(client_as):
    page = client_as("accountant").get(f"/funds/budget/?year={TODAY.year}").content.decode()
    assert f'href="?year={TODAY.year + 1}" data-testid="next-year">{TODAY.year + 1}年度</a>' in page


def test_the_chair_and_the_auditor_are_told_of_a_change_to_the_years_rules_with_before_and_after(users):
    from unionportal.notices import Notice

    year = timezone.localdate().year
    income.update_year_settings(year=year, actor=users["accountant"], committee_threshold=Decimal("5000.00"))
    assert not Notice.objects.filter(kind="funds.settings").exists()  # saved unchanged: nothing to tell
    income.update_year_settings(year=year, actor=users["accountant"], committee_threshold=Decimal("8000.00"))
    told = Notice.objects.filter(kind="funds.settings")
    assert set(told.values_list("recipient__username", flat=True)) == {"chair", "auditor"}
    assert told.first().text == f"{year}年度经费设置已修改（accountant）：集体研究金额（元） 5000.00 → 8000.00。"
