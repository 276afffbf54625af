"""A request asked by the one who holds the seat that would check it — the chair (一支笔) or the only accountant
(财务审核) — reaches a decision through the committee (集体研究), and still nobody checks her own request."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from funds.models import Entry, Expense
from funds.services import expenses
from unionportal.notices import Notice

from .factories import executing_budget, request

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
MINUTE = "工会委员会会议纪要〔2026〕7号"


@pytest.fixture
def budget(users):
    return executing_budget(actor=users["accountant"])


def told(user, text):
    return Notice.objects.filter(recipient=user, text__contains=text).exists()


def _decide(expense, actor):
    return expenses.record_decision(expense=expense, actor=actor, decision_on=TODAY, decision_minute=MINUTE)


def test_the_chairs_own_request_is_decided_by_the_committee_and_signed_by_a_member(users, budget):
    expense = request(users["chair"])  # 800 元, under the committee threshold
    assert expenses.needs_decision(expense)
    expense = expenses.review_expense(expense=expense, actor=users["accountant"])
    assert told(users["staff"], "请提交工会委员会集体研究") and not told(users["chair"], "集体研究")
    with pytest.raises(ValidationError, match="不能审批同意自己经办的支出"):
        expenses.approve_expense(expense=expense, actor=users["chair"])
    with pytest.raises(ValidationError, match="主席本人经办的支出，须经工会委员会集体研究"):
        expenses.approve_expense(expense=expense, actor=users["staff"])
    with pytest.raises(ValidationError, match="须先经工会委员会集体研究，再决定是否批准"):
        expenses.refuse_expense(expense=expense, actor=users["staff"], note="标准偏高")
    with pytest.raises(ValidationError, match="不能登记集体研究自己经办的支出"):
        _decide(expense, users["chair"])
    expense = _decide(expense, users["staff"])
    expense = expenses.approve_expense(expense=expense, actor=users["staff"])
    assert (expense.status, expense.approved_by) == (Expense.Status.APPROVED, users["staff"])
    assert told(users["accountant"], "已经工会委员会集体研究审批，请支付")
    assert told(users["auditor"], f"主席chair本人经办的支出“职工趣味运动会奖品”800.00元已经集体研究（{MINUTE}）审批")
    expense = expenses.pay_expense(
        expense=expense, actor=users["accountant"], paid_on=TODAY, method="transfer", voucher_number="付-主席-1"
    )
    assert Entry.objects.filter(expense=expense).exists()


def test_the_committee_may_also_refuse_the_chairs_own_request(users, budget):
    expense = _decide(
        expenses.review_expense(expense=request(users["chair"]), actor=users["accountant"]), users["staff"]
    )
    expense = expenses.refuse_expense(expense=expense, actor=users["staff"], note="不符合开支范围")
    assert expense.status == Expense.Status.REFUSED


def test_a_committee_member_signs_only_the_chairs_request_not_anyone_elses(users, budget):
    expense = expenses.review_expense(expense=request(users["welfare"]), actor=users["accountant"])
    with pytest.raises(ValidationError, match="您不能审批同意这个支出申请"):
        expenses.approve_expense(expense=expense, actor=users["staff"])
    with pytest.raises(ValidationError, match="您不能不批准这个支出申请"):
        expenses.refuse_expense(expense=expense, actor=users["staff"], note="x")
    assert not expenses.needs_decision(expense)


def test_a_second_chair_signs_the_chairs_request_after_the_committee_and_never_her_own(users, budget, make_user):
    vice = make_user("vice", roles=["chair"])
    expense = expenses.review_expense(expense=request(users["chair"]), actor=users["accountant"])
    assert told(vice, "请提交工会委员会集体研究")
    with pytest.raises(ValidationError, match="须经工会委员会集体研究"):
        expenses.approve_expense(expense=expense, actor=vice)
    expense = expenses.approve_expense(expense=_decide(expense, vice), actor=vice)
    assert expense.approved_by == vice
    own = expenses.review_expense(expense=request(vice), actor=users["accountant"])
    with pytest.raises(ValidationError, match="不能审批同意自己经办的支出"):
        expenses.approve_expense(expense=_decide(own, users["staff"]), actor=vice)


def test_the_only_accountants_own_request_is_checked_and_paid_by_others_after_the_committee(users, budget):
    expense = request(users["accountant"])
    assert told(users["chair"], "财务人员accountant本人经办的支出“职工趣味运动会奖品”800.00元待财务审核，请代为审核。")
    assert told(users["staff"], "请代为审核")
    assert not told(users["accountant"], "待财务审核")
    with pytest.raises(ValidationError, match="不能财务审核自己经办的支出"):
        expenses.review_expense(expense=expense, actor=users["accountant"])
    with pytest.raises(ValidationError, match="您不能财务审核这个支出申请"):
        expenses.review_expense(expense=expense, actor=users["welfare"])
    expense = expenses.review_expense(expense=expense, actor=users["staff"])
    with pytest.raises(ValidationError, match="财务人员本人经办的支出"):
        expenses.approve_expense(expense=expense, actor=users["chair"])
    expense = expenses.approve_expense(expense=_decide(expense, users["chair"]), actor=users["chair"])
    assert told(users["staff"], "主席已审批，请支付") and told(users["auditor"], "请经审委员会监督")
    assert told(users["auditor"], "财务人员accountant本人经办的支出")
    with pytest.raises(ValidationError, match="不能支付记账自己经办的支出"):
        expenses.pay_expense(
            expense=expense, actor=users["accountant"], paid_on=TODAY, method="cash", voucher_number="付-财-1"
        )
    with pytest.raises(ValidationError, match="您审批了这笔支出，不能再由您支付记账"):  # no money on one word
        expenses.pay_expense(
            expense=expense, actor=users["chair"], paid_on=TODAY, method="cash", voucher_number="付-财-1"
        )
    expense = expenses.pay_expense(
        expense=expense, actor=users["staff"], paid_on=TODAY, method="transfer", voucher_number="付-财-1"
    )
    assert expense.status == Expense.Status.PAID


def test_with_a_second_accountant_the_accountants_request_takes_the_usual_way(users, budget, make_user):
    second = make_user("second", roles=["accountant"])
    expense = request(users["accountant"])
    assert told(second, "待财务审核") and not told(users["staff"], "待财务审核")
    assert not expenses.needs_decision(expense)
    with pytest.raises(ValidationError, match="您不能财务审核这个支出申请"):
        expenses.review_expense(expense=expense, actor=users["staff"])
    expense = expenses.review_expense(expense=expense, actor=second)
    assert expenses.approve_expense(expense=expense, actor=users["chair"]).status == Expense.Status.APPROVED


# ---- the pages --------------------------------------------------------------------------------------------


def test_a_committee_member_opens_the_chairs_request_and_signs_it_on_the_page(users, budget, client_as):
    expense = expenses.review_expense(expense=request(users["chair"]), actor=users["accountant"])
    client = client_as("staff")
    page = client.get(expense.get_absolute_url()).content.decode()
    assert "主席本人经办的支出，须经工会委员会集体研究" in page
    assert 'data-action="decide"' in page and 'data-action="approve"' not in page
    client.post(
        f"/funds/expenses/{expense.pk}/decide/",
        {"state": "reviewed", "decision_on": TODAY.isoformat(), "decision_minute": MINUTE},
    )
    page = client.get(expense.get_absolute_url()).content.decode()
    assert 'data-action="approve"' in page and 'data-action="refuse"' in page
    done = client.post(f"/funds/expenses/{expense.pk}/approve/", {"state": "reviewed"}, follow=True).content.decode()
    assert "已审批同意" in done
    assert "主席已审批" not in done  # a 委员 signed it: the status does not name a signer
    assert Expense.objects.get(pk=expense.pk).status == Expense.Status.APPROVED


def test_the_chair_who_signed_the_accountants_request_sees_no_button_to_pay_it(users, budget, client_as):
    expense = expenses.review_expense(expense=request(users["accountant"]), actor=users["staff"])
    expense = expenses.approve_expense(expense=_decide(expense, users["staff"]), actor=users["chair"])
    assert 'data-action="pay"' not in client_as("chair").get(expense.get_absolute_url()).text
    mine = client_as("accountant").get(expense.get_absolute_url()).text  # she is told who pays, and why not she
    assert "由主席或委员代为财务审核和支付（审批人不支付）" in mine and 'data-action="pay"' not in mine
    page = client_as("staff").get(expense.get_absolute_url()).text
    assert 'data-action="pay"' in page and "不能撤回；请核对支付日期、方式和凭证号" in page


def test_the_chair_sees_no_button_to_sign_her_own_request(users, budget, client_as):
    expense = _decide(
        expenses.review_expense(expense=request(users["chair"]), actor=users["accountant"]), users["staff"]
    )
    page = client_as("chair").get(expense.get_absolute_url()).content.decode()
    assert 'data-action="approve"' not in page and 'data-action="decide"' not in page


@pytest.mark.parametrize(
    ("owner", "role", "status"),
    [
        ("chair", "staff", 200),  # a 委员 decides it with the committee
        ("chair", "welfare", 403),
        ("chair", "member", 403),
        ("accountant", "staff", 200),  # a 委员 may check it in the accountant's place
        ("accountant", "welfare", 403),
        ("welfare", "staff", 403),  # anyone else's request stays with its checkers
    ],
)
def test_who_opens_a_request_its_asker_could_not_have_checked(users, budget, client_as, owner, role, status):
    expense = request(users[owner])
    assert client_as(role).get(expense.get_absolute_url()).status_code == status


def test_the_chairs_card_counts_only_the_requests_she_may_sign(users, budget, rf):
    from funds.dashboard import cards

    def chairs_card():
        http = rf.get("/")
        http.user = users["chair"]
        return [card.value for card in cards(http) if card.title == "待主席审批的支出"]

    expenses.review_expense(expense=request(users["chair"]), actor=users["accountant"])
    assert chairs_card() == []  # her own waits for the committee, not for her
    expenses.review_expense(expense=request(users["staff"]), actor=users["accountant"])
    assert chairs_card() == ["1"]
