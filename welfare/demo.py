"""Demo welfare data: ~15 hardship files, a 春节送温暖 campaign half delivered, a 中秋 gift to every member in
service, visits and a 爱心捐款 drive. Every 元 goes through the funds chain: the demo's expense requests are
taken along it (财务审核 → 集体研究 where needed → 主席审批 → 支付) to the state each welfare row shows, so the
funds demo (which opens the year's books) loads first.

Runs once: when any hardship file exists it leaves the data be, so ``load_demo`` stays idempotent.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone

from funds.services import expenses as funds
from members.models import Member
from unionportal.demo import in_union_words

from . import care, recipient_rules, services
from .models import Campaign, CareTask, DonationDrive, FundSource, HardshipFile, VisitOccasion

C = HardshipFile.Cause
L = HardshipFile.Level
CAUSE_SETS = [
    [C.ILLNESS],
    [C.ILLNESS, C.LOW_INCOME],
    [C.SINGLE_PARENT, C.EDUCATION],
    [C.DISASTER],
    [C.DISABILITY, C.LOW_INCOME],
    [C.UNEMPLOYED_SPOUSE, C.EDUCATION],
    [C.ALONE],
    [C.ACCIDENT, C.ILLNESS],
]
SITUATIONS = [
    "本人患病长期治疗，医药费负担重。",
    "配偶下岗，子女上大学，家庭收入低。",
    "家中遭遇火灾，房屋受损。",
    "独自抚养孩子，无其他收入来源。",
    "年老独居，身体较差，需要定期看望。",
]


def _through_funds(expense, until="paid"):
    """Take a welfare expense request along the funds chain to ``until`` (reviewed, approved or paid)."""
    users = {name: User.objects.get(username=name) for name in ("accountant", "chair", "staff")}
    today = timezone.localdate()
    expense = funds.review_expense(expense=expense, actor=users["accountant"], note="发放名单、签收表齐全。")
    if until == "reviewed":
        return expense
    if funds.needs_decision(expense):
        funds.record_decision(
            expense=expense, actor=users["chair"], decision_on=today, decision_minute="工会委员会会议纪要（慰问标准）"
        )
    expense = funds.approve_expense(expense=expense, actor=users["chair"])
    if until == "approved":
        return expense
    return funds.pay_expense(
        expense=expense,
        actor=users["accountant"],
        paid_on=today,
        method="transfer",
        voucher_number=f"{today.year}-付-福{expense.pk:03}",
    )


def _mid_autumn(staff, today):
    """中秋 gift for all members in service, by rule, delivered as one expense request and paid."""
    campaign = services.create_campaign(
        actor=staff,
        name=f"{today.year}年中秋节日慰问",
        kind=Campaign.Kind.FESTIVAL,
        year=today.year,
        budget=Decimal("30000"),
        default_amount=Decimal("200"),
        fund_source=FundSource.UNION_FUNDS,
        starts_on=today - datetime.timedelta(days=10),
        due_on=today + datetime.timedelta(days=5),
    )
    recipient_rules.add_by_rule(campaign=campaign, actor=staff, rule=recipient_rules.Rule.MEMBERS_IN_SERVICE)
    payments = services.deliver_to_recipients(campaign=campaign, actor=staff, goods="月饼一盒")
    _through_funds(payments[0].expense)
    return campaign


def load(stdout):
    if HardshipFile.objects.exists():
        stdout.write("帮扶演示数据已存在，跳过。")
        return
    rng = random.Random(6)
    today = timezone.localdate()
    chair = User.objects.get(username="chair")
    officer = User.objects.get(username="welfare")
    members = list(Member.objects.exclude(user__isnull=False).filter(status=Member.Status.ACTIVE))
    retirees = list(Member.objects.filter(status=Member.Status.RETIRED))
    chosen = rng.sample(members, 11) + retirees[:4]
    for index, member in enumerate(chosen):
        opened = today - datetime.timedelta(days=rng.randint(60, 900))
        services.open_file(
            member=member,
            actor=officer,
            causes=CAUSE_SETS[index % len(CAUSE_SETS)],
            level=[L.GENERAL, L.HARD, L.SEVERE][index % 3],
            single_parent_woman=index % 8 == 2 and member.gender == Member.Gender.FEMALE,
            household_size=rng.randint(1, 5),
            monthly_income_per_capita=Decimal(rng.randint(600, 1800)),
            situation=SITUATIONS[index % len(SITUATIONS)],
            help_plan="每季度走访一次，春节送温暖，视情况申请困难补助。",
            opened_on=opened,
            next_review_on=today + datetime.timedelta(days=rng.randint(-20, 300)),
            status=HardshipFile.Status.RECOVERED if index == 14 else HardshipFile.Status.HELPING,
        )

    # 春节送温暖, half delivered: the list from open files and retirees, 500 元 each
    campaign = services.create_campaign(
        actor=chair,
        name=f"{today.year}年春节送温暖",
        kind=Campaign.Kind.SPRING_FESTIVAL,
        year=today.year,
        budget=Decimal("10000"),
        default_amount=Decimal("500"),
        fund_source=FundSource.UNION_FUNDS,
        starts_on=today - datetime.timedelta(days=14),
        due_on=today + datetime.timedelta(days=7),
    )
    for member, reason in services.proposed_recipients(campaign)[:16]:
        services.add_recipient(campaign=campaign, member=member, actor=officer, reason=reason)
    listed = list(campaign.recipients.all())
    payments = services.deliver_to_recipients(
        campaign=campaign,
        actor=officer,
        recipients=listed[::2],
        goods="米、油",
        paid_on=today - datetime.timedelta(days=3),
    )
    _through_funds(payments[0].expense)
    # one more, handed over on its own: its money waits for the chair
    late = services.deliver_to_recipient(recipient=listed[1], actor=officer, goods="米、油")
    _through_funds(late.expense, until="reviewed")

    # visits and condolences
    visitors = [chair.member, officer.member]
    # the union's 慰问标准 (its 办法), which a care task offers when its visit is recorded
    for name, usual in [("住院", "500"), ("直系亲属去世", "800"), ("退休", "300"), ("婚丧", "200"), ("去世", "1000")]:
        VisitOccasion.objects.filter(name=name, usual_amount=0).update(usual_amount=Decimal(usual))
        # the roster's retirements, loaded before the 办法 was set here, offer it too
        CareTask.objects.filter(occasion__name=name, amount=0, visit=None).update(amount=Decimal(usual))
    occasions = {o.name: o for o in VisitOccasion.objects.all()}  # with the amounts just set
    # life events of these days waiting for their visit (关怀任务): one due this week, one overdue
    for name, days_ago, note in [("住院", 2, "阑尾炎手术，市第一医院"), ("直系亲属去世", 10, "父亲病故")]:
        care.record_life_event(
            member=rng.choice(members), occasion=occasions[name], happened_on=today - datetime.timedelta(days=days_ago),
            actor=officer, note=note,
        )  # fmt: skip
    visit_plan = [
        ("住院", "500", "鲜花、营养品"),
        ("直系亲属去世", "800", "花圈"),
        ("生日", "0", "蛋糕"),
        ("退休", "300", "纪念品"),
        ("婚丧", "200", ""),
        ("住院", "500", "营养品"),
    ]
    # the visits' 慰问金: most paid; the latest waits for 财务审核, one for the chair, one for the accountant
    waiting = {0: None, 1: "reviewed", 3: "approved"}
    for offset, (occasion, money, gifts) in enumerate(visit_plan):
        visit = services.record_visit(
            member=rng.choice(members),
            actor=officer,
            occasion=occasions[occasion],
            visited_on=today - datetime.timedelta(days=5 + offset * 9),
            visitors=visitors[: 1 + offset % 2],
            gifts=gifts,
            money=Decimal(money),
            fund_source=FundSource.UNION_FUNDS,
            notes="代表工会表示慰问。",
        )
        if visit.payment is not None and waiting.get(offset, "paid"):
            _through_funds(visit.payment.expense, until=waiting.get(offset, "paid"))

    # 重阳 visits to retirees, for the 离退休 chapter of the annual report
    for offset, retiree in enumerate(retirees[4:7]):
        visit = services.record_visit(
            member=retiree,
            actor=officer,
            occasion=occasions["节日"],
            visited_on=today - datetime.timedelta(days=30 + offset),
            visitors=visitors,
            gifts="重阳糕、毛毯",
            money=Decimal("200"),
            fund_source=FundSource.UNION_FUNDS,
            notes="重阳节走访退休教师，了解身体和生活情况。",
        )
        _through_funds(visit.payment.expense)

    # one application in each stage
    applicants = rng.sample(members, 4)
    for stage, member in enumerate(applicants):
        application = services.apply_for_help(
            member=member, actor=officer, reason="家人住院，医疗费用较高。", amount_requested=Decimal("2000")
        )
        if stage >= 1:
            services.review_application(application=application, actor=officer, note="情况属实。")
        if stage >= 2:
            services.approve_application(application=application, actor=chair, amount=Decimal("1500"))
        if stage >= 3:
            payment = services.pay_application(
                application=application, actor=officer, fund_source=FundSource.HIGHER_UNION
            )
            _through_funds(payment.expense)
    member_user = User.objects.get(username="member")
    services.apply_for_help(
        member=member_user.member, actor=member_user, reason="孩子上学费用困难。", amount_requested=Decimal("1000")
    )

    # 爱心捐款 for a family hit by fire
    beneficiary = next((f for f in HardshipFile.objects.select_related("member") if C.DISASTER in f.causes), None)
    drive = services.open_drive(
        actor=chair,
        title="为受灾同事献爱心",
        appeal="我校一位同事家中不幸遭遇火灾。“我为人人，人人为我”，工会倡议全体教职工伸出援手，奉献爱心。",
        beneficiary=beneficiary.member if beneficiary else None,
        opened_on=today - datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=11),
    )
    for member in rng.sample(members, 20):
        services.pledge(drive=drive, member=member, amount=Decimal(rng.choice([50, 100, 100, 200, 500])))
    mid_autumn = _mid_autumn(User.objects.get(username="staff"), today)
    stdout.write(
        f"帮扶：15份困难档案、春节送温暖（已发一半）、{mid_autumn.name}（{mid_autumn.recipients.count()}人，已支付）、"
        "走访慰问、爱心捐款，发放均经经费审批。"
    )


def load_hand_over(stdout):
    """After the funds demo: a drive that closed today, its takings handed over to the district union through the
    funds chain (asked by the welfare officer, checked by the accountant, approved by the chair, paid)."""
    from funds.demo import advance

    if DonationDrive.objects.filter(expense__isnull=False).exists():
        stdout.write("捐款移交演示数据已存在")
        return
    users = {name: User.objects.get(username=name) for name in ("chair", "staff", "welfare", "accountant")}
    today = timezone.localdate()
    rng = random.Random(20)
    drive = services.open_drive(
        actor=users["chair"],
        title="支援山区学校爱心捐款",
        appeal=in_union_words("区教育工会倡议为山区学校师生捐款，本校工会汇总后统一转交区教育工会。"),
        opened_on=today - datetime.timedelta(days=14),
        closes_on=today,
    )
    members = list(Member.objects.filter(status=Member.Status.ACTIVE, is_union_member=True)[:60])
    for member in rng.sample(members, min(15, len(members))):
        services.pledge(drive=drive, member=member, amount=Decimal(rng.choice([50, 100, 200])))
    try:
        recipient = in_union_words("区教育工会")
        drive = services.hand_over_drive(drive=drive, actor=users["welfare"], handed_over_to=recipient)
    except ValidationError as refusal:  # the year's 维权支出 line is spent in this random year
        stdout.write(f"爱心捐款未移交：{' '.join(refusal.messages)}")
        return
    advance(drive.expense, "paid", users, 901, today)
    stdout.write(in_union_words("爱心捐款已经费审批移交区教育工会。"))
