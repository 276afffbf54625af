"""Demo funds: this year's budget (with one adjustment), dues and allocation booked month by month, subsidies,
60-odd expense requests in every state, and a finished audit with two findings, one of them rectified.

Runs once: when this year's budget exists it leaves the books be, so ``load_demo`` stays idempotent.
"""

import bisect
import datetime
import random
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from unionportal.demo import in_union_words
from unionportal.notices import Notice

from .models import Account, Audit, Budget, Expense, ExpenseStep, Fund
from .services import audits, income
from .services import budget as budget_services
from .services import expenses as expense_services

INVOICE = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
BUDGET = {
    "101": "45000",
    "102": "130000",
    "103": "20000",
    "104": "30000",
    "201": "120000",
    "202": "60000",
    "203": "40000",
    "204": "40000",
    "206": "5000",
}
# (account, purpose, payee, amount range in 元, goods)
SPENDING = [
    ("20102", "教职工趣味运动会奖品", "青山文体用品商店", (800, 3000), True),
    ("20102", "迎新年文艺汇演服装租赁", "青山艺术服务社", (1200, 2600), False),
    ("20101", "师德师风专题讲座讲课费", "青山市教育学院", (800, 1500), False),
    ("20103", "职工之家宣传展板制作", "文昌广告制作部", (600, 1800), True),
    ("20104", "三八节女教职工观影活动", "青山影城", (2000, 4000), False),
    ("20104", "教职工生日蛋糕券", "麦香园食品店", (1500, 3200), True),
    ("20202", "夏季防暑降温用品", "青山百货公司", (2500, 4800), True),
    ("20204", "困难教职工生活补助", "困难教职工（名单另附）", (1000, 3000), False),
    ("20205", "春节送温暖慰问品", "青山百货公司", (3000, 4800), True),
    ("20206", "职工维权法律咨询费", "青山明理律师事务所", (1000, 2000), False),
    ("20301", "工会干部业务培训费", "青山市总工会干部学校", (600, 2400), False),
    ("20302", "教代会会务用品", "文昌文具店", (300, 1200), True),
    ("20303", "职工书屋图书采购", "新华书店青山分店", (1500, 4500), True),
    ("204", "职工之家健身器材", "青山体育器材公司", (6000, 9000), True),
    ("206", "银行账户管理费", "青山农商银行", (100, 300), False),
]
# How many requests end in each state; the rest are paid.
UNFINISHED = {"submitted": 4, "reviewed": 3, "accepted": 2, "approved": 3, "returned": 2, "refused": 2, "withdrawn": 2}


def _users():
    return {name: User.objects.get(username=name) for name in ("chair", "staff", "welfare", "accountant", "auditor")}


def _invoice(n):
    return SimpleUploadedFile(f"发票{n:03}.pdf", INVOICE, content_type="application/pdf")


def _day(rng, year, today, month=None):
    month = month or rng.randint(1, today.month)
    last = today.day if month == today.month else 28
    return datetime.date(year, month, rng.randint(1, last))


def _budget(users, year, today):
    budget = budget_services.create_budget(year=year, actor=users["accountant"], note="按上年决算和本年计划编制。")
    for code, amount in BUDGET.items():
        budget_services.set_budget_line(
            budget=budget, account=Account.objects.get(code=code), amount=amount, actor=users["accountant"]
        )
    budget_services.adopt_budget(budget=budget, actor=users["chair"], adopted_on=datetime.date(year, 1, 8))
    budget_services.approve_budget(
        budget=budget,
        actor=users["chair"],
        approved_on=datetime.date(year, 1, 20),
        approval_number=in_union_words(f"青教工〔{year}〕5号"),
    )
    budget_services.execute_budget(budget=budget, actor=users["chair"])
    adjustment = budget_services.create_adjustment(
        budget=budget, reason="春节送温暖和夏季防暑慰问对象增加，维权支出预算调增。", actor=users["accountant"]
    )
    budget_services.set_adjustment_line(
        adjustment=adjustment, account=Account.objects.get(code="202"), change="15000", actor=users["accountant"]
    )
    budget_services.set_adjustment_line(
        adjustment=adjustment, account=Account.objects.get(code="203"), change="-5000", actor=users["accountant"]
    )
    middle = datetime.date(year, min(6, today.month), 1)
    budget_services.adopt_adjustment(adjustment=adjustment, actor=users["chair"], adopted_on=middle)
    budget_services.approve_adjustment(
        adjustment=adjustment,
        actor=users["chair"],
        approved_on=min(middle + datetime.timedelta(days=10), today),
        approval_number=in_union_words(f"青教工〔{year}〕31号"),
    )
    return budget


def _income(users, year, today):
    accountant = users["accountant"]
    for month in range(1, today.month):
        first = datetime.date(year, month, 1)
        if income.dues_retained(first) > income.dues_posted(first):
            income.post_dues(
                month=first, on=first.replace(day=20), voucher_number=f"{year}-收-会{month:02}", actor=accountant
            )
    for quarter in range(1, 5):
        end = datetime.date(year, quarter * 3, 28)
        if end > today:
            break
        income.record_allocation(
            payroll_base=Decimal("2880000.00") + Decimal(quarter * 15000),
            on=end,
            voucher_number=f"{year}-收-拨{quarter}",
            period=f"{year}年{quarter}季度",
            actor=accountant,
        )
    general = income.general_fund()
    others = [
        ("103", general, "20000.00", 3, "上级工会专项补助"),
        ("104", general, "30000.00", 4, in_union_words("学校行政补助职工活动经费")),
        ("107", Fund.objects.get(name="困难职工救助基金"), "12800.00", 2, "爱心捐款转入救助基金"),
    ]
    for number, (code, fund, amount, month, summary) in enumerate(others, start=1):
        income.record_income(
            account=Account.objects.get(code=code),
            fund=fund,
            amount=amount,
            on=datetime.date(year, min(month, today.month), 10),
            voucher_number=f"{year}-收-{number:02}",
            summary=summary,
            actor=accountant,
        )


def advance(expense, target, users, n, paid_on):
    """Take one request along the chain until it reaches ``target``."""
    chair, accountant = users["chair"], users["accountant"]
    if target == "withdrawn":
        return expense_services.withdraw_expense(expense=expense, actor=expense.requester)
    if target == "returned":
        return expense_services.return_expense(expense=expense, actor=accountant, note="发票抬头不是工会，请换开。")
    if target == "submitted":
        return expense
    expense = expense_services.review_expense(expense=expense, actor=accountant, note="票据齐全。")
    if target == "reviewed":
        return expense
    if expense_services.needs_decision(expense):
        expense_services.record_decision(
            expense=expense, actor=chair, decision_on=paid_on, decision_minute=f"工会委员会会议纪要第{n}号"
        )
    if expense.is_goods:
        receiver = users["welfare"] if expense.requester_id != users["welfare"].pk else users["staff"]
        expense = expense_services.accept_expense(
            expense=expense, actor=receiver, received_by=receiver.member.name, received_note="数量、规格与发票相符"
        )
    if target == "accepted":
        return expense
    if target == "refused":
        return expense_services.refuse_expense(expense=expense, actor=chair, note="标准偏高，请压减后再报。")
    expense = expense_services.approve_expense(expense=expense, actor=chair)
    if target == "approved":
        return expense
    return expense_services.pay_expense(
        expense=expense,
        actor=accountant,
        paid_on=paid_on,
        method=["transfer", "card", "transfer", "cash"][n % 4],
        voucher_number=f"{paid_on.year}-付-{n:03}",
    )


def _expenses(users, year, today, rng):
    targets = [state for state, count in UNFINISHED.items() for _ in range(count)]
    targets += ["paid"] * (64 - len(targets))
    rng.shuffle(targets)
    made = []
    for n, target in enumerate(targets, start=1):
        code, purpose, payee, (low, high), goods = SPENDING[n % len(SPENDING)]
        if target == "accepted" and not goods:
            code, purpose, payee, (low, high), goods = SPENDING[0]
        purpose, payee = in_union_words(purpose), in_union_words(payee)
        requester = users["welfare"] if code.startswith("202") else users["staff"]
        on = _day(rng, year, today)
        try:
            expense = expense_services.request_expense(
                requester=requester,
                account=Account.objects.get(code=code),
                fund=income.general_fund(),
                amount=Decimal(rng.randrange(low * 100, high * 100)) / 100,
                purpose=purpose,
                payee=payee,
                is_goods=goods,
                on=on,
                attachments=[(_invoice(n), "invoice")],
            )
        except ValidationError:  # a line already spent in this random year: the demo skips that request
            continue
        done_on = min(on + datetime.timedelta(days=rng.randint(3, 12)), today)
        made.append(advance(expense, target, users, n, done_on))
        _backdate(expense, on, done_on)
    return made


def _backdate(expense, on, done_on):
    """The request, its steps and the notices they sent dated across the days it took (asked on ``on``, its
    last step on ``done_on``), not all at the moment the demo was loaded."""
    now = timezone.now()  # a request done today is dated no later than the moment the demo is loaded
    last = min(timezone.make_aware(datetime.datetime.combine(done_on, datetime.time(16))), now)
    first = min(timezone.make_aware(datetime.datetime.combine(on, datetime.time(9))), last)
    steps = list(expense.steps.order_by("at", "pk"))
    sent = [step.at for step in steps]
    gap = (last - first) / max(len(steps) - 1, 1)
    for i, step in enumerate(steps):
        step.at = first + i * gap
    ExpenseStep.objects.bulk_update(steps, ["at"])
    Expense.objects.filter(pk=expense.pk).update(created_at=first)
    notices = list(Notice.objects.filter(url=expense.get_absolute_url()))
    for notice in notices:  # each with the step it followed
        notice.created_at = steps[max(bisect.bisect_right(sent, notice.created_at) - 1, 0)].at
    Notice.objects.bulk_update(notices, ["created_at"])


def _audit(users, year, today, paid):
    auditor = users["auditor"]
    half = datetime.date(year, 6, 30) if today >= datetime.date(year, 7, 1) else today
    audit = audits.open_audit(
        kind=Audit.Kind.SPECIAL,
        title=f"{year}年上半年经费收支专项审查",
        year=year,
        period_from=datetime.date(year, 1, 1),
        period_to=half,
        subject="上半年支出及春节送温暖经费",
        actor=auditor,
    )
    sample = [e for e in paid if e.paid_on <= half][:6]
    audits.sample(audit=audit, expenses=sample, actor=auditor)
    for expense in sample:
        for attachment in expense.attachments.all():
            expense_services.log_attachment_read(attachment=attachment, reader=auditor)
    first = audits.add_finding(
        audit=audit,
        problem="个别物品采购未附验收清单，验收记录过于简略。",
        responsible=users["welfare"].member.name,
        deadline=half + datetime.timedelta(days=30),
        actor=auditor,
        expense=sample[0] if sample else None,
    )
    audits.rectify(
        finding=first,
        rectification="已补齐验收清单并由两人签字。",
        rectified_on=min(half + datetime.timedelta(days=20), today),
        actor=auditor,
    )
    audits.add_finding(
        audit=audit,
        problem="部分会议费支出未附会议通知和签到表。",
        responsible=users["staff"].member.name,
        deadline=today + datetime.timedelta(days=30),
        actor=auditor,
    )
    audits.finish(
        audit=audit,
        conclusion="上半年经费收支基本符合预算和《基层工会经费收支管理办法》，票据合法，审批手续齐全；发现的问题已提出整改要求。",
        finished_on=min(half + datetime.timedelta(days=15), today),
        actor=auditor,
    )


def load(stdout):
    today = timezone.localdate()
    year = today.year
    if Budget.objects.filter(year=year).exists():
        stdout.write("经费演示数据已存在，跳过。")
        return
    users = _users()
    rng = random.Random(17)
    # last year's balance carried over (上年结余): the year's spending is paid from it before this year's income
    Fund.objects.filter(pk=income.general_fund().pk, opening_balance=0).update(opening_balance=Decimal("86000.00"))
    _budget(users, year, today)
    _income(users, year, today)
    made = _expenses(users, year, today, rng)
    paid = sorted((e for e in made if e.status == Expense.Status.PAID), key=lambda e: e.paid_on)
    _audit(users, year, today, paid)
    stdout.write(f"经费演示数据已就绪：{len(made)} 笔支出申请，其中已支付 {len(paid)} 笔")
