"""The help application's transition table (帮扶申请): submitted → 初审 → the chair's decision → paid,
with 退回 for correction, resubmission and 撤回 by whoever filed it. The approved amount is asked of the
funds chain (申请支付); the application is paid when the accountant pays that expense, not before."""

import rules
from django.utils.translation import gettext_lazy as _

from unionportal.roles import Role, is_chair, is_welfare_officer, users_with_role
from unionportal.workflow import Action, Workflow

from .models import Application, ApplicationStep, Payment
from .rules import is_applicant, runs_welfare

S = Application.Status
not_own = ~is_applicant  # nobody reviews or decides her own application for help


@rules.predicate
def filed_it(user, application):
    """The applicant, or whoever filed it for her (代为申请)."""
    return (
        application is not None
        and user.is_authenticated
        and (is_applicant(user, application) or application.applied_by_id == user.pk)
    )


def _officers(application):
    return users_with_role(Role.WELFARE)


def _chair(application):
    return users_with_role(Role.CHAIR)


def _filers(application):
    return [application.member, application.applied_by]


def _asked_already(application):
    if application.pk and Payment.objects.filter(application=application).exists():
        return _("已提交支出申请，正在财务审核和主席审批中；被退回或未获批准时请在发放台账中处理。")
    return None


FLOW = Workflow(
    Application,
    steps=ApplicationStep,
    noun=_("帮扶申请"),
    url_name="welfare:application_action",
    view_permission="welfare.view_application",
    final={S.REJECTED, S.PAID, S.WITHDRAWN},
    step_labels={"apply": _("提交申请"), "attach": _("添加附件"), "detach": _("删除附件")},
    actions=[
        Action(
            "review",
            {S.SUBMITTED},
            S.REVIEWED,
            label=_("初审通过"),
            allowed=(is_welfare_officer | is_chair) & not_own,
            form="welfare.forms.NoteForm",
            service="welfare.services.review_application",
            done=_("已初审通过，转主席审批。"),
            notify=_chair,
            notice=_("{obj}已初审通过，请您审批。"),
        ),
        Action(
            "return",
            {S.SUBMITTED, S.REVIEWED},
            S.RETURNED,
            label=_("退回补充"),
            allowed=(is_welfare_officer | is_chair) & not_own,
            form="welfare.forms.ReturnForm",
            service="welfare.services.return_application",
            done=_("已退回，申请人补充后可重新提交。"),
            notify=_filers,
            notice=_("您提交的帮扶申请已退回，请按意见补充后重新提交。"),
            style="warning",
        ),
        Action(
            "resubmit",
            {S.RETURNED},
            S.SUBMITTED,
            label=_("修改后重新提交"),
            allowed=filed_it,
            form="welfare.forms.ResubmitForm",
            service="welfare.services.resubmit_application",
            done=_("申请已重新提交，等待帮扶专员初审。"),
            notify=_officers,
            notice=_("{obj}已补充后重新提交，请初审。"),
        ),
        Action(
            "withdraw",
            {S.SUBMITTED, S.RETURNED},
            S.WITHDRAWN,
            label=_("撤回申请"),
            allowed=filed_it,
            service="welfare.services.withdraw_application",
            done=_("申请已撤回。"),
            confirm=_("撤回后这份申请不再办理，如仍需帮扶须重新申请。确定撤回？"),
            notify=_officers,
            notice=_("{obj}已由申请人撤回。"),
            style="secondary",
        ),
        Action(
            "reject",
            {S.SUBMITTED, S.REVIEWED},
            S.REJECTED,
            label=_("不予批准"),
            allowed=(is_welfare_officer | is_chair) & not_own,
            form="welfare.forms.ReturnForm",
            service="welfare.services.reject_application",
            done=_("已作不予批准处理，申请人会收到通知。"),
            confirm=_("不予批准后这份申请即办结，不能再审批。确定？"),
            notify=_filers,
            notice=_("您提交的帮扶申请未获批准，详情请查看申请。"),
            style="danger",
        ),
        Action(
            "approve",
            {S.REVIEWED},
            S.APPROVED,
            label=_("批准"),
            allowed=is_chair & not_own,
            form="welfare.forms.ApproveForm",
            service="welfare.services.approve_application",
            done=_("已批准{obj.amount_approved}元，待帮扶专员发放。"),
            notify=lambda a: [*_officers(a), *_filers(a)],
            notice=_("{obj}已批准，批准金额{obj.amount_approved}元。"),
            style="success",
        ),
        Action(
            "request_payment",
            {S.APPROVED},
            None,
            label=_("申请支付"),
            allowed=runs_welfare,
            blocked=_asked_already,
            form="welfare.forms.PayForm",
            service="welfare.services.pay_application",
            done=_("已向财务提交{obj.amount_approved}元的支出申请，财务审核、主席审批后支付。"),
            style="success",
        ),
        # no button: the accountant's payment of the expense request moves it (welfare.payouts.hand_over_paid)
        Action(
            "pay",
            {S.APPROVED},
            S.PAID,
            label=_("支付"),
            allowed=rules.always_deny,
            done=_("帮扶金{obj.amount_approved}元已支付。"),
            notify=_filers,
            notice=_("您的帮扶金{obj.amount_approved}元已发放。"),
        ),
    ],
)
