"""A school of about 120 staff: departments, union groups, committees and the demo logins."""

import datetime
import random
from decimal import Decimal

from django.contrib.auth.models import Group, User

from unionportal.demo import LOGINS, PASSWORD
from unionportal.roles import Role

from .dues import dues_for, to_fen
from .models import (
    Branch,
    Committee,
    CommitteeSeat,
    CommitteeTerm,
    Department,
    DuesRecord,
    DuesSettings,
    Member,
    MembershipEvent,
    Registration,
    UnionGroup,
)
from .registration import freeze_year
from .validators import id_check_char

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖"
    "田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢钟姜崔谭陆范汪廖石金贾"
)
GIVEN_FEMALE = "秀芳丽敏静燕娟霞玲桂英华慧婷雪琳颖倩佳欣怡晶红梅兰萍"
GIVEN_MALE = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊峰建国志"
DEPARTMENTS = [
    "校长室",
    "党政办公室",
    "教务处",
    "德育处",
    "总务处",
    "教科室",
    "语文教研组",
    "数学教研组",
    "英语教研组",
    "理化生教研组",
    "政史地教研组",
    "艺体教研组",
]
GROUPS = ["语文组", "数学组", "英语组", "理科组", "文科组", "艺体组", "行政后勤组", "离退休组"]
# 分会 → its groups; the other groups sit directly under the union.
BRANCHES = {"教学分会": ["语文组", "数学组", "英语组", "理科组", "文科组", "艺体组"]}
TITLES = ["正高级教师", "高级教师", "高级教师", "一级教师", "一级教师", "一级教师", "二级教师", "三级教师"]

# The people behind the demo logins: username → (name, gender, department, post).
LOGIN_PEOPLE = {
    "chair": ("张卫东", "M", "党政办公室", "工会主席"),
    "staff": ("李秀兰", "F", "党政办公室", "工会委员"),
    "welfare": ("王丽娟", "F", "总务处", "帮扶专员"),
    "delegate": ("陈志强", "M", "数学教研组", "教师"),
    "delegate2": ("刘晓梅", "F", "语文教研组", "教师"),
    "handler": ("赵建国", "M", "教务处", "教务处主任"),
    "member": ("孙佳怡", "F", "英语教研组", "教师"),
    "auditor": ("周明华", "M", "总务处", "经审委员会主任"),
    "accountant": ("吴晓燕", "F", "总务处", "工会会计"),
}
GROUP_OF_DEPARTMENT = {
    "语文教研组": "语文组",
    "数学教研组": "数学组",
    "英语教研组": "英语组",
    "理化生教研组": "理科组",
    "政史地教研组": "文科组",
    "艺体教研组": "艺体组",
}


def demo_id_number(rng, birth_date, gender):
    serial = rng.randint(10, 99) * 10 + rng.choice([1, 3, 5, 7, 9] if gender == "M" else [0, 2, 4, 6, 8])
    first17 = f"330102{birth_date:%Y%m%d}{serial:03d}"
    return first17 + id_check_char(first17)


def person_fields(rng, index, name=None, gender=None, department=None, post=""):
    gender = gender or rng.choice("MF")
    if name is None:
        given = GIVEN_FEMALE if gender == "F" else GIVEN_MALE
        name = rng.choice(SURNAMES) + "".join(rng.choice(given) for _ in range(rng.choice([1, 2])))
    retired = index >= 108
    birth = datetime.date(
        rng.randint(1952, 1962) if retired else rng.randint(1968, 2001), rng.randint(1, 12), rng.randint(1, 28)
    )
    hire = datetime.date(min(birth.year + rng.randint(21, 25), 2025), rng.randint(7, 9), 1)
    employment = rng.choices(list(Member.EmploymentType)[:4], weights=[80, 12, 4, 4])[0]
    is_member = employment != Member.EmploymentType.TEMPORARY or rng.random() < 0.3
    department = department or ("总务处" if retired else rng.choice(DEPARTMENTS[2:]))
    return {
        "name": name,
        "gender": gender,
        "birth_date": birth,
        "id_number": demo_id_number(rng, birth, gender),
        "phone": f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
        "department": department,
        "group": "离退休组" if retired else GROUP_OF_DEPARTMENT.get(department, "行政后勤组"),
        "employment_type": employment if not retired else Member.EmploymentType.ESTABLISHED,
        "status": Member.Status.RETIRED if retired else Member.Status.ACTIVE,
        "title": "" if employment == Member.EmploymentType.TEMPORARY else rng.choice(TITLES),
        "post": post,
        "hire_date": hire,
        "is_union_member": is_member,
        "joined_on": hire + datetime.timedelta(days=rng.randint(30, 400)) if is_member else None,
        "card_number": f"QS{index + 1:05d}" if is_member else "",
    }


def load(stdout):
    rng = random.Random(2026)
    departments = {
        name: Department.objects.update_or_create(name=name, defaults={"sort_order": i})[0]
        for i, name in enumerate(DEPARTMENTS)
    }
    groups = {
        name: UnionGroup.objects.update_or_create(name=name, defaults={"sort_order": i})[0]
        for i, name in enumerate(GROUPS)
    }

    people = [person_fields(rng, i, *person) for i, person in enumerate(LOGIN_PEOPLE.values())]
    people += [person_fields(rng, i) for i in range(len(people), 120)]
    members = []
    for fields in people:
        fields["department"] = departments[fields["department"]]
        fields["union_group"] = groups[fields.pop("group")]
        fields["is_union_member"] = fields["is_union_member"] or fields["post"] != ""
        fields["joined_on"] = fields["joined_on"] or (fields["hire_date"] if fields["is_union_member"] else None)
        member, _ = Member.objects.update_or_create(id_number=fields.pop("id_number"), defaults=fields)
        members.append(member)

    for (username, roles), member in zip(LOGINS.items(), members, strict=False):
        user, _ = User.objects.get_or_create(username=username)
        user.set_password(PASSWORD)
        user.save()
        user.groups.set(Group.objects.filter(name__in=[Role.MEMBER, *roles]))
        member.user = user
        member.save()

    by_login = dict(zip(LOGINS, members, strict=False))
    departments["教务处"].head = by_login["handler"]
    departments["教务处"].save()
    load_org(groups, members, by_login)
    load_committees(by_login, members)
    load_events(members)
    load_dues(members, collected_groups={groups[name].pk for name in COLLECTED_THIS_MONTH})
    load_registration()
    stdout.write(f"{len(members)} 名{Member._meta.verbose_name}、{len(groups)} 个工会小组已就绪")


def load_org(groups, members, by_login):
    """The 教学分会 over the teaching groups, each group led by its first union member."""
    for branch_name, group_names in BRANCHES.items():
        branch, _ = Branch.objects.get_or_create(name=branch_name)
        for name in group_names:
            groups[name].branch = branch
    for group in groups.values():
        group.leader = next((m for m in members if m.union_group_id == group.pk and m.is_union_member), None)
        group.save()
    branch = Branch.objects.get(name="教学分会")
    branch.leader = by_login["delegate"]
    branch.save()


def load_committees(by_login, members):
    seats = {
        "工会委员会": [
            ("主席", by_login["chair"]),
            ("副主席", members[10]),
            ("委员", by_login["staff"]),
            ("委员", by_login["welfare"]),
            ("委员", members[11]),
            ("委员", members[12]),
        ],
        "经费审查委员会": [("主任", by_login["auditor"]), ("委员", members[13]), ("委员", members[14])],
        "女职工委员会": [("主任", by_login["staff"]), ("委员", members[15]), ("委员", by_login["member"])],
        "校务公开领导小组": [("组长", by_login["chair"]), ("成员", by_login["handler"]), ("成员", by_login["staff"])],
    }
    # The 5th term (2021–2024): the same bodies, with two people who have since stepped down.
    past_seats = {
        "工会委员会": [
            ("主席", members[16]),
            ("副主席", by_login["chair"]),
            ("委员", by_login["staff"]),
            ("委员", members[17]),
        ],
        "经费审查委员会": [("主任", members[18]), ("委员", by_login["auditor"])],
        "女职工委员会": [("主任", by_login["staff"]), ("委员", members[15])],
    }
    terms = {
        6: (datetime.date(2024, 9, 1), datetime.date(2029, 8, 31)),
        5: (datetime.date(2021, 9, 1), datetime.date(2024, 8, 31)),
    }
    for order, (committee_name, posts) in enumerate(seats.items()):
        committee, _ = Committee.objects.update_or_create(name=committee_name, defaults={"sort_order": order})
        for number, term_seats in ((6, posts), (5, past_seats.get(committee_name))):
            if term_seats is None:
                continue
            starts_on, ends_on = terms[number]
            term, _ = CommitteeTerm.objects.update_or_create(
                committee=committee, number=number, defaults={"starts_on": starts_on, "ends_on": ends_on}
            )
            term.seats.all().delete()
            CommitteeSeat.objects.bulk_create(
                CommitteeSeat(term=term, member=member, post=post, sort_order=i)
                for i, (post, member) in enumerate(term_seats)
            )


def load_events(members):
    """入会 for every member, 退休 for the retirees, one 调组; get_or_create keeps reloads idempotent."""
    Kind = MembershipEvent.Kind
    for member in members:
        if member.joined_on:
            MembershipEvent.objects.get_or_create(
                member=member, kind=Kind.JOIN, defaults={"occurred_on": member.joined_on, "to_status": member.status}
            )
        if member.status == Member.Status.RETIRED:
            MembershipEvent.objects.get_or_create(
                member=member,
                kind=Kind.RETIRE,
                defaults={
                    "occurred_on": member.birth_date.replace(year=member.birth_date.year + 60),
                    "from_status": Member.Status.ACTIVE,
                    "to_status": Member.Status.RETIRED,
                },
            )
    mover = members[20]
    earlier_group = UnionGroup.objects.exclude(pk=mover.union_group_id).order_by("sort_order").first()
    MembershipEvent.objects.get_or_create(
        member=mover,
        kind=Kind.GROUP_MOVE,
        defaults={
            "occurred_on": datetime.date(2025, 9, 1),
            "from_group": earlier_group,
            "to_group": mover.union_group,
            "note": "岗位调整",
        },
    )


# The groups whose leaders have already handed in this month's dues; the others collect later in the month.
COLLECTED_THIS_MONTH = ["语文组", "数学组", "英语组", "行政后勤组"]


def load_dues(members, collected_groups):
    """This year's ledger up to this month (会费台账), paid by the 15th; wage bases rise in September.

    This month only the ``collected_groups`` have paid; a few members owe their last three months (欠缴),
    a few paid last month in part (部分缴纳). Lines already on the ledger are kept, so a reload adds only
    the months since. The hand-up share (上缴) is set once, so a chair's later setting stays.
    """
    from django.utils import timezone

    today = timezone.localdate()
    from funds.models import YearSettings

    settings = DuesSettings.current()
    YearSettings.objects.get_or_create(year=today.year, defaults={"dues_hand_up_share": Decimal("0.4000")})
    rng = random.Random(7)
    existing = set(DuesRecord.objects.values_list("member_id", "month"))
    records = []
    for member in members:
        base = Decimal(rng.randrange(4200, 12000, 50))
        raised = to_fen(base * Decimal(rng.choice(["1.03", "1.04", "1.05"])))
        standing = rng.choices(["paid", "behind", "part"], weights=[88, 7, 5])[0]
        if not member.is_union_member or member.status != Member.Status.ACTIVE:
            continue
        for month in range(1, today.month + 1):
            first = datetime.date(today.year, month, 1)
            if (member.pk, first) in existing:
                continue
            wage_base = raised if month >= 9 else base
            due = dues_for(wage_base, settings.rate)
            paid = due
            if month == today.month and member.union_group_id not in collected_groups:
                paid = Decimal("0")
            if standing == "behind" and month >= today.month - 2:
                paid = Decimal("0")
            if standing == "part" and month == max(today.month - 1, 1):
                paid = to_fen(due / 2)
            records.append(
                DuesRecord(
                    member=member,
                    month=first,
                    wage_base=wage_base,
                    due=due,
                    paid=paid,
                    paid_on=min(first.replace(day=15), today) if paid else None,
                )
            )
    DuesRecord.objects.bulk_create(records)


def load_registration():
    """Last year's 年度登记, frozen once (a second load keeps the first snapshot)."""
    from django.utils import timezone

    last_year = timezone.localdate().year - 1
    if not Registration.objects.filter(year=last_year).exists():
        freeze_year(year=last_year)
