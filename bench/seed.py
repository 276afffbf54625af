"""Seed a large union fast: bulk_create only, no per-row save(), no history rows.

One function per app, called in ``SEEDS`` order; each gets the ``Sizes`` and the shared
``context`` (what earlier seeds made: member ids, the bench logins) and adds to it.
"""

import datetime
import os
import random
from dataclasses import dataclass, field
from functools import cache

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.utils import timezone
from django.utils.module_loading import import_string
from pypinyin import Style, lazy_pinyin

from activities.models import Event, Registration
from members.models import Branch, Department, Member, UnionGroup, pinyin_key
from unionportal.roles import Role

PASSWORD = "bench2026"
BATCH = 2000
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢钟姜崔"
)
GIVEN = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊峰建国志秀芳丽敏静燕娟霞玲桂英慧婷雪琳颖倩佳欣怡晶红梅兰萍"


def _env(name, default):
    return int(os.environ.get(name, default))


@dataclass
class Sizes:
    """How big the union is; every number can be overridden by an environment variable."""

    staff: int = field(default_factory=lambda: _env("BENCH_STAFF", 20_000))
    departments: int = field(default_factory=lambda: _env("BENCH_DEPARTMENTS", 60))
    union_groups: int = field(default_factory=lambda: _env("BENCH_GROUPS", 200))
    years: int = field(default_factory=lambda: _env("BENCH_YEARS", 5))
    events_per_year: int = field(default_factory=lambda: _env("BENCH_EVENTS_PER_YEAR", 60))
    sign_ups_per_event: int = field(default_factory=lambda: _env("BENCH_SIGN_UPS_PER_EVENT", 80))
    racers: int = field(default_factory=lambda: _env("BENCH_RACERS", 500))
    places: int = field(default_factory=lambda: _env("BENCH_PLACES", 100))
    delegates: int = field(default_factory=lambda: _env("BENCH_DELEGATES", 250))
    voters: int = field(default_factory=lambda: _env("BENCH_VOTERS", 200))
    proposals_per_session: int = field(default_factory=lambda: _env("BENCH_PROPOSALS_PER_SESSION", 600))
    board_items: int = field(default_factory=lambda: _env("BENCH_BOARD_ITEMS", 50_000))
    hardship_files: int = field(default_factory=lambda: _env("BENCH_HARDSHIP_FILES", 400))
    applications_per_year: int = field(default_factory=lambda: _env("BENCH_APPLICATIONS_PER_YEAR", 300))
    visits_per_year: int = field(default_factory=lambda: _env("BENCH_VISITS_PER_YEAR", 600))
    recipients_per_campaign: int = field(default_factory=lambda: _env("BENCH_RECIPIENTS_PER_CAMPAIGN", 150))
    expenses_per_year: int = field(default_factory=lambda: _env("BENCH_EXPENSES_PER_YEAR", 5_000))
    body_meetings: int = field(default_factory=lambda: _env("BENCH_BODY_MEETINGS", 40))
    elections: int = field(default_factory=lambda: _env("BENCH_ELECTIONS", 60))
    contracts: int = field(default_factory=lambda: _env("BENCH_CONTRACTS", 40))


@cache
def _pinyin(char):
    return pinyin_key(char), lazy_pinyin(char, style=Style.FIRST_LETTER)[0]


def _name(rng):
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
    syllables = [_pinyin(char) for char in name]
    return name, "".join(s for s, _ in syllables), "".join(i for _, i in syllables)


def bulk_users(usernames, *, roles, password, superuser=False):
    """Bulk-create logins holding the given roles (always 会员 member too)."""
    users = User.objects.bulk_create(
        [
            User(username=u, password=password, is_superuser=superuser, is_staff=superuser, is_active=True)
            for u in usernames
        ],
        batch_size=BATCH,
    )
    groups = [Group.objects.get_or_create(name=code)[0] for code in {Role.MEMBER, *roles}]
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=user.pk, group_id=group.pk) for user in users for group in groups],
        batch_size=BATCH,
    )
    return users


def link_logins(members, users):
    """Give the first members these logins, one each."""
    for member, user in zip(members, users, strict=False):
        member.user = user
    Member.objects.bulk_update(members[: len(users)], ["user"], batch_size=BATCH)


def seed_members(sizes, context):
    """The roster: departments, branches, union groups, ``sizes.staff`` people, and the bench logins:
    chair, member, admin (a superuser, for the admin changelists) and one login per sign-up racer."""
    rng = random.Random(2026)
    today = timezone.localdate()
    departments = Department.objects.bulk_create(
        [Department(name=f"部门{i + 1:03d}", sort_order=i) for i in range(sizes.departments)]
    )
    branches = Branch.objects.bulk_create(
        [Branch(name=f"分会{i + 1:02d}") for i in range(max(1, sizes.departments // 10))]
    )
    groups = UnionGroup.objects.bulk_create(
        [
            UnionGroup(name=f"小组{i + 1:03d}", branch=branches[i % len(branches)], sort_order=i)
            for i in range(sizes.union_groups)
        ]
    )
    statuses = [Member.Status.ACTIVE] * 17 + [Member.Status.RETIRED] * 2 + [Member.Status.TRANSFERRED]
    people = []
    for i in range(sizes.staff):
        name, pinyin, initials = _name(rng)
        birth = today - datetime.timedelta(days=rng.randint(22 * 365, 70 * 365))
        hire = birth + datetime.timedelta(days=rng.randint(21 * 365, 30 * 365))
        # the members with a login (bench roles, racers, voters) come first and are all in post,
        # so that every sign-up and every ballot is accepted
        in_post = i < sizes.racers + sizes.voters + 3
        is_member = in_post or rng.random() < 0.9
        people.append(
            Member(
                name=name,
                name_pinyin=pinyin,
                name_initials=initials,
                gender=rng.choice("MF"),
                birth_date=birth,
                phone=f"1{rng.randint(3, 9)}{rng.randint(0, 999_999_999):09d}",
                department=departments[i % len(departments)],
                union_group=groups[i % len(groups)],
                status=Member.Status.ACTIVE if in_post else rng.choice(statuses),
                title=rng.choice(["高级教师", "一级教师", "二级教师", "工程师", ""]),
                hire_date=min(hire, today),
                is_union_member=is_member,
                joined_on=min(hire, today) if is_member else None,
                card_number=f"BN{i + 1:06d}" if is_member else "",
            )
        )
    members = Member.objects.bulk_create(people, batch_size=BATCH)

    password = make_password(PASSWORD)
    logins = {
        "chair": bulk_users(["bench-chair"], roles=[Role.CHAIR], password=password)[0],
        "staff": bulk_users(["bench-staff"], roles=[Role.STAFF], password=password)[0],
        "member": bulk_users(["bench-member"], roles=[], password=password)[0],
        "admin": bulk_users(["bench-admin"], roles=[], password=password, superuser=True)[0],
    }
    racers = bulk_users([f"bench-racer-{i:04d}" for i in range(sizes.racers)], roles=[], password=password)
    link_logins(members, [logins["chair"], logins["staff"], logins["member"], *racers])
    logins["visitor"] = None  # anonymous: the public board
    context.update(
        members=[m.pk for m in members],
        linked=3 + len(racers),
        password=password,
        logins=logins,
        racers=racers,
        groups=groups,
        departments=departments,
    )
    return f"{len(members):,} staff, {len(departments)} departments, {len(groups)} union groups"


def seed_activities(sizes, context):
    """``sizes.years`` years of events with sign-ups (some full, with waitlists), a few upcoming
    events, and the empty ``sizes.places``-place event the sign-up race targets."""
    rng = random.Random(7)
    now = timezone.now()
    member_ids = context["members"]
    kinds = Event.Kind.values
    events = []
    total = sizes.years * sizes.events_per_year
    for i in range(total):
        starts = now - datetime.timedelta(days=sizes.years * 365 * (i + 1) / (total + 1), hours=rng.randint(0, 8))
        events.append(
            Event(
                title=f"活动{i + 1:04d}",
                kind=rng.choice(kinds),
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=3),
                place="学校体育馆",
                capacity=rng.choice([None, 30, 50, 100]),
            )
        )
    for i in range(20):  # upcoming: what the event list shows by default
        starts = now + datetime.timedelta(days=3 * (i + 1))
        events.append(
            Event(
                title=f"即将开始的活动{i + 1:02d}",
                kind=rng.choice(kinds),
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=2),
                place="报告厅",
                capacity=rng.choice([None, 40, 80]),
            )
        )
    starts = now + datetime.timedelta(days=30)
    race = Event(
        title="压力测试：抢报名",
        kind=Event.Kind.TRIP,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=8),
        place="千岛湖",
        capacity=sizes.places,
    )
    events = Event.objects.bulk_create([*events, race], batch_size=BATCH)

    registrations = []
    for event in events[:-1]:
        chosen = rng.sample(member_ids, min(len(member_ids), rng.randint(0, 2 * sizes.sign_ups_per_event)))
        for position, member_id in enumerate(chosen, start=1):
            full = event.capacity is not None and position > event.capacity
            registrations.append(
                Registration(
                    event=event,
                    member_id=member_id,
                    position=position,
                    status=Registration.Status.WAITLISTED if full else Registration.Status.REGISTERED,
                    created_at=event.starts_at - datetime.timedelta(days=7),
                    checked_in_at=event.starts_at if event.starts_at < now and not full else None,
                )
            )
    Registration.objects.bulk_create(registrations, batch_size=BATCH)
    context["race_event"] = events[-1]
    return f"{len(events):,} events, {len(registrations):,} sign-ups"


SEEDS = [
    "bench.seed.seed_members",
    "bench.seed.seed_activities",
    "bench.seed_congress.seed_congress",
    "bench.seed_disclosure.seed_disclosure",
    "bench.seed_welfare.seed_welfare",
    "bench.seed_funds.seed_funds",
    "bench.seed_between.seed_between_sessions",
]


def seed(sizes=None, report=print):
    """Run every app's seed in order; returns the shared context."""
    import time

    sizes = sizes or Sizes()
    context = {}
    for path in SEEDS:
        function = import_string(path)
        started = time.perf_counter()
        summary = function(sizes, context)
        report(f"  seeded {function.__name__.removeprefix('seed_')}: {summary} ({time.perf_counter() - started:.1f} s)")
    return context
