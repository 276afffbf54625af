from django.db.models import Q
from django.utils import timezone

from members.models import Member
from unionportal.human_order import numbered_key

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
