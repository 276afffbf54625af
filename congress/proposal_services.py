"""The proposal's verbs, one function per transition: each keeps its domain checks here and moves through
the table in ``flows.py`` (``unionportal.workflow``), which refuses illegal moves in Chinese and writes a
dated ``ProposalStep``.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from unionportal.notices import notify
from unionportal.workflow import move, record

from .flows import FLOW, INVITATION_FLOW
from .models import Proposal, ProposalCoSigner, Suggestion
from .selectors import active_delegate

S = Proposal.Status


def _lock(proposal):
    return FLOW.lock(proposal)


def _move(proposal, action, *, actor, note="", **fields):
    return FLOW.move(proposal, action, actor=actor, note=note, **fields)


def _window_refusal(session, now):
    if session.has_met(timezone.localtime(now).date()):
        return _("%(session)s已于%(day)s闭幕，不能再向它提交提案。") % {"session": session, "day": session.ends_on}
    if session.proposals_open_at and now < session.proposals_open_at:
        return _("提案征集尚未开始。")
    if session.proposals_close_at and now > session.proposals_close_at:
        return _("提案征集已截止。")
    return None


def draft_proposal(*, session, proposer, title, content, actor=None):
    """A delegate of the session's term drafts a proposal (起草提案)."""
    if active_delegate(proposer, session.term_id) is None:
        raise ValidationError(_("只有本届在任代表可以提出提案。"))
    reason = _window_refusal(session, timezone.now())
    if reason:
        raise ValidationError(reason)
    with transaction.atomic():
        proposal = Proposal(session=session, proposer=proposer, title=title, content=content)
        proposal.full_clean()
        proposal.save()
        FLOW.record(proposal, "draft", actor=actor, from_status="")
    return proposal


def invite_cosigners(*, proposal, cosigners, actor):
    """The proposer invites delegates to co-sign (邀请附议); each invited delegate is told."""
    with transaction.atomic():
        proposal = _lock(proposal)
        members = list(cosigners)
        if not members:
            raise ValidationError(_("请选择至少一位附议代表。"))
        for member in members:
            if member.pk == proposal.proposer_id:
                raise ValidationError(_("提案人不能附议自己的提案。"))
            if active_delegate(member, proposal.session.term_id) is None:
                raise ValidationError(_("%(name)s不是本届在任代表，不能附议。") % {"name": member.name})
            ProposalCoSigner.objects.get_or_create(proposal=proposal, member=member)
        names = "、".join(m.name for m in members)
        proposal = _move(proposal, "invite", actor=actor, note=_("邀请附议：%(names)s") % {"names": names})
        notify(
            members,
            text=_("%(name)s邀请您附议提案“%(title)s”。") % {"name": proposal.proposer.name, "title": proposal.title},
            url=proposal.get_absolute_url(),
            kind="congress.proposal.invited",
            permission="congress.view_proposal",
            obj=proposal,
        )
        return proposal


def _respond(action, note, *, actor, invitation=None, proposal=None, member=None):
    """An invited delegate answers her invitation (附议 or 谢绝): a move of the invitation's table, and a step
    on the proposal's timeline that leaves its state. The invitation is given (her button), or found by
    the proposal and the member (the actor's own record unless a paper answer is entered for her)."""
    member = member or getattr(actor, "member", None)
    with transaction.atomic():
        if invitation is None:
            invitation = proposal.cosigners.filter(member=member).first() if member else None
            if invitation is None:
                raise ValidationError(_("您未被邀请附议此提案。"))
        invitation = move(invitation, action, actor=actor, responded_at=timezone.now())
        record(invitation.proposal, action, actor=actor, note=note % {"name": invitation.member.name})
        return invitation


def cosign(*, actor, invitation=None, proposal=None, member=None):
    """An invited delegate co-signs (附议)."""
    return _respond("cosign", _("%(name)s附议"), actor=actor, invitation=invitation, proposal=proposal, member=member)


def decline(*, actor, invitation=None, proposal=None, member=None):
    """An invited delegate declines (谢绝附议)."""
    return _respond(
        "decline", _("%(name)s谢绝附议"), actor=actor, invitation=invitation, proposal=proposal, member=member
    )


def submit(*, proposal, actor):
    """The proposer submits once enough delegates have co-signed (提交)."""
    with transaction.atomic():
        proposal = _lock(proposal)
        FLOW.require(proposal, "submit", actor)
        reason = _window_refusal(proposal.session, timezone.now())
        if reason:
            raise ValidationError(reason)
        needed = proposal.session.term.min_cosigners
        signed = proposal.cosigners.filter(status=ProposalCoSigner.Status.SIGNED).count()
        if signed < needed:
            raise ValidationError(
                _("提案需要至少%(needed)s位代表附议，目前只有%(signed)s位。") % {"needed": needed, "signed": signed}
            )
        proposal = _move(proposal, "submit", actor=actor, submitted_at=timezone.now())
        for invitation in proposal.cosigners.filter(status=ProposalCoSigner.Status.INVITED):
            INVITATION_FLOW.move(invitation, "lapse", actor=actor, checked=False)
        return proposal


def register(*, proposal, actor, note=""):
    """The proposal committee accepts it (立案) and gives it a number."""
    with transaction.atomic():
        proposal = _lock(proposal)
        last = Proposal.objects.filter(session=proposal.session).aggregate(last=Max("number"))["last"] or 0
        return _move(proposal, "register", actor=actor, note=note, number=last + 1, review_note=note)


def reject(*, proposal, actor, reason, handler=None):
    """Not accepted (不立案): converted to a suggestion (转为建议) that lands in the suggestion list,
    with the department that answers it (承办部门), told when it has a head; the reason is given."""
    if not reason.strip():
        raise ValidationError(_("不立案必须说明理由。"))
    with transaction.atomic():
        proposal = _move(
            proposal,
            "reject",
            actor=actor,
            note=_("转为建议：%(reason)s") % {"reason": reason},
            rejection_reason=reason,
            is_suggestion=True,
        )
        suggestion = Suggestion.objects.create(
            author=proposal.proposer,
            title=proposal.title,
            content=proposal.content + "\n\n" + _("（由不立案提案转为建议：%(reason)s）") % {"reason": reason},
            submitted_on=timezone.localdate(),
            handler=handler,
        )
        if handler is not None and handler.head_id:
            notify(
                handler.head,
                text=_("建议“%(title)s”请贵部门答复。") % {"title": suggestion.title},
                url=suggestion.get_absolute_url(),
                kind="congress.suggestion.assigned",
                permission="congress.view_suggestion",
                obj=suggestion,
            )
        return proposal


def merge(*, proposal, into, actor, note=""):
    """Merged into another proposal of the same session (并案)."""
    if into is None:
        raise ValidationError(_("请选择并入的提案。"))
    with transaction.atomic():
        proposal = _lock(proposal)
        if into.pk == proposal.pk:
            raise ValidationError(_("提案不能并入自身。"))
        if into.session_id != proposal.session_id:
            raise ValidationError(_("只能并入同一次会议的提案。"))
        if into.status not in Proposal.ACCEPTED | {S.SUBMITTED}:
            raise ValidationError(_("只能并入已提交或已立案的提案。"))
        return _move(
            proposal, "merge", actor=actor, note=_("并入：%(title)s") % {"title": into.title}, merged_into=into
        )


def assign(*, proposal, actor, lead_department, deadline, helping_departments=()):
    """Handed to a lead department (主办) with helpers (协办) and a deadline (交办)."""
    if lead_department is None:
        raise ValidationError(_("请指定主办部门。"))
    if deadline is None:
        raise ValidationError(_("请指定办理期限。"))
    if deadline < timezone.localdate():
        raise ValidationError(_("办理期限不能早于今天。"))
    with transaction.atomic():
        proposal = _move(
            proposal,
            "assign",
            actor=actor,
            note=_("主办：%(dept)s，期限：%(deadline)s") % {"dept": lead_department, "deadline": deadline},
            lead_department=lead_department,
            deadline=deadline,
        )
        proposal.helping_departments.set([d for d in helping_departments if d.pk != lead_department.pk])
        return proposal


def reply(*, proposal, actor, text):
    """The lead department's head answers (答复)."""
    if not text.strip():
        raise ValidationError(_("答复内容不能为空。"))
    with transaction.atomic():
        return _move(proposal, "reply", actor=actor, note=text, reply=text, replied_at=timezone.now())


def rate(*, proposal, actor, rating, note="", on_behalf=False):
    """The proposer rates the reply; 不满意 sends it back for one more handling.
    Staff may enter a rating from a paper form on the proposer's behalf (on_behalf)."""
    if rating not in Proposal.Rating.values:
        raise ValidationError(_("请选择满意度。"))
    with transaction.atomic():
        proposal = _lock(proposal)
        proposer_rates = getattr(actor, "member", None) is not None and actor.member.pk == proposal.proposer_id
        if on_behalf:
            note = _("代录纸质评价表") + (f"：{note}" if note else "")
        elif not proposer_rates:
            raise ValidationError(_("只有提案人可以评价答复。"))
        label = Proposal.Rating(rating).label
        if rating == Proposal.Rating.UNSATISFIED and not proposal.returned:
            text = _("不满意，退回重新办理") + (f"：{note}" if note else "")
            return _move(proposal, "rate", actor=actor, note=text, to=S.ASSIGNED, rating=rating, returned=True)
        return _move(proposal, "rate", actor=actor, note=f"{label}{'：' + note if note else ''}", rating=rating)


def close(*, proposal, actor, note=""):
    """Staff close a rated proposal (办结)."""
    with transaction.atomic():
        return _move(proposal, "close", actor=actor, note=note)


@transaction.atomic
def record_implementation(*, proposal, actor, implementation, note=""):
    """落实情况: after the reply, the union or the lead department records whether what was promised was done
    (已落实 / 部分落实 / 未落实). It feeds the 解决率 and the 落实情况 report to the next session; it can be
    corrected later, each change kept in the proposal's history."""
    proposal = _lock(proposal)
    if proposal.status not in Proposal.ANSWERED:
        raise ValidationError(
            _("提案答复后才能登记落实情况（现在：%(status)s）。") % {"status": proposal.get_status_display()}
        )
    if implementation not in Proposal.Implementation.values:
        raise ValidationError(_("请选择落实情况：已落实、部分落实或未落实。"))
    if implementation != Proposal.Implementation.DONE and not note.strip():
        raise ValidationError(_("部分落实或未落实时，请在“落实情况说明”中写明原因和后续安排。"))
    proposal.implementation = implementation
    proposal.implementation_note = note.strip()
    proposal.save(update_fields=["implementation", "implementation_note"])
    return proposal
