"""Seed the union's books: ``sizes.years`` years of budgets (past years closed by their 决算, this year in
execution), monthly dues and quarterly allocation income, and ``sizes.expenses_per_year`` expense requests a
year, paid ones with their ledger entry (this year's last few hundred still on their way)."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from funds.models import Account, Budget, BudgetLine, Entry, Expense, Fund

from .seed import BATCH

E = Expense.Status
OPEN_STATES = [E.SUBMITTED, E.REVIEWED, E.ACCEPTED, E.APPROVED, E.RETURNED, E.REFUSED, E.WITHDRAWN]


def seed_funds(sizes, context):
    rng = random.Random(17)
    today = timezone.localdate()
    chair = context["logins"]["chair"]
    accounts = {a.code: a for a in Account.objects.all()}
    leaves = [a for a in accounts.values() if a.kind == Account.Kind.EXPENSE and not a.children.exists()]
    fund = Fund.objects.filter(is_dedicated=False).first()
    budgets, lines, expenses, entries = [], [], [], []
    first_year = today.year - sizes.years + 1
    for year in range(first_year, today.year + 1):
        current = year == today.year
        budgets.append(
            Budget(
                year=year,
                status=Budget.Status.EXECUTING if current else Budget.Status.CLOSED,
                adopted_on=datetime.date(year, 1, 8),
                approved_on=datetime.date(year, 1, 20),
                approval_number=f"青教工〔{year}〕5号",
                closed_on=None if current else datetime.date(year, 12, 31),
            )
        )
        last_month = today.month if current else 12
        for month in range(1, last_month + 1):
            day = datetime.date(year, month, 20 if not current or month < today.month else min(today.day, 20))
            dues = Decimal(rng.randrange(45_000_00, 52_000_00)) / 100
            entries.append(
                Entry(year=year, date=day, direction=Entry.Direction.IN, account=accounts["101"], fund=fund,
                      amount=dues, voucher_number=f"{year}-收-会{month:02}", summary=f"{year}年{month}月会费收入",
                      dues_month=datetime.date(year, month, 1), recorded_by=chair)
            )  # fmt: skip
            if month % 3 == 0:
                entries.append(
                    Entry(year=year, date=day, direction=Entry.Direction.IN, account=accounts["102"], fund=fund,
                          amount=Decimal("1152000.00"), voucher_number=f"{year}-收-拨{month // 3}",
                          summary=f"{year}年{month // 3}季度拨缴经费", recorded_by=chair)
                )  # fmt: skip
        for n in range(sizes.expenses_per_year):
            account = rng.choice(leaves)
            amount = Decimal(rng.randrange(100_00, 5_000_00)) / 100
            paid_on = min(datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randint(10, 364)), today)
            status = E.PAID
            if current and n >= sizes.expenses_per_year - min(300, sizes.expenses_per_year // 10):
                status = rng.choice(OPEN_STATES)
            expenses.append(
                Expense(year=year, requester=chair, account=account, fund=fund, amount=amount,
                        purpose=f"支出{year}-{n + 1:05d}", payee="青山百货公司", status=status,
                        paid_on=paid_on if status == E.PAID else None,
                        method=Expense.Method.TRANSFER if status == E.PAID else "")
            )  # fmt: skip
    budgets = Budget.objects.bulk_create(budgets)
    per_year = 1.3 * sizes.expenses_per_year * 2550 / len([a for a in accounts.values() if a.kind == "expense"])
    for budget in budgets:
        for account in accounts.values():
            if account.parent_id is None:
                amount = Decimal(round(per_year * (3 if account.kind == "expense" else 6))).quantize(Decimal("1"))
                lines.append(BudgetLine(budget=budget, account=account, amount=amount))
    BudgetLine.objects.bulk_create(lines, batch_size=BATCH)
    expenses = Expense.objects.bulk_create(expenses, batch_size=BATCH)
    entries += [
        Entry(year=e.year, date=e.paid_on, direction=Entry.Direction.OUT, account=e.account, fund=fund, amount=e.amount,
              voucher_number=f"{e.year}-付-{i:06d}", summary=e.purpose, expense=e, recorded_by=chair)
        for i, e in enumerate(expenses) if e.status == E.PAID
    ]  # fmt: skip
    Entry.objects.bulk_create(entries, batch_size=BATCH)
    return f"{len(budgets)} budgets, {len(expenses):,} expenses, {len(entries):,} ledger entries"
