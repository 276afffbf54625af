"""What an appraisal's pages and papers read: who may vote, who has voted, and the count per leader."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import Exists, OuterRef, Q, Subquery

from members.models import Member
from unionportal.human_order import numbered_key
from unionportal.strokes import stroke_key

from .models import Appraisal, AppraisalReceipt, AppraisalTally, Attendance, Delegate


def appraisal_electorate(appraisal):
    """Who may vote in an appraisal (参评人员): the term's active delegates (本届在任代表), or every
    union member in service (全体在职会员), as the appraisal says."""
    if appraisal.electorate == Appraisal.Electorate.MEMBERS:
        return Member.objects.filter(is_union_member=True, status=Member.Status.ACTIVE)
    return Member.objects.filter(delegacies__term_id=appraisal.term_id, delegacies__active=True)


def in_electorate(appraisal, member):
    return member is not None and appraisal_electorate(appraisal).filter(pk=member.pk).exists()


# Written out rather than built by the ORM, as ``selectors.BALLOT_SEAT``: the whole hall votes at once, and the
# ORM took several queries and about 4 ms of CPU a ballot for what is one statement. ``seat`` is the voter's
# active seat in the term and every seat it took over by 补选 (``replaced_by``), followed back to the first.
APPRAISAL_VOTER = """
WITH RECURSIVE seat(member_id, id) AS (
    SELECT d.member_id, d.id FROM congress_delegate d
     WHERE d.term_id = %(term)s AND d.member_id = %(member)s AND d.active
    UNION
    SELECT p.member_id, p.id FROM congress_delegate p JOIN seat ON p.replaced_by_id = seat.id
)
SELECT CASE WHEN %(by_members)s
            THEN EXISTS (SELECT 1 FROM members_member m
                          WHERE m.id = %(member)s AND m.is_union_member AND m.status = %(in_service)s)
            ELSE EXISTS (SELECT 1 FROM seat WHERE seat.member_id = %(member)s) END,
       EXISTS (SELECT 1 FROM congress_appraisalreceipt r
                WHERE r.appraisal_id = %(appraisal)s AND r.member_id = %(member)s),
       EXISTS (SELECT 1 FROM congress_appraisalreceipt r JOIN seat ON seat.member_id = r.member_id
                WHERE r.appraisal_id = %(appraisal)s),
       (SELECT a.kind FROM congress_attendance a WHERE a.session_id = %(session)s AND a.member_id = %(member)s)
"""


@dataclass(frozen=True)
class AppraisalVoter:
    """What an appraisal ballot checks of a voter, read at once: ``in_electorate``, ``voted`` (her receipt exists),
    ``seat_voted`` (a receipt of hers or of a delegate whose seat she took by 补选) and ``attendance`` (her
    Attendance.Kind at the appraisal's session, None when unregistered or no session)."""

    in_electorate: bool
    voted: bool
    seat_voted: bool
    attendance: str | None


def appraisal_voter(appraisal: Appraisal, member: Member) -> AppraisalVoter:
    params = {
        "appraisal": appraisal.pk,
        "term": appraisal.term_id,
        "session": appraisal.session_id,
        "member": member.pk,
        "by_members": appraisal.electorate == Appraisal.Electorate.MEMBERS,
        "in_service": Member.Status.ACTIVE,
    }
    with connection.cursor() as cursor:
        cursor.execute(APPRAISAL_VOTER, params)
        in_electorate, voted, seat_voted, attendance = cursor.fetchone()
    return AppraisalVoter(bool(in_electorate), bool(voted), bool(seat_voted), attendance)


def appraisals_to_vote(member):
    """Open appraisals whose electorate holds this member (present, when delegates appraise at a session)
    and who has not voted yet (one query per
    open appraisal: there are rarely more than one or two at a time)."""
    waiting = (
        Appraisal.objects.filter(status=Appraisal.Status.OPEN)
        .filter(
            Q(session=None)
            | Q(electorate=Appraisal.Electorate.MEMBERS)
            | Q(session__attendance__member=member, session__attendance__kind=Attendance.Kind.PRESENT)
        )
        .exclude(receipts__member=member)
    )
    return [appraisal for appraisal in waiting if in_electorate(appraisal, member)]


def share_percent(count, total):
    """count / total in percent to one decimal, rounded half up (四舍五入) as results are printed."""
    if not total:
        return Decimal(0)
    return (Decimal(100 * count) / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def appraisal_turnout(appraisal):
    """(voted, electorate): receipts, against who may vote now."""
    return appraisal.receipts.count(), appraisal_electorate(appraisal).count()


def _by_group_and_department_in_stroke_order(member):
    """代表组 in their order (a voter outside any group last), then department, then 姓氏笔画."""
    department = member.department
    return (
        member.group_order is None,
        member.group_order or 0,
        numbered_key(member.delegate_group or ""),
        department is None,
        department.sort_order if department else 0,
        str(department or ""),
        stroke_key(member.name),
    )


def appraisal_voters(appraisal):
    """(not yet voted, voted): the electorate's members split by their receipt, plus anyone who
    voted and has since left it, marked ``in_electorate`` False. WHO voted only, from the receipts;
    what they gave is never read here. Delegates come by their 代表组, whose 组长 reminds the rest."""
    seat = Delegate.objects.filter(term_id=appraisal.term_id, member=OuterRef("pk"), active=True)
    members = (
        Member.objects.annotate(
            has_voted=Exists(AppraisalReceipt.objects.filter(appraisal=appraisal, member=OuterRef("pk"))),
            in_electorate=Exists(appraisal_electorate(appraisal).filter(pk=OuterRef("pk"))),
            delegate_group=Subquery(seat.values("group__name")[:1]),
            group_order=Subquery(seat.values("group__sort_order")[:1]),
        )
        .filter(Q(in_electorate=True) | Q(has_voted=True))
        .select_related("department")
    )
    not_voted, voted = [], []
    for member in sorted(members, key=_by_group_and_department_in_stroke_order):
        (voted if member.has_voted else not_voted).append(member)
    return not_voted, voted


def appraisal_tally(appraisal):
    """Per leader: counts and percentages per grade, flagged where the 不满意/不称职 share passes the
    appraisal's ``flag_share``; None while votes are still cast."""
    if appraisal.status not in (Appraisal.Status.COUNTED, Appraisal.Status.CLOSED):
        return None
    counts = {
        (appraisee_id, grade): count
        for appraisee_id, grade, count in AppraisalTally.objects.filter(appraisee__appraisal=appraisal).values_list(
            "appraisee_id", "grade", "count"
        )
    }
    rows = []
    for appraisee in appraisal.appraisees.select_related("member"):
        marks = {value: counts.get((appraisee.pk, value), 0) for value, _label in appraisal.grades()}
        total = sum(marks.values())
        grades = [
            {
                "value": value,
                "label": label,
                "count": marks[value],
                "percent": float(share_percent(marks[value], total)),
            }
            for value, label in appraisal.grades()
        ]
        negative = sum(count for grade, count in marks.items() if grade in Appraisal.NEGATIVE)
        rows.append(
            {
                "appraisee": appraisee,
                "total": total,
                "grades": grades,
                "flagged": share_percent(negative, total) > appraisal.flag_share,
            }
        )
    return rows
