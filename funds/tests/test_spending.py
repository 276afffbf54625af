import pytest
from django.core.exceptions import ValidationError

from funds.models import Expense
from funds.services import expenses
from funds.services.spending import request_for

from .factories import executing_budget

pytestmark = pytest.mark.django_db


def test_another_apps_spending_goes_through_the_same_chain(users):
    executing_budget(actor=users["accountant"])
    expense = request_for(
        kind="warmth",
        reference="春节送温暖#3",
        requester=users["welfare"],
        amount="300.00",
        purpose="春节慰问张*明",
        payee="张*明",
    )
    assert (expense.account.code, expense.source, expense.status) == ("20205", "送温暖慰问 春节送温暖#3", "submitted")
    expense = expenses.review_expense(expense=expense, actor=users["accountant"])  # the app's record is the voucher
    with pytest.raises(ValidationError, match="不能审批同意自己经办的支出"):
        expenses.approve_expense(expense=expense, actor=users["welfare"])
    assert expenses.approve_expense(expense=expense, actor=users["chair"]).status == Expense.Status.APPROVED


def test_another_apps_spending_past_the_budget_is_refused(users):
    executing_budget(actor=users["accountant"], lines={"201": "100"})
    with pytest.raises(ValidationError, match="超出预算"):
        request_for(
            kind="event", reference="运动会", requester=users["staff"], amount="150", purpose="奖品", payee="店"
        )
