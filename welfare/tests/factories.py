import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from members.models import Member
from welfare import services
from welfare.models import Campaign, FundSource, HardshipFile, VisitOccasion


def pdf_upload(name="住院发票.pdf", body=b"%PDF-1.4 hospital bill"):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def make_member(name="张三", **fields):
    fields.setdefault("gender", Member.Gender.FEMALE)
    return Member.objects.create(name=name, **fields)


def make_file(member=None, actor=None, **fields):
    fields.setdefault("causes", [HardshipFile.Cause.ILLNESS])
    fields.setdefault("level", HardshipFile.Level.HARD)
    fields.setdefault("household_size", 3)
    fields.setdefault("monthly_income_per_capita", Decimal("850.00"))
    return services.open_file(member=member or make_member(), actor=actor, **fields)


def make_campaign(**fields):
    today = timezone.localdate()
    fields.setdefault("name", "春节送温暖")
    fields.setdefault("kind", Campaign.Kind.SPRING_FESTIVAL)
    fields.setdefault("year", today.year)
    fields.setdefault("budget", Decimal("1000.00"))
    fields.setdefault("default_amount", Decimal("300.00"))
    fields.setdefault("fund_source", FundSource.UNION_FUNDS)
    fields.setdefault("starts_on", today - datetime.timedelta(days=10))
    fields.setdefault("due_on", today + datetime.timedelta(days=10))
    return services.create_campaign(actor=fields.pop("actor", None), **fields)


def welfare_object(kind, users, owner="member"):
    """A fresh object for the URL × role table; ``owner`` names the role user it belongs to."""
    today = timezone.localdate()
    member = users[owner].member
    if kind == "file":
        return make_file(member=member)
    if kind == "application":
        return services.apply_for_help(member=member, actor=users[owner], reason="住院", amount_requested="500")
    if kind == "application_attachment":
        return services.apply_for_help(
            member=member, actor=users[owner], reason="住院", amount_requested="500", attachments=[pdf_upload()]
        ).attachments.get()
    if kind == "campaign":
        return make_campaign()
    if kind == "gift_campaign":
        return make_campaign(name="中秋慰问", kind=Campaign.Kind.FESTIVAL)
    if kind == "drive":
        return services.open_drive(actor=None, title="爱心捐款", appeal="倡议", opened_on=today, closes_on=today)
    raise ValueError(kind)


def visit_occasion(name="住院"):
    """The basis of a payment outside applications and campaigns: a visit's occasion."""
    return VisitOccasion.objects.get(name=name)


def open_books(users=None, lines=None):
    """The year's budget in execution, so that welfare money may ask the funds chain (once per test)."""
    from funds.models import Budget
    from funds.tests.factories import executing_budget

    budget = Budget.objects.filter(year=timezone.localdate().year).first()
    if budget is not None:
        return budget
    actor = users["accountant"] if users else None
    return executing_budget(actor=actor, lines=lines or {"201": "100000", "202": "100000"})


def through_funds(expense, users, *, until="paid", voucher=None, paid_on=None):
    """Take a welfare expense request along the funds chain: 财务审核, 集体研究 where needed, the chair's
    approval, the accountant's payment."""
    from funds.services import expenses

    expense = expenses.review_expense(expense=expense, actor=users["accountant"])
    if expenses.needs_decision(expense):
        expenses.record_decision(
            expense=expense, actor=users["staff"], decision_on=timezone.localdate(), decision_minute="纪要"
        )
    if until == "reviewed":
        return expense
    expense = expenses.approve_expense(expense=expense, actor=users["chair"])
    if until == "approved":
        return expense
    return expenses.pay_expense(
        expense=expense,
        actor=users["accountant"],
        paid_on=paid_on or timezone.localdate(),
        method="transfer",
        voucher_number=voucher or f"福-{expense.pk:04}",
    )


def pay_all(users):
    """Every welfare request still waiting, taken through the funds chain and paid on the day its payment row
    carries (the delivery or visit day), as the accountant would book it."""
    from funds.models import Expense

    waiting = Expense.objects.filter(welfare_payments__status="requested").distinct()
    for expense in waiting:
        through_funds(expense, users, paid_on=expense.welfare_payments.earliest("paid_on").paid_on)
