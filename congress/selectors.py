from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Member
from unionportal.human_order import numbered_key
from unionportal.models import UnionProfile
from unionportal.vocabulary import vocabulary_for

from .models import Appraisal, Attendance, Delegate, Motion, Proposal, ProposalCoSigner, Session

S = Proposal.Status


def sessions():
    return Session.objects.select_related("term").order_by("-starts_on")


def current_session(today=None):
    """The session that meets next (or is meeting now); once the last one has met, the latest."""
    today = today or timezone.localdate()
    return sessions().filter(ends_on__gte=today).order_by("starts_on").first() or sessions().first()


def proposal_list(*, user, session=None, status="", mine=False):
    """Proposals a user may see: the public list (公示) plus their own drafts and invitations;
    the congress staff see everything."""
    proposals = Proposal.objects.select_related("session__term", "proposer", "lead_department")
    if session is not None:
        proposals = proposals.filter(session=session)
    member = getattr(user, "member", None)
    if not user.has_perm("congress.view_review_notes"):
        visible = ~Q(status__in=Proposal.PRIVATE)
        if member is not None:
            visible |= Q(proposer=member) | Q(cosigners__member=member)
        proposals = proposals.filter(visible).distinct()
    if mine and member is not None:
        proposals = proposals.filter(Q(proposer=member) | Q(cosigners__member=member)).distinct()
    if status in S.values:
        proposals = proposals.filter(status=status)
    return proposals.order_by("-session__starts_on", "number", "-created_at")


def proposal_detail(pk):
    return (
        Proposal.objects.select_related("session__term", "proposer", "lead_department__head", "merged_into")
        .prefetch_related("helping_departments", "cosigners__member", "steps__actor")
        .get(pk=pk)
    )


def overdue():
    return Proposal.objects.filter(status=S.ASSIGNED, deadline__lt=timezone.localdate())


def awaiting_reply(member):
    return Proposal.objects.filter(status=S.ASSIGNED, lead_department__head=member)


def invitations(member):
    return ProposalCoSigner.objects.filter(
        member=member, status=ProposalCoSigner.Status.INVITED, proposal__status=S.COLLECTING
    ).select_related("proposal")


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


def motions_to_vote(member):
    """Open secret ballots of the sessions where this delegate is marked present, not yet voted on."""
    delegacies = Delegate.objects.filter(member=member, active=True)
    return (
        Motion.objects.filter(
            status=Motion.Status.OPEN,
            method=Motion.Method.SECRET,
            agenda_item__session__term__in=delegacies.values("term"),
            agenda_item__session__attendance__member=member,
            agenda_item__session__attendance__kind=Attendance.Kind.PRESENT,
        )
        .exclude(receipts__delegate__in=delegacies)
        .distinct()
    )


def next_session(session):
    return Session.objects.filter(starts_on__gt=session.starts_on).select_related("term").order_by("starts_on").first()


def previous_session(session):
    """The session before this one, whose proposals' follow-through (落实情况) this one hears."""
    return Session.objects.filter(starts_on__lt=session.starts_on).select_related("term").order_by("-starts_on").first()


def group_key(group):
    """代表组 in their number's order (第一、第二…第十一), a delegate without a group last."""
    return (group == "", numbered_key(group))


# --- delegate composition (代表结构) ----------------------------------------------------

# Defaults in percent (a term's own thresholds replace them). Schools: 《学校教职工代表大会规定》 — teachers
# at least 60% of delegates, women and young staff in proportion. Enterprises: 《企业民主管理规定》 — delegates
# at least 5% of staff and at least 30, middle and senior managers at most 20%, women in proportion.
COMPOSITION_RULES = {
    "school": {"front_line_min": 60, "leaders_max": 20, "per_headcount_min": 5, "minimum": 0},
    "enterprise": {"front_line_min": 50, "leaders_max": 20, "per_headcount_min": 5, "minimum": 30},
}
YOUNG_AGE = 35  # 青年: under 35, as the roster's age bands count them


@dataclass(frozen=True)
class Composition:
    """The serving delegates' make-up, as the delegate page and the printed roster both state it."""

    count: int
    women: int
    front_line: int
    leaders: int
    young: int
    warnings: list


def _shares(queryset, prefix, born_after):
    female = Q(**{f"{prefix}gender": Member.Gender.FEMALE})
    young = Q(**{f"{prefix}birth_date__gt": born_after})
    return queryset.aggregate(count=Count("pk"), women=Count("pk", filter=female), young=Count("pk", filter=young))


def _years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _percent(part, whole):
    return round(100 * part / whole) if whole else 0


def delegate_composition(term, kind=None, today=None) -> Composition:
    """Figures and warnings (never refusals) on the serving delegates: the front-line share (教师代表 at a
    school, 一线职工代表 at a company), leaders, headcount, and women and young staff in proportion to staff."""
    kind = kind or UnionProfile.load().kind
    words = vocabulary_for(kind)
    rule = dict(COMPOSITION_RULES[kind])
    rule.update({name: getattr(term, name) for name in rule if getattr(term, name, None) is not None})
    today = today or timezone.localdate()
    born_after = _years_before(today, YOUNG_AGE)
    delegates = term.delegates.filter(active=True)
    figures = _shares(delegates, "member__", born_after)
    figures |= delegates.aggregate(
        front_line=Count("pk", filter=Q(is_front_line=True)), leaders=Count("pk", filter=Q(is_leader=True))
    )
    total = figures["count"]
    if not total:
        return Composition(0, 0, 0, 0, 0, [_("本届尚无代表。")])
    warnings = []
    if 100 * figures["front_line"] < rule["front_line_min"] * total:
        warnings.append(
            _("%(label)s占%(share)s%%，低于%(min)s%%。")
            % {"label": words["front_line_delegates"], "share": _percent(figures["front_line"], total),
               "min": rule["front_line_min"]}
        )  # fmt: skip
    if 100 * figures["leaders"] > rule["leaders_max"] * total:
        warnings.append(
            _("领导干部代表占%(share)s%%，超过%(max)s%%。")
            % {"share": _percent(figures["leaders"], total), "max": rule["leaders_max"]}
        )
    staff = _shares(Member.objects.filter(status=Member.Status.ACTIVE), "", born_after)
    if term.mode == term.Mode.DELEGATES:
        needed = max(rule["minimum"], -(-rule["per_headcount_min"] * staff["count"] // 100))
        if total < needed:
            warnings.append(
                _("代表%(total)s人，少于应有的%(needed)s人（在职%(staff)s%(headcount)s人的%(min)s%%，且不少于%(minimum)s人）。")
                % {"total": total, "needed": needed, "staff": words["staff"], "headcount": staff["count"],
                   "min": rule["per_headcount_min"], "minimum": rule["minimum"]}
            )  # fmt: skip
    for key, label in (("women", _("女代表")), ("young", _("青年代表（35岁以下）"))):
        share, expected = _percent(figures[key], total), _percent(staff[key], staff["count"])
        if share < expected:
            warnings.append(
                _("%(label)s占%(share)s%%，低于其在在职%(staff)s中的比例%(expected)s%%。")
                % {"label": label, "share": share, "staff": words["staff"], "expected": expected}
            )
    return Composition(total, figures["women"], figures["front_line"], figures["leaders"], figures["young"], warnings)
