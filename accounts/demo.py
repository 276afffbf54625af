"""The demo union's role history (任职记录): since when and why each demo login holds its role, and two
people who held one before: the 5th term's 经审 (until the 2024 换届) and a 帮扶专员 who stepped down
last year for the present one. Reloading keeps one row each."""

import datetime

from django.utils import timezone

from members.models import CommitteeSeat, Department, Member
from unionportal.roles import Role

from .models import RoleAssignment

SIXTH_TERM = datetime.date(2024, 9, 1)
FIFTH_TERM = datetime.date(2021, 9, 1)
FIFTH_TERM_ENDS = datetime.date(2024, 8, 31)

# username → (role, since, reason); the handler's department is the one they head
CURRENT = [
    ("chair", Role.CHAIR, SIXTH_TERM, "第六届工会委员会第一次全体会议选举为主席"),
    ("staff", Role.STAFF, SIXTH_TERM, "第六届工会委员会第一次全体会议选举为委员"),
    ("auditor", Role.AUDITOR, SIXTH_TERM, "第六届经费审查委员会第一次会议选举为主任"),
    ("accountant", Role.ACCOUNTANT, datetime.date(2022, 3, 1), "工会委员会会议决定，由其兼任工会会计"),
    ("handler", Role.HANDLER, SIXTH_TERM, "行政会议确定由部门负责人承办提案"),
]


def _seat_holder(committee, post, term):
    seat = CommitteeSeat.objects.filter(term__committee__name=committee, term__number=term, post=post)
    return seat.select_related("member").first()


def _record(member, role, started_on, reason, chair, department=None, **ended):
    RoleAssignment.objects.update_or_create(
        member=member,
        role=role,
        department=department,
        started_on=started_on,
        defaults={"start_reason": reason, "assigned_by": chair, **ended},
    )


def load(stdout):
    people = {m.user.username: m for m in Member.objects.filter(user__isnull=False).select_related("user")}
    if "chair" not in people:
        return
    chair = people["chair"].user
    last_year = timezone.localdate().year - 1
    handed_over = datetime.date(last_year, 3, 1)

    former_auditor = _seat_holder("经费审查委员会", "主任", 5)
    if former_auditor:
        _record(
            former_auditor.member, Role.AUDITOR, FIFTH_TERM, "第五届经费审查委员会第一次会议选举为主任", chair,
            ended_on=FIFTH_TERM_ENDS, end_reason="任期届满，经费审查委员会换届", withdrawn_by=chair,
        )  # fmt: skip
    sixth = set(CommitteeSeat.objects.filter(term__committee__name="工会委员会", term__number=6).values_list("member"))
    stepped_down = next(
        (
            seat.member
            for seat in CommitteeSeat.objects.filter(
                term__committee__name="工会委员会", term__number=5, post="委员"
            ).select_related("member")
            if (seat.member_id,) not in sixth
        ),
        None,
    )
    if stepped_down:
        _record(
            stepped_down, Role.WELFARE, FIFTH_TERM, "工会委员会分工，负责困难职工帮扶", chair,
            ended_on=handed_over, end_reason="工作岗位调整，本人申请不再兼任", withdrawn_by=chair,
        )  # fmt: skip
    if "welfare" in people:
        _record(people["welfare"], Role.WELFARE, handed_over, "工会委员会会议决定，接任帮扶专员", chair)
    for username, role, since, reason in CURRENT:
        if username not in people:
            continue
        member = people[username]
        department = Department.objects.filter(head=member).first() if role == Role.HANDLER else None
        _record(member, role, since, reason, chair, department=department)
    stdout.write("角色任职记录已就绪")
