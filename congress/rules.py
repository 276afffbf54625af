import rules

from members.models import Committee
from members.rules import follows_seat
from unionportal.roles import is_chair, is_delegate, is_logged_in, is_member, is_staff

runs_congress = is_chair | is_staff


@rules.predicate
def has_member_record(user):
    return user.is_authenticated and hasattr(user, "member")


@rules.predicate
def is_proposer(user, proposal):
    return has_member_record(user) and proposal is not None and proposal.proposer_id == user.member.pk


@rules.predicate
def is_invited_cosigner(user, proposal):
    return has_member_record(user) and proposal is not None and proposal.cosigners.filter(member=user.member).exists()


@rules.predicate
def heads_lead_department(user, proposal):
    """Department.head is the handler who answers for his department."""
    if not has_member_record(user) or proposal is None or proposal.lead_department_id is None:
        return False
    return proposal.lead_department.head_id == user.member.pk


@rules.predicate
def is_public(user, proposal):
    from .models import Proposal

    return proposal is not None and proposal.status not in Proposal.PRIVATE


rules.add_perm("congress.view_index", is_logged_in)
rules.add_perm("congress.view_session", is_logged_in)
rules.add_perm("congress.view_proposals", is_logged_in)
rules.add_perm("congress.view_proposal", is_logged_in & (is_public | is_proposer | is_invited_cosigner | runs_congress))
rules.add_perm("congress.view_review_notes", runs_congress)
rules.add_perm("congress.add_proposal", is_delegate)
rules.add_perm("congress.edit_own_proposal", is_delegate & is_proposer)
rules.add_perm("congress.cosign_proposal", is_invited_cosigner)  # only active delegates are invited
rules.add_perm("congress.rate_proposal", is_proposer)
rules.add_perm("congress.review_proposal", runs_congress)
rules.add_perm("congress.reply_proposal", heads_lead_department)
rules.add_perm("congress.record_implementation", runs_congress | heads_lead_department)
rules.add_perm("congress.manage_session", runs_congress)
rules.add_perm("congress.vote", is_delegate)


@rules.predicate
def wrote_suggestion(user, suggestion):
    return has_member_record(user) and suggestion is not None and suggestion.author_id == user.member.pk


rules.add_perm("congress.view_appraisals", is_logged_in)
rules.add_perm("congress.manage_appraisal", runs_congress)
# A member may be in the electorate (参评人员: all members in service); appraisal_services says who is.
rules.add_perm("congress.vote_appraisal", is_delegate | is_member)
rules.add_perm("congress.view_appraisal_voters", runs_congress)  # who has voted (receipts), to remind the rest
rules.add_perm("congress.view_suggestions", is_logged_in)
rules.add_perm("congress.add_suggestion", has_member_record)


@rules.predicate
def heads_suggestion_handler(user, suggestion):
    """The head of the department a 转为建议 was handed to answers it."""
    return (
        has_member_record(user)
        and suggestion is not None
        and suggestion.handler_id is not None
        and suggestion.handler.head_id == user.member.pk
    )


rules.add_perm("congress.view_suggestion", runs_congress | is_delegate | wrote_suggestion | heads_suggestion_handler)
rules.add_perm("congress.answer_suggestion", runs_congress | heads_suggestion_handler)
rules.add_perm("congress.raise_suggestion", is_delegate)


@rules.predicate
def answers_for(user, proposal):
    """The head of the proposal's lead department; asked without a proposal (the
    document queue's check), any department head."""
    if proposal is not None:
        return heads_lead_department(user, proposal)
    from members.models import Department

    return has_member_record(user) and Department.objects.filter(head=user.member).exists()


rules.add_perm("congress.print_documents", runs_congress)
rules.add_perm("congress.print_reply_letter", runs_congress | answers_for)


# ---- the congress's bodies (主席团, 提案工作委员会 …) and their meetings ---------------------


@rules.predicate
def sits_on_body(user, term_or_meeting):
    """Holds a seat in the body's term (a CommitteeTerm, or a meeting's term)."""
    if not has_member_record(user) or term_or_meeting is None:
        return False
    term = getattr(term_or_meeting, "term", term_or_meeting)
    return term.seats.filter(member=user.member).exists()


rules.add_perm("congress.view_bodies", is_logged_in)
rules.add_perm("congress.hold_meeting", runs_congress | sits_on_body)
rules.add_perm("congress.decide_in_meeting", sits_on_body)
# 立案/不立案/并案 (the proposal table's rows): union staff while the union has no 提案工作委员会; once it has
# one, the members of its term in office, best as decisions of its meetings (bodies.decide_proposal).
registers_proposals = follows_seat(Committee.Kind.PROPOSALS, runs_congress)


# ---- elections ------------------------------------------------------------------------------


@rules.predicate
def leads_electing_group(user, election):
    """The leader (组长) of a union group that elects the election's delegate group nominates its candidates."""
    if not has_member_record(user) or election is None or election.delegate_group_id is None:
        return False
    return election.delegate_group.union_groups.filter(leader=user.member).exists()


@rules.predicate
def is_teller(user, election):
    """A 监票人 or 计票人 of the election enters and confirms its paper count."""
    if not has_member_record(user) or election is None:
        return False
    return election.tellers.filter(member=user.member).exists()


rules.add_perm("congress.view_elections", is_logged_in)
rules.add_perm("congress.count_paper", is_teller)
rules.add_perm("congress.manage_election", runs_congress)
rules.add_perm("congress.nominate_candidate", runs_congress | leads_electing_group)
rules.add_perm("congress.vote_election", is_logged_in)  # elections.cast_ballot says who is in the electorate
