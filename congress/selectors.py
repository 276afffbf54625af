from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.models import Member
from unionportal.choices import translated_labels
from unionportal.human_order import numbered_key
from unionportal.links import url_for_each
from unionportal.models import UnionProfile
from unionportal.vocabulary import vocabulary_for

from .models import Attendance, Delegate, Motion, Proposal, ProposalCoSigner, Session

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
    # Exists rather than a join on co-signers: no DISTINCT over every selected column of the page's rows
    involved = Q(proposer=member) | Exists(ProposalCoSigner.objects.filter(proposal=OuterRef("pk"), member=member))
    if not user.has_perm("congress.view_review_notes"):
        visible = ~Q(status__in=Proposal.PRIVATE)
        if member is not None:
            visible |= involved
        proposals = proposals.filter(visible)
    if mine and member is not None:
        proposals = proposals.filter(involved)
    if status in S.values:
        proposals = proposals.filter(status=status)
    return proposals.order_by(*PROPOSAL_ORDER)


PROPOSAL_ORDER = ["-session__starts_on", "number", "-created_at"]


@dataclass(frozen=True, slots=True)
class ProposalRow:
    """One line of the proposal list, as it shows it."""

    url: str
    number: int | None
    title: str
    status: str
    session: str
    proposer: str
    lead_department: str | None
    rating: str


def proposal_rows(keys, sessions) -> list[ProposalRow]:
    """The list page's lines from ``keys``, a page of ``proposal_list(…).values_list("pk", flat=True)``, and
    ``sessions``, every session (the page lists them to filter by). One query picks the page by key before it
    reads the rows: ordering the joined rows of every proposal first cost PostgreSQL several times as much, and
    values() builds no Proposal, session, term, proposer and department per line."""
    names = {session.pk: str(session) for session in sessions}
    statuses, ratings = map(translated_labels, (S, Proposal.Rating))
    url = url_for_each("congress:proposal")
    rows = Proposal.objects.filter(pk__in=keys).order_by(*PROPOSAL_ORDER)
    fields = ["pk", "number", "title", "status", "rating", "session_id", "proposer__name", "lead_department__name"]
    return [
        ProposalRow(
            url=url(row["pk"]),
            number=row["number"],
            title=row["title"],
            status=statuses[row["status"]],
            session=names[row["session_id"]],
            proposer=row["proposer__name"],
            lead_department=row["lead_department__name"],
            rating=ratings.get(row["rating"], ""),
        )
        for row in rows.values(*fields)
    ]


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


def delegate_members(session, exclude=None):
    members = Member.objects.filter(delegacies__term=session.term, delegacies__active=True).order_by("name_pinyin")
    return members.exclude(pk=exclude.pk) if exclude else members


def open_sessions(member):
    """Sessions of the member's terms that have not met yet, the next to meet first."""
    terms = Delegate.objects.filter(member=member, active=True).values("term")
    return (
        Session.objects.filter(term__in=terms, ends_on__gte=timezone.localdate())
        .select_related("term")
        .order_by("starts_on")
    )


def invitations(member):
    return ProposalCoSigner.objects.filter(
        member=member, status=ProposalCoSigner.Status.INVITED, proposal__status=S.COLLECTING
    ).select_related("proposal")


def active_delegate(member, term):
    """The member's seat (Delegate) in the term while she holds it; None otherwise."""
    if member is None:
        return None
    return Delegate.objects.filter(term=term, member=member, active=True).first()


# Written out rather than built by the ORM: composing the two subqueries took about 2 ms of CPU on every ballot,
# ten times what the query costs, while the whole hall votes at once. The session and the term come from the
# motion's agenda item, so the vote reads the motion alone.
BALLOT_SEAT = """
SELECT d.id, d.seated_at,
       EXISTS (SELECT 1 FROM congress_ballotreceipt r WHERE r.motion_id = %(motion)s AND r.delegate_id = d.id) AS voted,
       (SELECT a.kind FROM congress_attendance a WHERE a.session_id = s.id AND a.member_id = d.member_id) AS attendance
  FROM congress_agendaitem i
  JOIN congress_session s ON s.id = i.session_id
  JOIN congress_delegate d ON d.term_id = s.term_id
 WHERE i.id = %(agenda_item)s AND d.member_id = %(member)s AND d.active
"""


def ballot_seat(motion, member):
    """``active_delegate`` for the motion's term, with ``voted`` (her receipt for it exists) and ``attendance`` (her
    Attendance.Kind at its session, None unregistered): what a secret ballot checks, in one query. Only the seat's
    id and ``seated_at`` are read."""
    if member is None:
        return None
    params = {"motion": motion.pk, "agenda_item": motion.agenda_item_id, "member": member.pk}
    return next(iter(Delegate.objects.raw(BALLOT_SEAT, params)), None)


def quorum(*, session):
    """(present, delegates, reached): at least 2/3 of the term's seated delegates (应到) present (出席).
    Exactly two thirds is enough (三分之二以上 includes the bound); observers (列席) do not count."""
    delegates = session.term.delegates.filter(active=True)
    total = delegates.count()
    present = Attendance.objects.filter(
        session=session, kind=Attendance.Kind.PRESENT, member__in=delegates.values("member")
    ).count()
    return present, total, total > 0 and 3 * present >= 2 * total


def passes(*, votes_for, delegates):
    """A motion passes with more than half of ALL the term's delegates, not of those present:
    exactly half is not enough."""
    return delegates > 0 and 2 * votes_for > delegates


def motion_result(motion):
    """应到 fixed when the vote opened; before that, the delegates seated now."""
    total = motion.delegates_total
    if total is None:
        total = motion.agenda_item.session.term.delegates.filter(active=True).count()
    return {
        "delegates": total,
        "present": motion.delegates_present,
        "passed": passes(votes_for=motion.votes_for, delegates=total),
    }


KPI_RULES = gettext_lazy(
    "立案率＝（立案＋并案）÷已审查的提案；答复率＝已答复÷立案；反馈率＝提案人已评价÷已答复；"
    "办结率＝办结÷立案；满意率＝（满意＋基本满意）÷已评价；解决率＝已落实÷已登记落实情况的提案。尚未审查的提案不计入立案率。"
)


def session_kpis(session):
    """A session's proposal figures (rates are percentages to one decimal, or None when there is no base):

    立案率 = (立案 + 并案) ÷ 已审查 (proposals still awaiting the committee's decision are not counted);
    答复率 = 已答复 ÷ 立案; 反馈率 = 提案人已评价 ÷ 已答复; 办结率 = 办结 ÷ 立案;
    满意率 = (满意 + 基本满意) ÷ 已评价; 解决率 = 已落实 ÷ 已登记落实情况; ``KPI_RULES`` says the same on the page.
    """
    proposals = list(
        session.proposals.filter(status__in=Proposal.RECEIVED).values_list("status", "rating", "implementation")
    )
    decided = [p for p in proposals if p[0] in Proposal.DECIDED]
    accepted = [p for p in proposals if p[0] in Proposal.ACCEPTED]
    merged = [p for p in proposals if p[0] == S.MERGED]
    answered = [p for p in accepted if p[0] in Proposal.ANSWERED]
    rated = [p for p in accepted if p[1]]
    satisfied = [p for p in rated if p[1] in (Proposal.Rating.SATISFIED, Proposal.Rating.MOSTLY)]
    implemented = {value: [p for p in answered if p[2] == value] for value in Proposal.Implementation.values}

    def rate_of(part, whole):
        return round(100 * len(part) / len(whole), 1) if whole else None

    return {
        "received": len(proposals),
        "decided": len(decided),
        "registered": len(accepted),
        "merged": len(merged),
        "registered_rate": rate_of(accepted + merged, decided),
        "replied_rate": rate_of(answered, accepted),
        "feedback_rate": rate_of(rated, answered),
        "closed_rate": rate_of([p for p in accepted if p[0] == S.CLOSED], accepted),
        "satisfied_rate": rate_of(satisfied, rated),
        "resolved_rate": rate_of(implemented[Proposal.Implementation.DONE], [p for p in answered if p[2]]),
        "implemented": {value: len(rows) for value, rows in implemented.items()},
        "rules": KPI_RULES,
    }


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
