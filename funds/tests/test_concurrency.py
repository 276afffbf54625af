"""Two people pressing approve at the same moment: exactly one wins. Needs PostgreSQL (row locks)."""

import pytest
from django.db import connection

from funds.models import Expense, ExpenseStep
from funds.services import expenses
from tests.concurrency import race

from .factories import executing_budget, request

pytestmark = [
    pytest.mark.django_db(transaction=True),  # the conftest puts back the chart a flush removes
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_two_approvals_of_the_same_request_at_once_one_wins(users):
    executing_budget(actor=users["accountant"])
    expense = expenses.review_expense(expense=request(users["staff"]), actor=users["accountant"])
    refused = race([lambda: expenses.approve_expense(expense=expense, actor=users["chair"])] * 2)
    assert len(refused) == 1
    assert ExpenseStep.objects.filter(expense=expense, to_status=Expense.Status.APPROVED).count() == 1


def test_two_approvals_racing_for_the_last_of_a_line_one_is_refused(users):
    executing_budget(actor=users["accountant"], lines={"203": "1000"})
    reviewed = [
        expenses.review_expense(expense=request(users[role], amount="600.00", code="20301"), actor=users["accountant"])
        for role in ("staff", "welfare")
    ]
    refused = race([lambda e=e: expenses.approve_expense(expense=e, actor=users["chair"]) for e in reviewed])
    assert len(refused) == 1 and "超出预算" in refused[0].messages[0]
    assert Expense.objects.filter(status=Expense.Status.APPROVED).count() == 1
