"""What an appraisal's pages and papers read: who may vote, who has voted, and the count per leader."""

from decimal import ROUND_HALF_UP, Decimal

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
