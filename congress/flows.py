"""The proposal's transition table (提案): draft → 附议 → 提交 → 立案/不立案/并案 → 交办 → 答复 → 评价 → 办结;
and the co-signing invitation's (附议邀请): 待附议 → 已附议 or 已谢绝, answered while the proposal collects;
one still unanswered when the proposal is submitted lapses (未回复) and its invitee is told."""

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from unionportal.roles import Role, is_delegate, users_with_role
from unionportal.workflow import Action, Workflow

from .models import InvitationStep, Proposal, ProposalCoSigner, ProposalStep
from .rules import heads_lead_department, is_invitee, is_proposer, registers_proposals, runs_congress

S = Proposal.Status


def _staff(proposal):
    return users_with_role(Role.CHAIR, Role.STAFF)


def _proposers(proposal):
    """The proposer, and the proposers of the proposals merged into this one (并案 co-proposers)."""
    return [proposal.proposer, *(merged.proposer for merged in proposal.merged.select_related("proposer"))]


def _handler(proposal):
    department = proposal.lead_department
    return [department.head] if department and department.head_id else []


def _after_rating(proposal):
    return _handler(proposal) if proposal.status == S.ASSIGNED else _staff(proposal)


def _rated(proposal):
    if proposal.status == S.ASSIGNED:
        return _("提案“%(title)s”的答复被评为不满意，已退回重新办理。") % {"title": proposal.title}
    return _("提案“%(title)s”的答复已评价：%(rating)s。") % {
        "title": proposal.title,
        "rating": proposal.get_rating_display(),
    }


def _assigned(proposal):
    return _("提案“%(title)s”已交办%(dept)s，请于%(deadline)s前答复。") % {
        "title": proposal.title,
        "dept": proposal.lead_department,
        "deadline": date_format(proposal.deadline, "Y年n月j日"),
    }


FLOW = Workflow(
    Proposal,
    steps=ProposalStep,
    noun=_("提案"),
    url_name="congress:proposal_act",
    view_permission="congress.view_proposal",
    final={S.REJECTED, S.MERGED, S.CLOSED},
    step_labels={"draft": _("起草"), "cosign": _("附议"), "decline": _("谢绝附议")},  # invitations' answers
    actions=[
        Action(
            "invite",
            {S.DRAFT, S.COLLECTING},
            S.COLLECTING,
            label=_("邀请附议"),
            allowed=is_delegate & is_proposer,
            form="congress.forms.InviteForm",
            service="congress.proposal_services.invite_cosigners",
            done=_("已发出附议邀请，被邀请的代表会收到通知。"),
        ),
        Action(
            "submit",
            {S.DRAFT, S.COLLECTING},
            S.SUBMITTED,
            label=_("提交提案"),
            allowed=is_delegate & is_proposer,
            service="congress.proposal_services.submit",
            done=_("提案已提交，等待提案工作委员会审查。"),
            notify=_staff,
            notice=_("新提案“{obj.title}”待审查。"),
        ),
        Action(
            "register",
            {S.SUBMITTED},
            S.REGISTERED,
            label=_("立案"),
            allowed=registers_proposals & ~is_proposer,  # no one decides on her own proposal
            confirm=_("立案后提案编号并交办，不能撤回。"),
            form="congress.forms.RegisterForm",
            service="congress.bodies.register_proposal",
            internal=True,
            done=_("已立案，立案号第{obj.number}号。"),
            notify=_proposers,
            notice=_("您的提案“{obj.title}”已立案（第{obj.number}号），将交有关部门办理。"),
        ),
        Action(
            "reject",
            {S.SUBMITTED},
            S.REJECTED,
            label=_("不立案"),
            allowed=registers_proposals & ~is_proposer,  # no one decides on her own proposal
            confirm=_("不立案后提案转为建议，不能恢复为提案。"),
            form="congress.forms.RejectForm",
            service="congress.bodies.reject_proposal",
            done=_("已作不立案处理，转为建议，列入建议清单。"),
            notify=_proposers,
            notice=_("您的提案“{obj.title}”不予立案，已转为建议：{obj.rejection_reason}"),
            style="danger",
        ),
        Action(
            "merge",
            {S.SUBMITTED},
            S.MERGED,
            label=_("并案"),
            allowed=registers_proposals & ~is_proposer,  # no one decides on her own proposal
            confirm=_("并案后本提案不再单独办理，不能撤回。"),
            form="congress.forms.MergeForm",
            service="congress.bodies.merge_proposal",
            done=_("已并入“{obj.merged_into.title}”，提案人作为共同提案人收到答复。"),
            notify=lambda p: [p.proposer],
            notice=_("您的提案“{obj.title}”已并入“{obj.merged_into.title}”办理，您是共同提案人。"),
        ),
        Action(
            "assign",
            {S.REGISTERED},
            S.ASSIGNED,
            label=_("交办"),
            allowed=runs_congress,
            form="congress.forms.AssignForm",
            service="congress.proposal_services.assign",
            done=lambda p: (
                _("已交办%(dept)s，期限%(deadline)s。")
                % {"dept": p.lead_department, "deadline": date_format(p.deadline, "Y年n月j日")}
            ),
            notify=_handler,
            notice=_assigned,
        ),
        Action(
            "reply",
            {S.ASSIGNED},
            S.REPLIED,
            label=_("答复"),
            allowed=heads_lead_department,
            form="congress.forms.ReplyForm",
            service="congress.proposal_services.reply",
            done=_("答复已提交，提案人会收到通知并评价。"),
            notify=_proposers,
            notice=_("您的提案“{obj.title}”已答复，请查看并评价。"),
        ),
        Action(
            "rate",
            {S.REPLIED},
            S.RATED,
            also={S.ASSIGNED},
            label=_("评价"),
            allowed=is_proposer | runs_congress,
            form="congress.forms.RateForm",
            service="congress.proposal_services.rate",
            done=_rated,
            notify=_after_rating,
            notice=_rated,
        ),
        Action(
            "close",
            {S.RATED},
            S.CLOSED,
            label=_("办结"),
            allowed=runs_congress,
            form="congress.forms.CloseForm",
            service="congress.proposal_services.close",
            done=_("提案已办结。"),
            confirm=_("办结后提案不能再办理或评价，确定办结？"),
            notify=_proposers,
            notice=_("您的提案“{obj.title}”已办结。"),
        ),
    ],
)


INV = ProposalCoSigner.Status


def _still_collecting(invitation):
    if invitation.proposal.status != S.COLLECTING:
        return _("提案现在是“%(state)s”，不再征集附议。") % {"state": invitation.proposal.get_status_display()}
    return None


INVITATION_FLOW = Workflow(
    ProposalCoSigner,
    steps=InvitationStep,
    noun=_("附议邀请"),
    arg="invitation",
    url_name="congress:invitation_act",
    view_permission="congress.view_invitation",
    final={INV.SIGNED, INV.DECLINED, INV.LAPSED},
    # the proposal first, as its services lock it (submitting counts the signed invitations)
    lock_first=lambda invitation: FLOW.lock(invitation.proposal),
    actions=[
        Action(
            "cosign",
            {INV.INVITED},
            INV.SIGNED,
            label=_("附议"),
            allowed=is_invitee,
            blocked=_still_collecting,
            service="congress.proposal_services.cosign",
            done=_("您已附议此提案。"),
            notify=lambda invitation: [invitation.proposal.proposer],
            notice=_("您的提案“{obj.proposal.title}”有代表附议了：{obj.member.name}。"),
        ),
        Action(
            "decline",
            {INV.INVITED},
            INV.DECLINED,
            label=_("谢绝附议"),
            allowed=is_invitee,
            blocked=_still_collecting,
            service="congress.proposal_services.decline",
            done=_("您已谢绝附议。"),
            notify=lambda invitation: [invitation.proposal.proposer],
            notice=_("{obj.member.name}谢绝附议您的提案“{obj.proposal.title}”。"),
            style="danger",
        ),
        # moved by submit(), never by a button: the proposer went ahead without this answer
        Action(
            "lapse",
            {INV.INVITED},
            INV.LAPSED,
            label=_("附议截止"),
            notify=lambda invitation: [invitation.member],
            notice=_("提案“{obj.proposal.title}”已提交，征集附议已结束，您的附议邀请无需再回复。"),
        ),
    ],
)
