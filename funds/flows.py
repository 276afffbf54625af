"""The funds transition tables: the expense chain (经办 → 财务审核 → 验收 → 主席审批 → 已支付), the budget
(草案 → 委员会通过 → 上级批复 → 执行中 → 决算) and its adjustments (草案 → 委员会通过 → 上级批复)."""

from django.utils.translation import gettext_lazy as _

from unionportal.roles import Role, is_accountant, is_chair, is_staff, is_welfare_officer, users_with_role
from unionportal.workflow import Action, Workflow

from .models import Adjustment, AdjustmentStep, Budget, BudgetStep, Expense, ExpenseStep
from .rules import is_requester

E = Expense.Status
not_own = ~is_requester  # 不得审批本人经办的支出
IN_REVIEW = {E.SUBMITTED, E.REVIEWED, E.ACCEPTED}


def _accountants(expense):
    return users_with_role(Role.ACCOUNTANT)


def _chair(expense):
    return users_with_role(Role.CHAIR)


def _requester(expense):
    return [expense.requester]


def _after_review(expense):
    return users_with_role(Role.STAFF, Role.WELFARE) if expense.is_goods else _chair(expense)


def _not_goods(expense):
    return None if expense.is_goods else _("这笔支出不是购买物品，无需验收。")


def _no_decision_needed(expense):
    from .services.expenses import needs_decision

    return None if needs_decision(expense) else _("这笔支出未超过集体研究金额，无需登记。")


def _not_ready_to_approve(expense):
    from .services.expenses import needs_decision

    if expense.is_goods and expense.status != E.ACCEPTED:
        return _("购买物品的支出须先验收，才能审批。")
    if needs_decision(expense) and not expense.decision_on:
        return _("金额较大，须先经工会委员会集体研究。")
    return None


EXPENSE_FLOW = Workflow(
    Expense,
    steps=ExpenseStep,
    noun=_("支出申请"),
    url_name="funds:expense_step",
    view_permission="funds.view_expense",
    final={E.PAID, E.WITHDRAWN},
    step_labels={"request": _("提交申请")},
    actions=[
        Action(
            "review",
            {E.SUBMITTED},
            E.REVIEWED,
            label=_("财务审核"),
            allowed=is_accountant & not_own,
            form="funds.forms.NoteForm",
            service="funds.services.expenses.review_expense",
            done=_("财务审核已通过。"),
            notify=_after_review,
            notice=_("支出申请“{obj.purpose}”已通过财务审核，请办理。"),
        ),
        Action(
            "accept",
            {E.REVIEWED},
            E.ACCEPTED,
            label=_("验收"),
            allowed=(is_chair | is_staff | is_welfare_officer) & not_own,
            blocked=_not_goods,
            form="funds.forms.AcceptForm",
            service="funds.services.expenses.accept_expense",
            done=_("已验收。"),
            notify=_chair,
            notice=_("支出申请“{obj.purpose}”已验收，请审批。"),
        ),
        Action(
            "decide",
            IN_REVIEW,
            None,
            label=_("登记集体研究"),
            allowed=is_chair | is_staff,
            blocked=_no_decision_needed,
            form="funds.forms.DecisionForm",
            service="funds.services.expenses.record_decision",
            done=_("已登记委员会集体研究。"),
            style="secondary",
        ),
        Action(
            "approve",
            {E.REVIEWED, E.ACCEPTED},
            E.APPROVED,
            label=_("审批同意"),
            allowed=is_chair & not_own,
            blocked=_not_ready_to_approve,
            form="funds.forms.NoteForm",
            service="funds.services.expenses.approve_expense",
            done=_("已审批同意，等待财务支付。"),
            notify=_accountants,
            notice=_("支出申请“{obj.purpose}”主席已审批，请支付。"),
            style="success",
        ),
        Action(
            "pay",
            {E.APPROVED},
            E.PAID,
            label=_("支付记账"),
            allowed=is_accountant & not_own,
            form="funds.forms.PayForm",
            service="funds.services.expenses.pay_expense",
            done=_("已支付并记账。"),
            notify=_requester,
            notice=_("您经办的支出“{obj.purpose}”已支付。"),
            style="success",
        ),
        Action(
            "return",
            IN_REVIEW,
            E.RETURNED,
            label=_("退回"),
            allowed=(is_accountant | is_chair) & not_own,
            form="funds.forms.ReasonForm",
            service="funds.services.expenses.return_expense",
            done=_("已退回经办人修改。"),
            notify=_requester,
            notice=_("您经办的支出“{obj.purpose}”被退回，请修改后重新提交。"),
            style="warning",
        ),
        Action(
            "refuse",
            {E.REVIEWED, E.ACCEPTED},
            E.REFUSED,
            label=_("不批准"),
            allowed=is_chair & not_own,
            form="funds.forms.ReasonForm",
            service="funds.services.expenses.refuse_expense",
            done=_("已不予批准。"),
            notify=_requester,
            notice=_("您经办的支出“{obj.purpose}”未获批准。"),
            style="danger",
        ),
        Action(
            "resubmit",
            {E.RETURNED, E.REFUSED},
            E.SUBMITTED,
            label=_("修改后重新提交"),
            allowed=is_requester,
            form="funds.forms.ResubmitForm",
            service="funds.services.expenses.resubmit_expense",
            done=_("已重新提交，等待财务审核。"),
            notify=_accountants,
            notice=_("支出申请“{obj.purpose}”已修改后重新提交，请审核。"),
        ),
        Action(
            "withdraw",
            {E.SUBMITTED, E.RETURNED, E.REFUSED},
            E.WITHDRAWN,
            label=_("撤回"),
            allowed=is_requester,
            confirm=_("撤回后这笔申请不再办理。"),
            service="funds.services.expenses.withdraw_expense",
            done=_("已撤回。"),
            style="danger",
        ),
    ],
)

B = Budget.Status
BUDGET_FLOW = Workflow(
    Budget,
    steps=BudgetStep,
    noun=_("年度预算"),
    url_name="funds:budget_step",
    view_permission="funds.view_books",
    final={B.CLOSED},
    step_labels={"create": _("编制草案")},
    actions=[
        Action(
            "adopt",
            {B.DRAFT},
            B.ADOPTED,
            label=_("委员会通过"),
            allowed=is_chair,
            form="funds.forms.AdoptForm",
            service="funds.services.budget.adopt_budget",
            done=_("已登记委员会通过，待报上级批复。"),
        ),
        Action(
            "approve",
            {B.ADOPTED},
            B.APPROVED,
            label=_("上级批复"),
            allowed=is_chair,
            form="funds.forms.ApprovalForm",
            service="funds.services.budget.approve_budget",
            done=_("已登记上级批复。"),
        ),
        Action(
            "execute",
            {B.APPROVED},
            B.EXECUTING,
            label=_("开始执行"),
            allowed=is_chair,
            service="funds.services.budget.execute_budget",
            done=_("预算开始执行。"),
            notify=_accountants,
            notice=_("{obj}已开始执行。"),
        ),
        Action(
            "close",
            {B.EXECUTING},
            B.CLOSED,
            label=_("决算"),
            allowed=is_chair,
            form="funds.forms.CloseForm",
            confirm=_("决算后本年度账目关闭，不能再记账或修改。"),
            service="funds.services.budget.close_budget",
            done=_("已决算，本年度账目关闭。"),
        ),
    ],
)

A = Adjustment.Status
ADJUSTMENT_FLOW = Workflow(
    Adjustment,
    steps=AdjustmentStep,
    noun=_("预算调整"),
    url_name="funds:adjustment_step",
    view_permission="funds.view_books",
    final={A.APPROVED},
    step_labels={"create": _("编制草案")},
    actions=[
        Action(
            "adopt",
            {A.DRAFT},
            A.ADOPTED,
            label=_("委员会通过"),
            allowed=is_chair,
            form="funds.forms.AdoptForm",
            service="funds.services.budget.adopt_adjustment",
            done=_("已登记委员会通过，待报上级批复。"),
        ),
        Action(
            "approve",
            {A.ADOPTED},
            A.APPROVED,
            label=_("上级批复"),
            allowed=is_chair,
            form="funds.forms.ApprovalForm",
            service="funds.services.budget.approve_adjustment",
            done=_("调整已批复生效。"),
            notify=_accountants,
            notice=_("{obj}已批复生效。"),
        ),
    ],
)
