import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from funds.models import Account, Budget, Entry, Fund
from funds.services import budget as budget_services
from funds.services import expenses, income

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def account(code):
    return Account.objects.get(code=code)


def general_fund():
    return Fund.objects.get(name="工会经费")


def invoice(name="发票.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def executing_budget(year=None, actor=None, lines=None):
    """A budget of the year in execution, with the given lines (account code → 元)."""
    year = year or timezone.localdate().year
    budget = budget_services.create_budget(year=year, actor=actor)
    for code, amount in (lines or {"201": "50000", "202": "30000", "203": "20000"}).items():
        budget_services.set_budget_line(budget=budget, account=account(code), amount=amount, actor=actor)
    # the committee's and the upper union's decisions, in the budget's year (or, for the year under way, lately),
    # recorded by the system (actor None) for brevity
    day = min(timezone.localdate(), datetime.date(year, 12, 31)) - datetime.timedelta(days=20)
    budget_services.adopt_budget(budget=budget, actor=None, adopted_on=day)
    budget_services.approve_budget(
        budget=budget, actor=None, approved_on=day + datetime.timedelta(days=10), approval_number="青教工〔2026〕3号"
    )
    return budget_services.execute_budget(budget=budget, actor=None)


def request(requester, amount="800.00", code="20102", is_goods=False, **fields):
    fields.setdefault("fund", general_fund())
    fields.setdefault("purpose", "职工趣味运动会奖品")
    fields.setdefault("payee", "青山文体用品店")
    fields.setdefault("attachments", [(invoice(), "invoice")])
    return expenses.request_expense(
        requester=requester, account=account(code), amount=amount, is_goods=is_goods, **fields
    )


def approved(users, amount="800.00", **fields):
    expense = request(users["staff"], amount=amount, **fields)
    expense = expenses.review_expense(expense=expense, actor=users["accountant"])
    if expense.is_goods:
        expense = expenses.accept_expense(
            expense=expense, actor=users["welfare"], received_by="王丽娟", received_note="奖品 20 份"
        )
    if expenses.needs_decision(expense):
        expenses.record_decision(
            expense=expense, actor=users["chair"], decision_on=timezone.localdate(), decision_minute="委员会会议纪要"
        )
    return expenses.approve_expense(expense=expense, actor=users["chair"])


def subsidy(actor, amount="5000.00", voucher="收-001", on=None):
    """上级补助 booked by ``actor``: an income entry of the general fund."""
    return income.record_income(
        account=account("103"), fund=general_fund(), amount=amount, on=on or timezone.localdate(),
        voucher_number=voucher, summary="市教育工会补助", actor=actor,
    )  # fmt: skip


def paid(users, voucher="付-001", **fields):
    expense = approved(users, **fields)
    return expenses.pay_expense(
        expense=expense,
        actor=users["accountant"],
        paid_on=timezone.localdate(),
        method="transfer",
        voucher_number=voucher,
    )


ZERO = Decimal("0.00")


def funds_object(kind, users, owner="staff"):
    """A fresh funds object for the URL × role table; an expense belongs to ``owner``."""
    from funds.models import Audit
    from funds.services import audits

    if kind in {"expense", "attachment"}:
        if not Budget.objects.exists():
            executing_budget(actor=users["accountant"])
        expense = request(users[owner])
        return expense if kind == "expense" else expense.attachments.get()
    if kind == "adjustment":
        budget = Budget.objects.first() or executing_budget(actor=users["accountant"])
        return budget_services.create_adjustment(budget=budget, reason="调整", actor=users["accountant"])
    if kind == "entry":
        return subsidy(users["accountant"], voucher=f"收-{Entry.objects.count() + 1}")
    if kind == "audit":
        today = timezone.localdate()
        return audits.open_audit(
            kind=Audit.Kind.ANNUAL,
            title="年度审查",
            year=today.year,
            period_from=today.replace(month=1, day=1),
            period_to=today,
            actor=users["auditor"],
        )
    raise ValueError(kind)
