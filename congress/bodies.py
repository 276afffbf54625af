"""The congress's bodies at work: their meetings, attendance against quorum, numbered decisions, and the
proposal committee's 立案/不立案/并案 taken as decisions of its meetings.

A body is a ``members.Committee`` whose kind names its duty. Duties follow the seats of the body's
current term once the union has set one up; without one, today's roles keep them (union staff register
proposals), so a union that has no 提案工作委员会 loses nothing.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Committee, CommitteeSeat, CommitteeTerm, Member

from . import proposal_services
from .models import BodyMeeting, DelegateGroup, MeetingDecision, Proposal

CONGRESS_BODIES = (
    Committee.Kind.PRESIDIUM,
    Committee.Kind.PROPOSALS,
    Committee.Kind.SPECIAL,
    Committee.Kind.JOINT,
    Committee.Kind.DISCLOSURE,
    Committee.Kind.AUDIT,
)
PROPOSAL_ACTIONS = {
    "register": MeetingDecision.Subject.REGISTER,
    "reject": MeetingDecision.Subject.REJECT,
    "merge": MeetingDecision.Subject.MERGE,
}


# ---- reads ------------------------------------------------------------------


def holds_seat(member: Member | None, term: CommitteeTerm | None) -> bool:
    return member is not None and term is not None and term.seats.filter(member=member).exists()


def bodies(today: datetime.date | None = None) -> list[CommitteeTerm]:
    """The congress bodies' terms in office, each with its seats and its meetings (three queries)."""
    today = today or timezone.localdate()
    seats = CommitteeSeat.objects.select_related("member").order_by("sort_order", "pk")
    return list(
        CommitteeTerm.objects.filter(committee__kind__in=CONGRESS_BODIES, starts_on__lte=today)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .select_related("committee")
        .prefetch_related(Prefetch("seats", queryset=seats), "meetings")
        .order_by("committee__sort_order", "committee__name")
    )


def meeting_detail(pk: int) -> BodyMeeting:
    return (
        BodyMeeting.objects.select_related("term__committee")
        .prefetch_related(
            "attendees",
            Prefetch("decisions", queryset=MeetingDecision.objects.select_related("proposal")),
            Prefetch("term__seats", queryset=CommitteeSeat.objects.select_related("member")),
        )
        .get(pk=pk)
    )


def attendance(meeting: BodyMeeting) -> dict:
    """Seat holders present against the term's seats, and whether the body's quorum is reached.
    Others who came (列席) are listed but do not count."""
    seated = {seat.member_id for seat in meeting.term.seats.all()}
    present = sum(1 for member in meeting.attendees.all() if member.pk in seated)
    committee = meeting.term.committee
    return {
        "present": present,
        "seats": len(seated),
        "reached": committee.quorum_reached(present, len(seated)),
        "rule": committee.get_quorum_display() if committee.quorum else "",
    }


def proposals_awaiting_decision(meeting: BodyMeeting):
    """Submitted proposals a proposal committee's meeting may decide on."""
    if meeting.term.committee.kind != Committee.Kind.PROPOSALS:
        return Proposal.objects.none()
    return Proposal.objects.filter(status=Proposal.Status.SUBMITTED).select_related("proposer", "session")


# ---- changes ----------------------------------------------------------------


@transaction.atomic
def hold_meeting(
    *,
    term: CommitteeTerm,
    held_on: datetime.date,
    kind: str = BodyMeeting.Kind.PLENARY,
    place: str = "",
    agenda: str = "",
    attendees=(),
    actor=None,
) -> BodyMeeting:
    """A meeting of a body's term, numbered in the term (第N次会议); its date falls within the term."""
    CommitteeTerm.objects.select_for_update().get(pk=term.pk)  # numbers stay unique under two clerks
    if held_on is None:
        raise ValidationError({"held_on": _("会议日期：请填写。")})
    if held_on < term.starts_on or (term.ends_on and held_on > term.ends_on):
        raise ValidationError({"held_on": _("会议日期：须在%(term)s任期之内。") % {"term": term}})
    last = term.meetings.aggregate(last=Max("number"))["last"] or 0
    meeting = BodyMeeting(term=term, number=last + 1, kind=kind, held_on=held_on, place=place, agenda=agenda)
    meeting.full_clean()
    meeting.save()
    meeting.attendees.set(attendees)
    return meeting


@transaction.atomic
def record_minutes(*, meeting: BodyMeeting, minutes: str, attendees=None, actor=None) -> BodyMeeting:
    """The meeting's 纪要 and, when given, who came."""
    meeting = BodyMeeting.objects.select_for_update().get(pk=meeting.pk)
    meeting.minutes = minutes
    meeting.full_clean()
    meeting.save()
    if attendees is not None:
        meeting.attendees.set(attendees)
    return meeting


def _require_quorum(meeting: BodyMeeting) -> None:
    """A decision is the meeting's once it has met (not on a day still to come) with its quorum."""
    if meeting.held_on > timezone.localdate():
        raise ValidationError(
            _("会议定于%(date)s召开，尚未举行，不能作出决定。") % {"date": meeting.held_on.isoformat()}
        )
    roll = attendance(meeting_detail(meeting.pk))
    if not roll["reached"]:
        raise ValidationError(
            _("%(body)s到会成员%(present)s人（共%(seats)s人），未达到法定人数（%(rule)s），不能作出决定。")
            % {
                "body": meeting.term.committee,
                "present": roll["present"],
                "seats": roll["seats"],
                "rule": roll["rule"] or _("至少一人"),
            }
        )


def _require_seat(meeting: BodyMeeting, actor) -> None:
    member = getattr(actor, "member", None)
    if not holds_seat(member, meeting.term):
        raise ValidationError(_("只有%(body)s的成员可以记录其会议决定。") % {"body": meeting.term.committee})


def _next_number(meeting: BodyMeeting) -> int:
    """The number the meeting's next decision takes (the meeting row is locked, so it stays free)."""
    return (meeting.decisions.aggregate(last=Max("number"))["last"] or 0) + 1


def _decide(meeting: BodyMeeting, *, text: str, actor, subject=MeetingDecision.Subject.GENERAL, proposal=None):
    decision = MeetingDecision(
        meeting=meeting, number=_next_number(meeting), subject=subject, text=text, proposal=proposal, recorded_by=actor
    )
    decision.full_clean()
    decision.save()
    return decision


def _deciding(meeting: BodyMeeting, kind: str, actor, refusal: str) -> BodyMeeting:
    """The meeting, locked, once it is one of a body of ``kind``, the actor holds a seat and it has its quorum."""
    meeting = BodyMeeting.objects.select_for_update().select_related("term__committee").get(pk=meeting.pk)
    if meeting.term.committee.kind != kind:
        raise ValidationError(refusal)
    _require_seat(meeting, actor)
    _require_quorum(meeting)
    return meeting


@transaction.atomic
def add_decision(*, meeting: BodyMeeting, text: str, actor) -> MeetingDecision:
    """A numbered decision (决定) of the meeting, recorded by a member of the body, only when the
    meeting has its quorum."""
    meeting = BodyMeeting.objects.select_for_update().select_related("term__committee").get(pk=meeting.pk)
    if not text.strip():
        raise ValidationError({"text": _("决定内容：请填写。")})
    _require_seat(meeting, actor)
    _require_quorum(meeting)
    return _decide(meeting, text=text, actor=actor)


@transaction.atomic
def decide_proposal(
    *,
    meeting: BodyMeeting,
    proposal: Proposal,
    action: str,
    actor,
    note: str = "",
    into: Proposal | None = None,
    handler=None,
) -> MeetingDecision:
    """立案/不立案/并案 as a decision of a 提案工作委员会 meeting: the meeting must have its quorum and the
    one who records it must hold a seat in the committee. The proposal moves through the congress's own
    transition (``proposal_services.register`` …), so its number and timeline are the same as before."""
    if action not in PROPOSAL_ACTIONS:
        raise ValidationError(_("请选择立案、不立案或并案。"))
    if actor is not None and proposal.proposer.user_id == actor.pk:
        raise ValidationError(
            _("您是《%(title)s》的提案人，不能决定立案与否，请由委员会其他成员登记。") % {"title": proposal.title}
        )
    meeting = _deciding(meeting, Committee.Kind.PROPOSALS, actor, _("只有提案工作委员会的会议可以决定立案。"))
    where = _decided_note(meeting, _next_number(meeting))
    if action == "register":
        proposal = proposal_services.register(proposal=proposal, actor=actor, note=(note + where).strip())
        text = _("%(title)s：立案，立案号%(number)s。") % {"title": proposal.title, "number": proposal.number}
    elif action == "reject":
        proposal = proposal_services.reject(proposal=proposal, actor=actor, reason=note, handler=handler)
        text = _("%(title)s：不立案，转为建议。理由：%(reason)s") % {"title": proposal.title, "reason": note}
    else:
        proposal = proposal_services.merge(proposal=proposal, into=into, actor=actor, note=where)
        text = _("%(title)s：并入《%(into)s》。") % {"title": proposal.title, "into": into.title}
    return _decide(meeting, text=text, actor=actor, subject=PROPOSAL_ACTIONS[action], proposal=proposal)


# The proposal page's 立案/不立案/并案 buttons (congress/flows.py): with a meeting named (a 提案工作委员会 is set
# up, forms.DecidedAtMeeting) the decision is the meeting's; without one, the congress's own service.


def register_proposal(*, proposal: Proposal, actor, note: str = "", meeting: BodyMeeting | None = None) -> Proposal:
    if meeting is None:
        return proposal_services.register(proposal=proposal, actor=actor, note=note)
    return decide_proposal(meeting=meeting, proposal=proposal, action="register", actor=actor, note=note).proposal


def reject_proposal(*, proposal: Proposal, actor, reason: str, handler=None, meeting=None) -> Proposal:
    if meeting is None:
        return proposal_services.reject(proposal=proposal, actor=actor, reason=reason, handler=handler)
    decision = decide_proposal(
        meeting=meeting, proposal=proposal, action="reject", actor=actor, note=reason, handler=handler
    )
    return decision.proposal


def merge_proposal(*, proposal: Proposal, into: Proposal, actor, meeting: BodyMeeting | None = None) -> Proposal:
    if meeting is None:
        return proposal_services.merge(proposal=proposal, into=into, actor=actor)
    return decide_proposal(meeting=meeting, proposal=proposal, action="merge", actor=actor, into=into).proposal


@transaction.atomic
def decide_review(*, meeting: BodyMeeting, approved: bool, text: str, actor) -> MeetingDecision:
    """预审通过/退回 of a disclosure item as a decision of a 公开领导小组 meeting (disclosure.services calls it
    when the union has set the group up): quorum and seat as for any decision."""
    meeting = _deciding(meeting, Committee.Kind.DISCLOSURE, actor, _("只有公开领导小组的会议可以作出预审决定。"))
    subject = MeetingDecision.Subject.APPROVE if approved else MeetingDecision.Subject.RETURN
    return _decide(meeting, text=text, actor=actor, subject=subject)


def _decided_note(meeting: BodyMeeting, number: int) -> str:
    return _("（%(meeting)s决定第%(number)s号）") % {"meeting": meeting, "number": number}


def decided_at(decision: MeetingDecision) -> str:
    """The note a decided step carries: （第1届校务公开领导小组第2次全体会议决定第3号）."""
    return _decided_note(decision.meeting, decision.number)


# ---- delegate groups (代表组) ------------------------------------------------------


@transaction.atomic
def save_delegate_group(*, group: DelegateGroup, union_groups=None, actor=None) -> DelegateGroup:
    """A delegate group of a term; its leader (组长) is one of the term's delegates in the group."""
    if not (group.name or "").strip():
        raise ValidationError({"name": _("代表组名称：请填写。")})
    clash = DelegateGroup.objects.filter(term_id=group.term_id, name=group.name.strip()).exclude(pk=group.pk)
    if clash.exists():
        raise ValidationError({"name": _("代表组名称：本届已有“%(name)s”。") % {"name": group.name}})
    if group.leader_id and group.pk:
        if not group.delegates.filter(member_id=group.leader_id, active=True).exists():
            raise ValidationError({"leader": _("组长：须是本组的在任代表。")})
    group.full_clean(validate_constraints=False)
    group.save()
    if union_groups is not None:
        group.union_groups.set(union_groups)
    return group
