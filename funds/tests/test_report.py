"""The annual report's 经费收支 chapter comes from the ledger."""

import datetime
import io
from decimal import Decimal

from pypdf import PdfReader

from funds import report
from funds.services import budget as budget_services
from funds.services import expenses, income
from members.models import DuesRecord, Member
from unionportal.documents.annual_report import AnnualReportDocument, compile_report
from unionportal.documents.rendering import render_pdf

from .factories import account, general_fund, invoice

YEAR = 2025


def on(month, day):
    return datetime.date(YEAR, month, day)


def year_of_money(users):
    """A year of books: dues and allocation in, a subsidy, a budget with its reply, and two paid expenses."""
    accountant, chair = users["accountant"], users["chair"]
    for member, amount in ((users["member"].member, "25.55"), (users["delegate"].member, "33.55")):
        DuesRecord.objects.create(
            member=member, month=on(1, 1), wage_base=Decimal("5000"), due=Decimal(amount), paid=Decimal(amount)
        )
    income.post_dues(month=on(1, 1), on=on(1, 31), voucher_number="2025-收-1", actor=accountant)
    income.record_allocation(
        payroll_base="250000.00", on=on(3, 31), voucher_number="2025-收-2", period="1季度", actor=accountant
    )
    income.record_income(
        account=account("103"),
        fund=general_fund(),
        amount="1000.00",
        on=on(4, 1),
        voucher_number="2025-收-3",
        summary="上级工会补助",
        actor=accountant,
    )
    budget = budget_services.create_budget(year=YEAR, actor=accountant)
    for code, amount in (("201", "5000"), ("202", "3000"), ("103", "1000")):
        budget_services.set_budget_line(budget=budget, account=account(code), amount=amount, actor=accountant)
    budget_services.adopt_budget(budget=budget, actor=chair, adopted_on=on(1, 10))
    budget_services.approve_budget(
        budget=budget, actor=chair, approved_on=on(1, 20), approval_number="青教工〔2025〕2号"
    )
    budget_services.execute_budget(budget=budget, actor=chair)
    for number, (code, amount, purpose) in enumerate(
        [("20102", "2850.50", "教工运动会奖品"), ("20205", "500.15", "春节慰问困难教工")], start=1
    ):
        expense = expenses.request_expense(
            requester=users["staff"],
            account=account(code),
            fund=general_fund(),
            amount=amount,
            purpose=purpose,
            payee="青山百货",
            on=on(5, 1),
            attachments=[(invoice(), "invoice")],
        )
        expenses.review_expense(expense=expense, actor=accountant)
        expenses.approve_expense(expense=expense, actor=chair)
        expenses.pay_expense(
            expense=expense, actor=accountant, paid_on=on(6, 1), method="transfer", voucher_number=f"2025-付-{number}"
        )


def test_the_chapter_adds_up_income_spending_and_balances_from_the_ledger(users):
    year_of_money(users)
    chapter = report.annual_report(YEAR)
    totals = chapter.context["report"]
    # dues 59.10 + allocation 250,000 × 2% × 60% = 3,000.00 + subsidy 1,000.00
    assert (totals["income"]["actual"], totals["expense"]["actual"]) == (Decimal("4059.10"), Decimal("3350.65"))
    assert [(row.account.name, row.actual, row.percent) for row in chapter.context["expense_rows"]] == [
        ("职工活动支出", Decimal("2850.50"), "57.0%"),
        ("维权支出", Decimal("500.15"), "16.7%"),
    ]
    html = chapter.render(year=YEAR, union=None)
    assert "2025年工会经费收入4,059.10元，支出3,350.65元，收支结余708.45元" in html
    assert "上级工会批复（青教工〔2025〕2号）" in html
    assert "全年应收会费59.10元，实收59.10元，收缴率100.0%" in html
    assert "<svg" in html


def test_a_year_without_entries_has_no_funds_chapter(users):
    assert report.annual_report(YEAR) is None
    assert "经费收支" not in [heading for heading, _html in compile_report(YEAR)["chapters"]]


def test_the_printed_report_has_the_funds_chapter_last(users):
    year_of_money(users)
    Member.objects.create(name="老李", gender="M", status=Member.Status.RETIRED)
    context = compile_report(YEAR)
    headings = [heading for heading, _html in context["chapters"]]
    assert headings.index("离退休工作") < headings.index("经费收支")
    pdf = render_pdf(AnnualReportDocument.template, context)
    text = "".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "经费收支" in text
    assert "3,350.65元" in text
