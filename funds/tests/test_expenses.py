import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from funds.flows import EXPENSE_FLOW
from funds.models import Entry, Expense, ExpenseStep
from funds.services import budget as budget_services
from funds.services import expenses
from funds.services.income import update_year_settings

from .factories import account, approved, executing_budget, invoice, paid, request

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def budget(users):
    return executing_budget(actor=users["accountant"])


def test_an_expense_goes_from_request_to_payment_and_books_one_entry(users, budget):
    expense = request(users["staff"], is_goods=True)
    expense = expenses.review_expense(expense=expense, actor=users["accountant"])
    expense = expenses.accept_expense(
        expense=expense, actor=users["welfare"], received_by="王丽娟", received_note="奖品"
    )
    expense = expenses.approve_expense(expense=expense, actor=users["chair"])
    expense = expenses.pay_expense(
        expense=expense, actor=users["accountant"], paid_on=TODAY, method="transfer", voucher_number="付-7"
    )
    assert expense.status == Expense.Status.PAID
    entry = Entry.objects.get(expense=expense)
    assert (entry.direction, entry.amount, entry.voucher_number) == ("out", Decimal("800.00"), "付-7")
    assert [step.to_status for step in ExpenseStep.objects.filter(expense=expense).exclude(action="decide")] == [
        "submitted",
        "reviewed",
        "accepted",
        "approved",
        "paid",
    ]


@pytest.mark.parametrize(
    ("amount", "message"),
    [("0", "金额应大于0"), ("-5", "金额不能为负数"), ("12.345", "最多两位小数"), ("abc", "不是有效的金额")],
)
def test_bad_amounts_are_refused_in_chinese_and_nothing_is_written(users, budget, amount, message):
    with pytest.raises(ValidationError, match=message):
        request(users["staff"], amount=amount)
    assert not Expense.objects.exists()


def test_a_float_is_never_money(users, budget):
    with pytest.raises(TypeError):
        request(users["staff"], amount=12.5)


def test_nobody_reviews_or_approves_their_own_request(users, budget):
    expense = request(users["accountant"])
    with pytest.raises(ValidationError, match="不能财务审核自己经办的支出"):
        expenses.review_expense(expense=expense, actor=users["accountant"])
    chair_request = request(users["chair"])
    chair_request = expenses.review_expense(expense=chair_request, actor=users["accountant"])
    with pytest.raises(ValidationError, match="不能审批同意自己经办的支出"):
        expenses.approve_expense(expense=chair_request, actor=users["chair"])


def test_goods_must_be_accepted_before_the_chair_approves(users, budget):
    expense = expenses.review_expense(expense=request(users["staff"], is_goods=True), actor=users["accountant"])
    with pytest.raises(ValidationError, match="须先验收"):
        expenses.approve_expense(expense=expense, actor=users["chair"])


def test_review_needs_an_invoice_or_receipt(users, budget):
    expense = request(users["staff"], attachments=[])
    with pytest.raises(ValidationError, match="发票或收据"):
        expenses.review_expense(expense=expense, actor=users["accountant"])


@pytest.mark.parametrize("name,content", [("发票.pdf", b"MZ\x90\x00program"), ("发票.exe", b"%PDF-1.4 x")])
def test_an_attachment_that_is_not_a_pdf_or_image_is_refused(users, budget, name, content):
    with pytest.raises(ValidationError, match="不是 PDF 或图片"):
        request(users["staff"], attachments=[(invoice(name, content), "invoice")])
    assert not Expense.objects.exists()


def test_a_large_expense_needs_the_committee_decision_before_the_chair(users, budget):
    update_year_settings(year=TODAY.year, actor=users["chair"], committee_threshold=Decimal("5000.00"))
    expense = expenses.review_expense(expense=request(users["staff"], amount="6000.00"), actor=users["accountant"])
    with pytest.raises(ValidationError, match="集体研究"):
        expenses.approve_expense(expense=expense, actor=users["chair"])
    minute = "工会委员会会议纪要〔2026〕5号"
    with pytest.raises(ValidationError, match="不能登记集体研究自己经办的支出"):
        expenses.record_decision(expense=expense, actor=users["staff"], decision_on=TODAY, decision_minute=minute)
    with pytest.raises(ValidationError, match=f"集体研究日期应在{TODAY.year - 1}年或{TODAY.year}年内"):
        expenses.record_decision(
            expense=expense, actor=users["chair"], decision_on=datetime.date(2001, 1, 5), decision_minute=minute
        )
    expenses.record_decision(expense=expense, actor=users["chair"], decision_on=TODAY, decision_minute=minute)
    assert expenses.approve_expense(expense=expense, actor=users["chair"]).status == Expense.Status.APPROVED


def test_spending_past_the_budget_line_is_refused_until_an_adjustment_is_approved(users, budget):
    approved(users, amount="29000.00", code="20205")  # 送温暖费 under 维权支出 (30,000)
    with pytest.raises(ValidationError, match="超出预算"):
        request(users["staff"], amount="1500.00", code="20205")
    adjustment = budget_services.create_adjustment(budget=budget, reason="春节慰问对象增加", actor=users["accountant"])
    budget_services.set_adjustment_line(
        adjustment=adjustment, account=account("202"), change="5000", actor=users["accountant"]
    )
    budget_services.adopt_adjustment(adjustment=adjustment, actor=users["chair"], adopted_on=TODAY)
    with pytest.raises(ValidationError, match="超出预算"):  # adopted by the committee, not yet approved
        request(users["staff"], amount="1500.00", code="20205")
    budget_services.approve_adjustment(
        adjustment=adjustment, actor=users["chair"], approved_on=TODAY, approval_number="青教工〔2026〕9号"
    )
    assert request(users["staff"], amount="1500.00", code="20205").status == Expense.Status.SUBMITTED


def test_two_approvals_of_one_line_cannot_both_pass_the_budget(users, budget):
    first = expenses.review_expense(
        expense=request(users["staff"], amount="20000.00", code="20301"), actor=users["accountant"]
    )
    second = expenses.review_expense(
        expense=request(users["welfare"], amount="20000.00", code="20302"), actor=users["accountant"]
    )
    for expense in (first, second):
        expense.decision_on, expense.decision_minute = TODAY, "纪要"
        expense.save()
    expenses.approve_expense(expense=first, actor=users["chair"])
    with pytest.raises(ValidationError, match="超出预算"):
        expenses.approve_expense(expense=second, actor=users["chair"])


def test_a_second_approval_of_the_same_request_is_refused(users, budget):
    expense = expenses.review_expense(expense=request(users["staff"]), actor=users["accountant"])
    stale = Expense.objects.get(pk=expense.pk)
    expenses.approve_expense(expense=expense, actor=users["chair"])
    with pytest.raises(ValidationError, match="不能审批"):
        expenses.approve_expense(expense=stale, actor=users["chair"])
    assert ExpenseStep.objects.filter(expense=expense, to_status="approved").count() == 1


def test_a_voucher_number_is_used_once(users, budget):
    paid(users, voucher="付-1")
    expense = approved(users)
    with pytest.raises(ValidationError, match="凭证号“付-1”已被使用"):
        expenses.pay_expense(
            expense=expense, actor=users["accountant"], paid_on=TODAY, method="cash", voucher_number="付-1"
        )
    assert Expense.objects.get(pk=expense.pk).status == Expense.Status.APPROVED


def test_a_returned_request_is_corrected_and_resubmitted_or_withdrawn(users, budget):
    expense = request(users["staff"])
    expenses.return_expense(expense=expense, actor=users["accountant"], note="发票抬头不对")
    with pytest.raises(ValidationError, match="只有经办人本人"):
        expenses.resubmit_expense(expense=expense, actor=users["chair"])
    expense = expenses.resubmit_expense(expense=expense, actor=users["staff"], amount="750.00")
    assert (expense.status, expense.amount) == (Expense.Status.SUBMITTED, Decimal("750.00"))
    expenses.return_expense(expense=expense, actor=users["accountant"], note="再核")
    assert expenses.withdraw_expense(expense=expense, actor=users["staff"]).status == Expense.Status.WITHDRAWN


def test_a_refused_request_can_be_corrected(users, budget):
    expense = expenses.review_expense(expense=request(users["staff"]), actor=users["accountant"])
    with pytest.raises(ValidationError, match="理由"):
        expenses.refuse_expense(expense=expense, actor=users["chair"], note="")
    expenses.refuse_expense(expense=expense, actor=users["chair"], note="标准过高")
    assert expenses.resubmit_expense(expense=expense, actor=users["staff"], amount="500").status == "submitted"


def test_an_expense_dated_in_a_closed_year_is_refused(users, budget):
    last_year = TODAY.year - 1
    old = executing_budget(year=last_year, actor=users["accountant"])
    budget_services.close_budget(budget=old, actor=users["chair"], closed_on=TODAY)
    with pytest.raises(ValidationError, match="已决算"):
        request(users["staff"], on=datetime.date(last_year, 12, 30))


def test_a_year_with_requests_under_way_cannot_be_closed(users, budget):
    request(users["staff"])
    with pytest.raises(ValidationError, match="未办结"):
        budget_services.close_budget(budget=budget, actor=users["chair"], closed_on=TODAY)


@pytest.mark.parametrize(
    ("status", "action"),
    [(status, a.name) for a in EXPENSE_FLOW.actions for status in Expense.Status if status not in a.sources],
)
def test_every_illegal_transition_is_refused(users, budget, status, action):
    expense = request(users["staff"], is_goods=True, amount="6000.00")  # goods, and large: every step applies
    Expense.objects.filter(pk=expense.pk).update(status=status)
    actor = users["staff"] if action in expenses.OWN_ACTIONS else users["chair"]
    call = {
        "review": lambda: expenses.review_expense(expense=expense, actor=actor),
        "accept": lambda: expenses.accept_expense(expense=expense, actor=actor, received_by="甲", received_note="乙"),
        "approve": lambda: expenses.approve_expense(expense=expense, actor=actor),
        "decide": lambda: expenses.record_decision(
            expense=expense, actor=actor, decision_on=TODAY, decision_minute="纪要"
        ),
        "pay": lambda: expenses.pay_expense(
            expense=expense, actor=actor, paid_on=TODAY, method="cash", voucher_number="X"
        ),
        "return": lambda: expenses.return_expense(expense=expense, actor=actor, note="理由"),
        "refuse": lambda: expenses.refuse_expense(expense=expense, actor=actor, note="理由"),
        "resubmit": lambda: expenses.resubmit_expense(expense=expense, actor=actor),
        "withdraw": lambda: expenses.withdraw_expense(expense=expense, actor=actor),
    }[action]
    with pytest.raises(ValidationError, match="现在是“.*”，不能"):
        call()
    assert Expense.objects.get(pk=expense.pk).status == status


def test_the_pay_form_keeps_the_payment_in_its_budget_year_and_after_the_approval(users, budget, client_as):
    expense = approved(users)
    client = client_as("accountant")
    typed = {"state": "approved", "method": "transfer", "voucher_number": "付-88"}
    last_year = client.post(
        f"/funds/expenses/{expense.pk}/pay/", {**typed, "paid_on": f"{TODAY.year - 1}-03-01"}, follow=True
    ).content.decode()
    assert f"这笔支出列入{TODAY.year}年预算，支付日期须在{TODAY.year}年内。" in last_year
    assert 'value="付-88"' in last_year  # what was typed comes back
    if TODAY.month > 1 or TODAY.day > 1:
        day_before = TODAY - datetime.timedelta(days=1)
        early = client.post(
            f"/funds/expenses/{expense.pk}/pay/", {**typed, "paid_on": day_before.isoformat()}, follow=True
        ).content.decode()
        assert f"支付日期不能早于审批日期（{TODAY.isoformat()}）" in early
    expense.refresh_from_db()
    assert expense.status == Expense.Status.APPROVED and not Entry.objects.filter(expense=expense).exists()
    client.post(f"/funds/expenses/{expense.pk}/pay/", {**typed, "paid_on": TODAY.isoformat()})
    expense.refresh_from_db()
    assert expense.status == Expense.Status.PAID


def test_a_new_request_tells_the_accountants_and_goods_go_to_those_who_receive_them_but_the_asker(users, budget):
    from unionportal.notices import Notice

    expense = request(users["staff"], is_goods=True)
    assert Notice.objects.filter(recipient=users["accountant"], text__contains="待财务审核").exists()
    Notice.objects.all().delete()
    expenses.review_expense(expense=expense, actor=users["accountant"])
    told = set(Notice.objects.values_list("recipient__username", flat=True))
    assert "welfare" in told and "staff" not in told


def test_whoever_received_the_goods_lands_on_her_home_page_not_a_refusal(users, budget, client_as):
    expense = expenses.review_expense(expense=request(users["staff"], is_goods=True), actor=users["accountant"])
    response = client_as("welfare").post(
        f"/funds/expenses/{expense.pk}/accept/",
        {"state": "reviewed", "received_by": "王丽娟", "received_note": "奖品 20 份"},
        follow=True,
    )
    assert response.status_code == 200 and response.redirect_chain[-1][0] == "/"
    assert "已验收。" in response.content.decode()


def test_each_desk_of_the_dashboard_opens_the_requests_waiting_there(users, budget, client_as):
    goods = expenses.review_expense(expense=request(users["staff"], is_goods=True), actor=users["accountant"])
    plain = expenses.review_expense(expense=request(users["staff"]), actor=users["accountant"])
    client = client_as("chair")
    page = client.get("/funds/").content.decode()
    assert f"?desk=accept&year={TODAY.year}" in page and f"?desk=approve&year={TODAY.year}" in page
    accept = client.get(f"/funds/expenses/?desk=accept&year={TODAY.year}")
    assert [e.pk for e in accept.context["page_obj"]] == [goods.pk] and "待验收" in accept.content.decode()
    approve = client.get(f"/funds/expenses/?desk=approve&year={TODAY.year}")
    assert [e.pk for e in approve.context["page_obj"]] == [plain.pk]
    assert "0.4000" not in page and "%；拨缴经费留成" in page  # shares as percentages


def test_the_committee_threshold_stays_while_a_request_waits_for_the_chair(users, budget):
    expense = expenses.review_expense(expense=request(users["staff"], amount="6000.00"), actor=users["accountant"])
    with pytest.raises(ValidationError, match="还有 1 笔支出等待审批，审批完毕后才能修改"):
        update_year_settings(year=TODAY.year, actor=users["chair"], committee_threshold=Decimal("100000.00"))
    expenses.refuse_expense(expense=expense, actor=users["chair"], note="暂缓")
    update_year_settings(year=TODAY.year, actor=users["chair"], committee_threshold=Decimal("100000.00"))


def test_my_requests_lead_to_a_new_one_and_list_mine_only(users, budget, client_as):
    mine = request(users["welfare"], purpose="慰问品")
    request(users["staff"], purpose="运动会奖品")
    page = client_as("welfare").get("/funds/expenses/mine/").text
    assert 'data-testid="new-expense"' in page and 'href="/funds/expenses/new/"' in page
    assert mine.purpose in page and "运动会奖品" not in page
