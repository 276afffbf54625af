"""The collective contract's table: 起草 → 协商 → 职代会审议 → 签订 → 报送审查 → 生效 → 到期."""

from django.utils.translation import gettext_lazy as _

from unionportal.roles import Role, users_with_role
from unionportal.workflow import Action, Workflow

from . import services
from .models import CollectiveContract, ContractStep
from .rules import runs_contracts

S = CollectiveContract.Status


def runners(contract):
    """Whom to tell: the chair and staff, who run the contracts and the congress's vote and take the next step
    (表决, 报送审查, 生效 or 退回); the one who acted is left out by the kernel."""
    return users_with_role(Role.CHAIR, Role.STAFF)


FLOW = Workflow(
    CollectiveContract,
    steps=ContractStep,
    noun=_("集体合同"),
    url_name="contracts:act",
    view_permission="contracts.view_contracts",
    arg="contract",
    final={S.EXPIRED},
    step_labels={"draft": _("起草"), "inspect": _("履行检查")},
    actions=[
        Action(
            "negotiate",
            {S.DRAFT},
            S.NEGOTIATING,
            label=_("开始协商"),
            allowed=runs_contracts,
            done=_("已进入集体协商，请登记每轮协商会议。"),
        ),
        Action(
            "submit",
            {S.NEGOTIATING},
            S.REVIEW,
            label=_("提交职代会审议"),
            allowed=runs_contracts,
            blocked=services.not_ready_for_review,
            form="contracts.forms.ReviewForm",
            service="contracts.services.submit_for_review",
            done=_("草案已提交职代会审议，请在会议表决事项中表决。"),
            notify=runners,
            notice=lambda c: _("集体合同草案“%(title)s”已提交职代会审议，请安排表决。") % {"title": c.title},
        ),
        Action(
            "renegotiate",
            {S.REVIEW, S.FILED},
            S.NEGOTIATING,
            label=_("退回重新协商"),
            allowed=runs_contracts,
            form="contracts.forms.ReasonForm",
            service="contracts.services.renegotiate",
            confirm=services.renegotiate_confirm,
            done=_("已退回重新协商。"),
            style="danger",
        ),
        Action(
            "sign",
            {S.REVIEW},
            S.SIGNED,
            label=_("签订"),
            allowed=runs_contracts,
            form="contracts.forms.SignForm",
            service="contracts.services.sign",
            blocked=services.unsigned_until_passed,
            confirm=_("签订后合同须在10日内报送劳动保障行政部门审查，签订日期、签字人和期限不能再改。确定签订？"),
            done=_("合同已签订，请在10日内报送劳动保障行政部门审查。"),
            notify=runners,
            notice=lambda c: (
                _("集体合同“%(title)s”已于%(date)s签订，请在%(due)s前报送劳动保障行政部门审查。")
                % {"title": c.title, "date": c.signed_on, "due": services.filing_due_on(c)}
            ),
        ),
        Action(
            "file",
            {S.SIGNED},
            S.FILED,
            label=_("报送审查"),
            allowed=runs_contracts,
            form="contracts.forms.FileForm",
            service="contracts.services.file_for_review",
            confirm=_("报送后劳动保障行政部门15日内无异议即生效，报送日期不能再改。确定报送？"),
            notify=runners,
            notice=lambda c: (
                _("集体合同“%(title)s”已报送审查，%(date)s起无异议即生效；如收到审查意见书提出异议，请退回重新协商。")
                % {"title": c.title, "date": services.in_force_on(c)}
            ),
            done=lambda c: _("已报送审查，%(date)s起无异议即生效。") % {"date": services.in_force_on(c)},
        ),
        Action(
            "take_effect",
            {S.FILED},
            S.EFFECTIVE,
            label=_("生效"),
            allowed=runs_contracts,
            blocked=services.review_pending,
            service="contracts.services.take_effect",
            done=_("合同已生效，请在10日内向全体职工公布。"),
        ),
        Action(
            "expire",
            {S.EFFECTIVE},
            S.EXPIRED,
            label=_("期满终止"),
            allowed=runs_contracts,
            blocked=services.not_expired,
            confirm=_("合同期满终止后不能恢复，可另行续签。确定？"),
            done=_("合同已期满终止。"),
        ),
    ],
)
