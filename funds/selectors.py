"""The reads of the funds pages and reports. Every figure is a sum over ledger entries (``Entry``) or budget
lines; nothing is stored twice, so every report adds up to the ledger."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unionportal.links import url_for_each

from .models import Account, Audit, Entry, Expense, Fund
from .money import ZERO, to_fen
from .services.budget import approved_amounts


def _sum(rows, key="total"):
    return to_fen(rows.get(key) or ZERO)


def ledger(year: int, *, account: Account | None = None, month: datetime.date | None = None, fund: Fund | None = None):
    """收支明细账: the year's entries in date order, optionally of one account (with its sub-accounts), month (any
    day of it) or fund."""
    entries = Entry.objects.filter(year=year).select_related("account", "fund")
    if account is not None:
        entries = entries.filter(Q(account=account) | Q(account__parent=account))
    if month:
        entries = entries.filter(date__month=month.month)
    if fund is not None:
        entries = entries.filter(fund=fund)
    return entries.order_by("date", "pk")


# What a ledger line shows, read with values(): no Entry, account and fund built per line.
LINE_FIELDS = [
    "id", "date", "voucher_number", "account__name", "fund__name", "summary", "expense_id", "direction", "amount",
    "reversal__id",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class LedgerLine:
    """One line of the ledger page, as it shows it."""

    date: str
    voucher_number: str
    url: str  # the entry's page (its 红字冲销)
    account: str
    fund: str
    summary: str
    expense_url: str  # the expense request it paid, or ""
    income: Decimal | str  # the amount in its column, "" in the other
    spent: Decimal | str
    css: str  # "ledger-red" for a 红字 reversal, its amount negative (static/css/portal.css)
    reversed: bool  # taken back by a later 红字 entry


def ledger_lines(values) -> list[LedgerLine]:
    """The ledger page's lines from ``values`` (a page of ``ledger(…).values(*LINE_FIELDS)``)."""
    expense_url, entry_url = url_for_each("funds:expense"), url_for_each("funds:entry")
    return [
        LedgerLine(
            date=row["date"].isoformat(),
            voucher_number=row["voucher_number"],
            url=entry_url(row["id"]),
            account=row["account__name"],
            fund=row["fund__name"],
            summary=row["summary"],
            expense_url=expense_url(row["expense_id"]) if row["expense_id"] else "",
            income=row["amount"] if row["direction"] == Entry.Direction.IN else "",
            spent=row["amount"] if row["direction"] == Entry.Direction.OUT else "",
            css="ledger-red" if row["amount"] < 0 else "",
            reversed=row["reversal__id"] is not None,
        )
        for row in values
    ]


def ledger_totals(entries) -> dict:
    sums = entries.aggregate(
        income=Sum("amount", filter=Q(direction=Entry.Direction.IN)),
        spent=Sum("amount", filter=Q(direction=Entry.Direction.OUT)),
        count=Count("id"),
    )
    income, spent = _sum(sums, "income"), _sum(sums, "spent")
    return {"income": income, "spent": spent, "net": income - spent, "count": sums["count"]}


def _sums_by_month_and_fund(year: int, account: Account | None) -> list[dict]:
    """The year's entries (of one account, with its sub-accounts) summed by month and fund."""
    return list(
        ledger(year, account=account)
        .order_by()
        .values("date__month", "fund")
        .annotate(
            income=Sum("amount", filter=Q(direction=Entry.Direction.IN)),
            spent=Sum("amount", filter=Q(direction=Entry.Direction.OUT)),
            count=Count("id"),
        )
    )


def _added(rows) -> dict:
    return {
        "income": to_fen(sum((row["income"] or ZERO for row in rows), ZERO)),
        "spent": to_fen(sum((row["spent"] or ZERO for row in rows), ZERO)),
        "count": sum(row["count"] for row in rows),
    }


def _months(sums) -> list[dict]:
    return [{"month": m, **_added([row for row in sums if row["date__month"] == m])} for m in range(1, 13)]


def monthly(year: int, account: Account | None = None) -> list[dict]:
    """Income and spending of each month of the year (1–12), for the ledger's month table."""
    return _months(_sums_by_month_and_fund(year, account))


def ledger_summary(
    year: int, *, account: Account | None = None, month: datetime.date | None = None, fund: Fund | None = None
) -> tuple[dict, list[dict]]:
    """The ledger page's totals (``ledger_totals`` of the entries it lists) and its month table (``monthly``),
    both added up from one query of the year's sums by month and fund."""
    sums = _sums_by_month_and_fund(year, account)
    listed = _added(
        [
            row
            for row in sums
            if (month is None or row["date__month"] == month.month) and (fund is None or row["fund"] == fund.pk)
        ]
    )
    return listed | {"net": listed["income"] - listed["spent"]}, _months(sums)


@dataclass
class FundBalance:
    fund: Fund
    opening: Decimal
    income: Decimal
    spent: Decimal

    @property
    def closing(self):
        return self.opening + self.income - self.spent


def fund_balances(year: int) -> list[FundBalance]:
    """Each fund's balance at the start of the year, its income and spending in the year, and what is left."""
    funds = Fund.objects.annotate(
        before_in=Sum("entries__amount", filter=Q(entries__year__lt=year, entries__direction=Entry.Direction.IN)),
        before_out=Sum("entries__amount", filter=Q(entries__year__lt=year, entries__direction=Entry.Direction.OUT)),
        year_in=Sum("entries__amount", filter=Q(entries__year=year, entries__direction=Entry.Direction.IN)),
        year_out=Sum("entries__amount", filter=Q(entries__year=year, entries__direction=Entry.Direction.OUT)),
    ).order_by("sort_order", "pk")
    return [
        FundBalance(
            fund=fund,
            opening=to_fen(fund.opening_balance + (fund.before_in or ZERO) - (fund.before_out or ZERO)),
            income=to_fen(fund.year_in or ZERO),
            spent=to_fen(fund.year_out or ZERO),
        )
        for fund in funds
    ]


@dataclass
class ExecutionRow:
    account: Account
    budget: Decimal | None
    actual: Decimal
    children: list = field(default_factory=list)

    @property
    def percent(self):
        return f"{self.actual * 100 / self.budget:.1f}%" if self.budget else "—"

    @property
    def remaining(self):
        return None if self.budget is None else self.budget - self.actual


def _actuals(year: int) -> dict[int, Decimal]:
    rows = Entry.objects.filter(year=year).values("account_id").annotate(total=Sum("amount"))
    return {row["account_id"]: to_fen(row["total"]) for row in rows}


def execution(year: int) -> dict:
    """收支预算执行表: for each top account, the approved budget (with adjustments), the actual from the ledger
    and the share used; sub-accounts under their parent."""
    approved = approved_amounts(year)
    actual = _actuals(year)
    accounts = list(Account.objects.order_by("code"))
    children = {}
    for account in accounts:
        if account.parent_id:
            children.setdefault(account.parent_id, []).append(account)
    sections = {Account.Kind.INCOME: [], Account.Kind.EXPENSE: []}
    for account in accounts:
        if account.parent_id:
            continue
        kids = [
            ExecutionRow(kid, approved.get(kid.pk), actual.get(kid.pk, ZERO)) for kid in children.get(account.pk, [])
        ]
        kid_budget = [row.budget for row in kids if row.budget is not None]
        own_budget = approved.get(account.pk)
        budget = own_budget if own_budget is not None else (sum(kid_budget, ZERO) if kid_budget else None)
        total = actual.get(account.pk, ZERO) + sum((row.actual for row in kids), ZERO)
        sections[account.kind].append(ExecutionRow(account, budget, total, kids))
    result = {}
    for kind, rows in sections.items():
        budget = sum((row.budget for row in rows if row.budget is not None), ZERO)
        result[kind] = {"rows": rows, "budget": budget, "actual": sum((row.actual for row in rows), ZERO)}
    return {"income": result[Account.Kind.INCOME], "expense": result[Account.Kind.EXPENSE]}


def final_accounts(year: int) -> dict:
    """收支决算表: the year's income and spending by account, the funds' balances at both ends."""
    report = execution(year)
    balances = fund_balances(year)
    return {
        "income": report["income"],
        "expense": report["expense"],
        "balances": balances,
        "opening": sum((b.opening for b in balances), ZERO),
        "closing": sum((b.closing for b in balances), ZERO),
        "surplus": report["income"]["actual"] - report["expense"]["actual"],
    }


# Whose desk a request waits at (waiting_counts' keys): goods reviewed wait to be received, the rest for the chair.
DESKS = {
    "review": Q(status=Expense.Status.SUBMITTED),
    "accept": Q(status=Expense.Status.REVIEWED, is_goods=True),
    "approve": Q(status=Expense.Status.REVIEWED, is_goods=False) | Q(status=Expense.Status.ACCEPTED),
    "pay": Q(status=Expense.Status.APPROVED),
}
DESK_LABELS = {"review": _("待财务审核"), "accept": _("待验收"), "approve": _("待主席审批"), "pay": _("待支付")}


def expenses(*, status: str = "", desk: str = "", year: int | None = None):
    rows = Expense.objects.select_related("account", "fund", "requester__member")
    if status:
        rows = rows.filter(status=status)
    if desk:
        rows = rows.filter(DESKS[desk])
    if year:
        rows = rows.filter(year=year)
    return rows.order_by("-created_at", "-pk")


def waiting_counts(user=None) -> dict:
    """How many requests wait at each desk (``DESKS``): the accountant's, the acceptance, the chair's, the payment.
    With ``user``, not counting her own requests: they wait for someone else."""
    waiting = Expense.objects.exclude(requester=user) if user is not None else Expense.objects.all()
    return waiting.aggregate(**{desk: Count("id", filter=rows) for desk, rows in DESKS.items()})


def audits():
    return Audit.objects.annotate(
        finding_count=Count("findings", distinct=True),
        open_findings=Count("findings", filter=Q(findings__status="open"), distinct=True),
        sample_count=Count("samples", distinct=True),
    ).order_by("-year", "-pk")


def _distinct_years_sql(table: str) -> str:
    # a loose index scan: one index probe per year (PostgreSQL has no skip scan, and a plain DISTINCT reads
    # every row of the table)
    return f"""{table}_years(year) AS (
        SELECT MIN(year) FROM {table}
        UNION ALL
        SELECT (SELECT MIN(year) FROM {table} WHERE year > {table}_years.year) FROM {table}_years
        WHERE {table}_years.year IS NOT NULL
    )"""


def years() -> list[int]:
    """The years with ledger entries or expense requests, and this one, newest first."""
    tables = [Entry._meta.db_table, Expense._meta.db_table]
    found = " UNION ".join(f"SELECT year FROM {table}_years WHERE year IS NOT NULL" for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"WITH RECURSIVE {', '.join(map(_distinct_years_sql, tables))} {found}")
        return sorted({year for (year,) in cursor.fetchall()} | {timezone.localdate().year}, reverse=True)
