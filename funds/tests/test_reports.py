"""Every total of every report is recomputed here from the ledger entries, one by one in Python."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from funds import selectors
from funds.models import Account, Entry, Expense
from funds.services import income

from .factories import account, executing_budget, general_fund, paid, request

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def year_of_books(users):
    executing_budget(actor=users["accountant"], lines={"201": "50000", "20205": "30000", "203": "20000", "103": "8000"})
    income.record_allocation(
        payroll_base="800000.00", on=TODAY, voucher_number="收-1", period="1季度", actor=users["accountant"]
    )
    income.record_income(
        account=account("103"),
        fund=general_fund(),
        amount="5000.10",
        on=TODAY,
        voucher_number="收-2",
        summary="上级补助",
        actor=users["accountant"],
    )
    for i, (amount, code) in enumerate([("800.33", "20102"), ("1200.00", "20205"), ("99.99", "20301")]):
        paid(users, voucher=f"付-{i}", amount=amount, code=code)
    return TODAY.year


def _by_hand(year):
    entries = list(Entry.objects.filter(year=year).select_related("account"))
    income_total = sum((e.amount for e in entries if e.direction == "in"), Decimal("0"))
    spent_total = sum((e.amount for e in entries if e.direction == "out"), Decimal("0"))
    by_top = {}
    for e in entries:
        by_top[e.account.top.code] = by_top.get(e.account.top.code, Decimal("0")) + e.amount
    return income_total, spent_total, by_top


def test_every_report_total_adds_up_to_the_ledger(year_of_books):
    year = year_of_books
    income_total, spent_total, by_top = _by_hand(year)
    assert (income_total, spent_total) == (Decimal("14600.10"), Decimal("2100.32"))

    report = selectors.execution(year)
    assert report["income"]["actual"] == income_total
    assert report["expense"]["actual"] == spent_total
    for kind in ("income", "expense"):
        for row in report[kind]["rows"]:
            assert row.actual == by_top.get(row.account.code, Decimal("0")), row.account
            assert row.actual == sum((c.actual for c in row.children), Decimal("0")) or not row.children

    final = selectors.final_accounts(year)
    assert final["surplus"] == income_total - spent_total
    assert final["closing"] - final["opening"] == income_total - spent_total
    for balance in final["balances"]:
        fund_entries = Entry.objects.filter(fund=balance.fund, year=year)
        assert balance.income == sum((e.amount for e in fund_entries if e.direction == "in"), Decimal("0"))
        assert balance.spent == sum((e.amount for e in fund_entries if e.direction == "out"), Decimal("0"))

    totals = selectors.ledger_totals(selectors.ledger(year))
    assert (totals["income"], totals["spent"], totals["count"]) == (income_total, spent_total, 5)
    months = selectors.monthly(year)
    assert sum(m["income"] for m in months) == income_total
    assert sum(m["spent"] for m in months) == spent_total


def test_the_execution_table_shows_budget_and_share_used(year_of_books):
    report = selectors.execution(year_of_books)
    rights = next(row for row in report["expense"]["rows"] if row.account.code == "202")
    warmth = next(child for child in rights.children if child.account.code == "20205")
    assert (warmth.budget, warmth.actual, warmth.percent) == (Decimal("30000"), Decimal("1200.00"), "4.0%")
    assert rights.budget == Decimal("30000")


def test_the_ledger_of_one_account_takes_in_its_sub_accounts(year_of_books):
    entries = selectors.ledger(year_of_books, account=Account.objects.get(code="201"))
    assert [e.amount for e in entries] == [Decimal("800.33")]


def test_the_ledger_filters_by_a_month_from_a_month_input(client_as, year_of_books):
    client = client_as("auditor")
    this_month = client.get(f"/funds/ledger/?month={TODAY:%Y-%m}")
    assert this_month.context["page_obj"].paginator.count == Entry.objects.filter(year=year_of_books).count()
    assert 'type="month"' in this_month.content.decode()
    other = TODAY.replace(day=1) - datetime.timedelta(days=1)
    assert client.get(f"/funds/ledger/?month={other:%Y-%m}").context["page_obj"].paginator.count == 0
    # A bare month number is no longer a month: the guard drops it and the whole year shows.
    bare = client.get(f"/funds/ledger/?year={year_of_books}&month={TODAY.month}")
    assert "网址中的查询条件无效，已忽略：月份" in bare.content.decode()
    assert bare.context["page_obj"].paginator.count == Entry.objects.filter(year=year_of_books).count()


def test_the_printed_ledger_is_the_month_account_and_fund_on_screen(client_as, year_of_books):
    from funds.documents import LedgerReport
    from unionportal.documents.models import Job

    client = client_as("accountant")
    fund = general_fund()
    page = client.get(f"/funds/ledger/?month={TODAY:%Y-%m}&fund={fund.pk}").content.decode()
    assert f'name="month" value="{TODAY:%Y-%m}"' in page and f'name="fund" value="{fund.pk}"' in page
    other = TODAY.replace(day=1) - datetime.timedelta(days=1)
    client.post("/funds/print/funds_ledger/", {"year": other.year, "month": f"{other:%Y-%m}", "fund": fund.pk})
    job = Job.objects.get(kind="funds_ledger")
    assert job.params == {"year": str(other.year), "month": f"{other:%Y-%m}", "fund": str(fund.pk)}
    assert f"{other.year}年{other.month}月全部科目·{fund.name}" in job.title
    assert list(LedgerReport.context(job.params, None)["entries"]) == []
    assert client.post("/funds/print/funds_ledger/", {"year": TODAY.year, "month": "2026-13"}).status_code == 404


@pytest.mark.parametrize(
    ("value", "accepted"),
    [("2026-05", True), ("2026-12", True), ("", True)]
    + [(bad, False) for bad in ("5", "12", "2026-13", "2026-00", "2026-5")],
)
def test_the_query_guard_takes_a_month_only_as_yyyy_mm(value, accepted):
    from unionportal.query_params import is_acceptable

    assert is_acceptable("month", value) is accepted


def test_the_xlsx_exports_carry_the_same_totals(client_as, year_of_books):
    client = client_as("auditor")
    book = load_workbook(BytesIO(client.get(f"/funds/ledger.xlsx?year={year_of_books}").content))
    rows = list(book.active.iter_rows(min_row=2, values_only=True))
    assert sum(Decimal(str(r[5])) for r in rows if r[5]) == Decimal("14600.10")
    assert sum(Decimal(str(r[6])) for r in rows if r[6]) == Decimal("2100.32")
    book = load_workbook(BytesIO(client.get(f"/funds/reports/execution.xlsx?year={year_of_books}").content))
    totals = [r for r in book.active.iter_rows(values_only=True) if r[2] == "合计"]
    assert [Decimal(str(r[4])) for r in totals] == [Decimal("14600.10"), Decimal("2100.32")]


@pytest.mark.parametrize(
    "url, budget",
    [("/funds/ledger/", 10), ("/funds/reports/execution/", 9), ("/funds/reports/final/", 10), ("/funds/", 12)],
)
def test_report_pages_run_the_same_queries_however_many_entries(client_as, year_of_books, users, url, budget):
    client = client_as("chair")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for i in range(5):
        paid(users, voucher=f"付-more-{i}", amount="10.00", code="20101")
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200
    assert len(after) == len(before) <= budget


def test_the_years_to_choose_are_those_with_entries_or_requests_and_this_one(year_of_books, users):
    Expense.objects.filter(pk=request(users["staff"]).pk).update(year=TODAY.year - 5)  # a request, never paid
    paid(users, voucher="付-old", amount="10.00", code="20101")
    Entry.objects.filter(voucher_number="付-old").update(year=TODAY.year - 2, date=TODAY.replace(year=TODAY.year - 2))
    assert selectors.years() == [TODAY.year, TODAY.year - 2, TODAY.year - 5]


def test_the_home_page_tells_each_desk_what_waits(users, client_as):
    from .factories import request

    executing_budget(actor=users["accountant"])
    request(users["staff"])
    assert "待财务审核的支出" in client_as("accountant").get("/").content.decode()
    assert "待财务审核的支出" not in client_as("chair").get("/").content.decode()


def test_the_accountants_own_request_is_not_counted_on_her_desk(users, client_as):
    from .factories import request

    executing_budget(actor=users["accountant"])
    request(users["accountant"])
    assert "待财务审核的支出" not in client_as("accountant").get("/").content.decode()


def test_every_funds_document_renders_a_pdf_with_its_figures(year_of_books, users):
    import io

    from pypdf import PdfReader

    from funds.documents import DOCUMENTS
    from funds.services import audits
    from unionportal.documents.rendering import render_pdf

    audit = audits.open_audit(
        kind="annual", title="年度审查", year=year_of_books, period_from=TODAY.replace(month=1, day=1),
        period_to=TODAY, actor=users["auditor"],
    )  # fmt: skip
    params = {"year": str(year_of_books), "audit": audit.pk}
    for document in DOCUMENTS:
        pdf = render_pdf(document.template, document.context(params, lambda percent: None))
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        assert "2100.32" in text.replace(",", ""), document.kind


def test_a_long_ledger_pages_on(client_as, users):
    year = TODAY.year
    Entry.objects.bulk_create(
        Entry(
            year=year,
            date=TODAY,
            direction=Entry.Direction.IN,
            account=account("101"),
            fund=general_fund(),
            amount=Decimal(n + 1),
            voucher_number=f"收-{n:03}",
            summary=f"第{n}笔",
            recorded_by=users["accountant"],
        )
        for n in range(51)
    )
    client = client_as("accountant")
    first = client.get(f"/funds/ledger/?year={year}").content.decode()
    assert "下一页" in first and "page=2" in first and "第50笔" not in first
    assert "第50笔" in client.get(f"/funds/ledger/?year={year}&page=2").content.decode()


def test_the_ledger_shows_each_amount_in_its_column_and_links_a_payment_to_its_request(client_as, year_of_books):
    page = client_as("chair").get(f"/funds/ledger/?year={year_of_books}").content.decode()
    payment = Entry.objects.get(voucher_number="付-0")
    summary = '<td class="text-wrap" style="min-width: 12rem">'
    assert f'{summary}<a href="/funds/expenses/{payment.expense_id}/">{payment.summary}</a></td>' in page
    assert '<td class="text-end"></td><td class="text-end">800.33</td>' in page  # spent
    assert f'{summary}上级补助</td><td class="text-end">5000.10</td><td class="text-end"></td>' in page  # income


def test_the_ledgers_index_holds_its_order():
    (index,) = [index for index in Entry._meta.indexes if index.name == "funds_entry_ledger_order_idx"]
    assert index.fields == ["year", "date", "id"]
    assert selectors.ledger(TODAY.year).query.order_by == ("date", "pk")
