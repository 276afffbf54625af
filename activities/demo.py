"""A year of union events (about 25) around today: sign-ups, check-ins, results and honours.

Runs once: when events already exist it leaves them be, so ``load_demo`` stays idempotent.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone

from members.models import Member, UnionGroup
from unionportal.demo import in_union_words
from unionportal.models import UnionProfile

from . import services
from .festivals import festival_date
from .models import Event, Level

EL, ORG, KIND = Event.Eligibility, Event.Organiser, Event.Kind

# (title, kind, month, day, capacity, eligibility, organiser, festival, level, team event, results)
EVENTS = [
    ("迎新年教职工联欢会", KIND.CULTURE, 12, 30, None, EL.ALL_STAFF, ORG.UNION, "new_year", "school", False, False),
    ("寒假教职工健康体检", KIND.HEALTH, 1, 15, None, EL.ALL_STAFF, ORG.JOINT, "", "school", False, False),
    ("春节退休教师座谈会", KIND.GATHERING, 2, 5, 40, EL.RETIREES, ORG.UNION, "", "school", False, False),
    ("家庭教育与身心健康讲座", KIND.LECTURE, 2, 26, 80, EL.ALL_STAFF, ORG.WOMEN, "", "school", False, False),
    ("庆“三八”女职工登山活动", KIND.SPORTS, 3, 8, 40, EL.WOMEN, ORG.WOMEN, "womens_day", "school", False, False),
    ("“三八”女职工拔河比赛", KIND.SPORTS, 3, 7, 6, EL.WOMEN, ORG.WOMEN, "womens_day", "school", True, True),
    ("春季踏青", KIND.TRIP, 4, 12, 30, EL.MEMBERS_FIRST, ORG.UNION, "", "school", False, False),
    ("“阅读与人生”读书分享会", KIND.READING, 4, 23, 50, EL.ALL_STAFF, ORG.UNION, "", "school", False, True),
    ("迎“五一”职工趣味运动会", KIND.SPORTS, 4, 29, None, EL.ALL_STAFF, ORG.UNION, "labour_day", "school", False, True),
    ("学区教职工乒乓球赛", KIND.COMPETITION, 5, 18, 8, EL.MEMBERS, ORG.UNION, "", "district", False, True),
    ("师德征文比赛", KIND.READING, 5, 30, None, EL.ALL_STAFF, ORG.JOINT, "", "school", False, True),
    ("教职工羽毛球赛", KIND.SPORTS, 6, 14, 24, EL.MEMBERS, ORG.UNION, "", "school", False, True),
    ("暑期疗休养（千岛湖）", KIND.TRIP, 7, 15, 20, EL.MEMBERS_FIRST, ORG.UNION, "", "school", False, False),
    ("县教职工篮球赛", KIND.COMPETITION, 8, 28, 10, EL.MEMBERS, ORG.UNION, "", "county", False, True),
    (
        "教师节表彰暨庆祝大会",
        KIND.GATHERING,
        9,
        10,
        None,
        EL.ALL_STAFF,
        ORG.UNION,
        "teachers_day",
        "school",
        False,
        False,
    ),
    ("新教师欢迎会", KIND.GATHERING, 9, 20, 60, EL.ALL_STAFF, ORG.UNION, "", "school", False, False),
    ("秋季退休教师出游", KIND.TRIP, 10, 10, 35, EL.RETIREES, ORG.UNION, "", "school", False, False),
    ("重阳节退休教师聚餐", KIND.GATHERING, 10, 18, 60, EL.RETIREES, ORG.UNION, "double_ninth", "school", False, False),
    ("教职工书画摄影展", KIND.CULTURE, 10, 25, None, EL.ALL_STAFF, ORG.UNION, "", "school", False, True),
    ("健身月跳绳比赛", KIND.SPORTS, 11, 8, 30, EL.ALL_STAFF, ORG.UNION, "", "school", False, True),
    ("教职工拔河比赛", KIND.SPORTS, 11, 15, 6, EL.ALL_STAFF, ORG.UNION, "", "school", True, True),
    ("市教职工诗歌朗诵比赛", KIND.COMPETITION, 11, 22, 4, EL.MEMBERS, ORG.UNION, "", "city", False, True),
    ("女职工心理健康讲座", KIND.LECTURE, 11, 29, 50, EL.WOMEN, ORG.WOMEN, "", "school", False, False),
    ("教职工卡拉OK大赛", KIND.CULTURE, 12, 12, 20, EL.MEMBERS_FIRST, ORG.UNION, "", "school", False, True),
    ("冬季长跑", KIND.SPORTS, 12, 20, 40, EL.ALL_STAFF, ORG.UNION, "", "school", False, False),
]

HONOURS = [
    ("优秀教师", 4, Level.SCHOOL),
    ("优秀班主任", 3, Level.SCHOOL),
    ("工会积极分子", 5, Level.SCHOOL),
    ("先进女职工", 3, Level.SCHOOL),
    ("优秀教育工作者", 1, Level.COUNTY),
    ("师德标兵", 1, Level.CITY),
]
PRIZES = ["first", "second", "second", "third", "third", "third"]


def _date_in_window(festival, month, day, today):
    """The event's date in the twelve months from nine months ago, so some are still to come."""
    window_start = today - datetime.timedelta(days=270)
    for year in (window_start.year, window_start.year + 1):
        date = festival_date(festival, year) if festival else datetime.date(year, month, day)
        if window_start <= date < window_start + datetime.timedelta(days=365):
            return date
    return datetime.date(today.year, month, day)


def _eligible(event, people, rng):
    pool = [p for p in people if services.eligibility_refusal(event=event, member=p) is None]
    rng.shuffle(pool)
    return pool


def load(stdout):
    if Event.objects.exists():
        stdout.write("活动演示数据已存在")
        return
    rng = random.Random(38)
    today = timezone.localdate()
    now = timezone.now()
    tz = timezone.get_current_timezone()
    staff = User.objects.get(username="staff")
    people = list(Member.objects.filter(status__in=[Member.Status.ACTIVE, Member.Status.RETIRED]))
    groups = list(UnionGroup.objects.exclude(name="离退休组"))
    union_name = UnionProfile.load().name
    demo_member = Member.objects.get(user__username="member")

    for title, kind, month, day, capacity, eligibility, organiser, festival, level, team, results in EVENTS:
        title = in_union_words(title)
        date = _date_in_window(festival, month, day, today)
        starts = datetime.datetime.combine(date, datetime.time(14, 30), tzinfo=tz)
        budget = Decimal(rng.choice([800, 1500, 3000, 5000, 12000 if kind == KIND.TRIP else 2000]))
        event = services.create_event(
            actor=staff,
            title=title,
            kind=kind,
            level=level,
            festival=festival,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=3),
            place=in_union_words(
                rng.choice(["学校体育馆", "学术报告厅", "教工之家", "操场", "多功能厅"])
                if kind != KIND.TRIP
                else "集合：校门口"
            ),
            organiser=organiser,
            joint_department=Member.objects.get(user__username="handler").department
            if organiser == ORG.JOINT
            else None,
            description=in_union_words(
                f"{title}。请有意参加的{'会员' if eligibility == EL.MEMBERS else '教职工'}按时报名。"
            ),
            capacity=capacity,
            is_team_event=team,
            signup_opens_at=starts - datetime.timedelta(days=21),
            signup_closes_at=starts - datetime.timedelta(days=1),
            eligibility=eligibility,
            members_first_until=starts - datetime.timedelta(days=10) if eligibility == EL.MEMBERS_FIRST else None,
            budget=budget,
        )
        past = event.ends_at < now
        if team:
            for group in rng.sample(groups, k=min(len(groups), (capacity or 6) + 1)):
                members = [
                    p
                    for p in people
                    if p.union_group_id == group.pk and services.eligibility_refusal(event=event, member=p) is None
                ][:8]
                services.sign_up_team(
                    event=event,
                    union_group=group,
                    actor=staff,
                    name=f"{group.name}队",
                    captain=members[0] if members else None,
                    members=members,
                    on_behalf=True,
                )
        else:
            pool = _eligible(event, people, rng)
            wanted = min(len(pool), (capacity + rng.randint(0, 3)) if capacity else rng.randint(25, 60))
            for person in pool[:wanted]:
                services.sign_up(event=event, member=person, actor=staff, on_behalf=True)
        if past:
            for registration in event.registrations.filter(status="registered"):
                if rng.random() < 0.9:
                    services.check_in(registration=registration, actor=staff)
            if results:
                _results(event, staff, rng)

    _full_upcoming_event_with_a_promotion(demo_member, staff, tz, today)
    for title, count, level in HONOURS:
        title = in_union_words(title)
        pool = [p for p in people if p.status == Member.Status.ACTIVE]
        if title == "先进女职工":
            pool = [p for p in pool if p.gender == Member.Gender.FEMALE]
        for person in rng.sample(pool, k=count):
            services.add_honour(
                title=title,
                year=today.year if today.month >= 9 else today.year - 1,
                level=level,
                awarding_body=union_name if level == Level.SCHOOL else in_union_words("青山市教育工会"),
                member=person,
            )
    services.add_honour(
        title="优秀职工小家",
        year=today.year - 1,
        level=Level.COUNTY,
        awarding_body=in_union_words("青山市教育工会"),
        union_group=groups[0],
    )
    stdout.write(f"{Event.objects.count()} 项活动及报名、成绩、表彰已就绪")


def _results(event, staff, rng):
    if event.is_team_event:
        teams = list(event.teams.filter(registration__status="registered"))
        rng.shuffle(teams)
        for rank, team in enumerate(teams[:3], start=1):
            services.record_result(event=event, actor=staff, team=team, rank=rank, prize=PRIZES[rank * 2 - 2])
        return
    entrants = [r.member for r in event.registrations.filter(status="registered").select_related("member")]
    rng.shuffle(entrants)
    for rank, person in enumerate(entrants[: len(PRIZES)], start=1):
        services.record_result(event=event, actor=staff, member=person, prize=PRIZES[rank - 1])
    if len(entrants) > 8:
        services.record_result(event=event, actor=staff, item="个人", member=entrants[7], rank=8)


def _full_upcoming_event_with_a_promotion(demo_member, staff, tz, today):
    """The demo member (会员 login) was on a waitlist and moved up: their dashboard shows the notice."""
    starts = datetime.datetime.combine(today + datetime.timedelta(days=12), datetime.time(15, 0), tzinfo=tz)
    event = services.create_event(
        actor=staff,
        title=in_union_words("教职工瑜伽体验课"),
        kind=KIND.SPORTS,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1, minutes=30),
        place=in_union_words("教工之家"),
        capacity=3,
        eligibility=EL.MEMBERS,
        budget=Decimal("600.00"),
        description="名额有限，额满后进入候补，有人取消时按顺序递补。",
    )
    others = list(
        Member.objects.filter(is_union_member=True, status=Member.Status.ACTIVE).exclude(pk=demo_member.pk)[:4]
    )
    first = services.sign_up(event=event, member=others[0], actor=staff, on_behalf=True)
    for person in others[1:3]:
        services.sign_up(event=event, member=person, actor=staff, on_behalf=True)
    services.sign_up(event=event, member=demo_member, actor=staff, on_behalf=True)
    services.sign_up(event=event, member=others[3], actor=staff, on_behalf=True)
    services.cancel(registration=first, actor=staff, note="临时有课")


PAYEES = {KIND.SPORTS: "青山文体用品商店", KIND.TRIP: "青山旅行社", KIND.HEALTH: "青山市人民医院体检中心"}


def load_money(stdout):
    """After the funds demo: this year's events ask for their money through the funds chain; those held are paid
    (their actual cost is what was paid), the coming ones wait for 财务审核."""
    from django.core.exceptions import ValidationError

    from funds.demo import advance

    from .funding import request_event_funds

    if Event.objects.filter(expense__isnull=False).exists():
        stdout.write("活动经费演示数据已存在")
        return
    users = {name: User.objects.get(username=name) for name in ("chair", "staff", "welfare", "accountant")}
    today, now = timezone.localdate(), timezone.now()
    rng = random.Random(39)
    soon = now + datetime.timedelta(days=30)
    events = Event.objects.filter(starts_at__year=today.year, budget__gt=0, starts_at__lte=soon)
    asked = paid = 0
    for n, event in enumerate(events.order_by("starts_at"), start=501):
        amount = (event.budget * Decimal(rng.choice(["0.8", "0.9", "0.95", "1"]))).quantize(Decimal("0.01"))
        try:
            payee = PAYEES.get(event.kind, "活动承办单位（见结算单）")
            event = request_event_funds(event=event, actor=users["staff"], amount=amount, payee=payee)
        except ValidationError:  # the 文体活动 line is spent in this random year: that event asks no money
            continue
        asked += 1
        if event.ends_at < now:
            held_on = timezone.localdate(event.ends_at)
            advance(event.expense, "paid", users, n, min(held_on + datetime.timedelta(days=5), today))
            paid += 1
    stdout.write(f"活动经费演示数据已就绪：{asked} 项活动申请经费，其中已支付 {paid} 项")
