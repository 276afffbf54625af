import rules

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
rules.add_perm("congress.manage_session", runs_congress)
rules.add_perm("congress.vote", is_delegate)


@rules.predicate
def wrote_suggestion(user, suggestion):
    return has_member_record(user) and suggestion is not None and suggestion.author_id == user.member.pk


rules.add_perm("congress.view_appraisals", is_logged_in)
rules.add_perm("congress.manage_appraisal", runs_congress)
# A member may be in the electorate (参评人员: all members in service); services.cast_appraisal_ballot says who is.
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
