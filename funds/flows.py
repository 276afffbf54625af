"""The funds transition tables: the expense chain (经办 → 财务审核 → 验收 → 主席审批 → 已支付), the budget
(草案 → 委员会通过 → 上级批复 → 执行中 → 决算) and its adjustments (草案 → 委员会通过 → 上级批复, or 撤回 by
its author while a draft)."""

from django.utils.translation import gettext_lazy as _

from unionportal.roles import Role, is_accountant, is_chair, is_staff, is_welfare_officer, users_with_role
from unionportal.workflow import Action, Workflow

from .models import Adjustment, AdjustmentStep, Budget, BudgetStep, Expense, ExpenseStep
from .rules import (
    approved_it,
    asked_by_chair,
    drafted_adjustment,
    is_requester,
    signs_for_chair,
    stands_in_for_accountant,
)

E = Expense.Status
not_own = ~is_requester  # 不得审批本人经办的支出
IN_REVIEW = {E.SUBMITTED, E.REVIEWED, E.ACCEPTED}


def _role(role):
    """Whom to tell: everyone holding ``role``."""
    return lambda obj: users_with_role(role)


def _requester(expense):
    return [expense.requester]


_accountants, _chair = _role(Role.ACCOUNTANT), _role(Role.CHAIR)
# 财务 and 审批 seats, with those who sit in them when the one asking holds the seat herself (rules.py)
books = is_accountant | stands_in_for_accountant
signs = is_chair | signs_for_chair


def _checkers(expense):
    """Whom a request waits for at the 财务审核 and the payment (``services.expenses.first_checkers``)."""
    from .services.expenses import first_checkers

    return first_checkers(expense)


def _signers(expense):
    """Who signs the request: the chair, or for her own request the committee that decides it (the other chairs
    and the 委员)."""
    if asked_by_chair(None, expense):
        return users_with_role(Role.CHAIR, Role.STAFF).exclude(pk=expense.requester_id)
    return _chair(expense)


def _after_review(expense):
    """Goods go to whoever may receive them, but the one who asked for them; the rest to those who sign."""
    if expense.is_goods:
        return users_with_role(Role.STAFF, Role.WELFARE).exclude(pk=expense.requester_id)
    return _signers(expense)


def _notice(usual, chairs_own, *, goods_usual=False):
    """The notice of a step, worded for the committee when the request is the chair's own (and, with
    ``goods_usual``, is not goods, which go to whoever receives them first)."""

    def text(expense):
        own = asked_by_chair(None, expense) and not (goods_usual and expense.is_goods)
        return str(chairs_own if own else usual).format(obj=expense)

    return text


def _step(name, sources, target, label, allowed, *, form=None, service=None, **more):
    """A row of the expense chain: its service is ``services.expenses.<name>_expense``, its form one of ``forms``."""
    return Action(
        name,
        sources,
        target,
        label=label,
        allowed=allowed,
        form=form and f"funds.forms.{form}",
        service=f"funds.services.expenses.{service or name + '_expense'}",
        **more,
    )


def _committee_then_upper(kind, states, *, approved_done, **approved_more):
    """A budget's or an adjustment's 委员会通过 and 上级批复 rows (``services.budget.adopt_<kind>`` …)."""
    return [
        Action(
            "adopt",
            {states.DRAFT},
            states.ADOPTED,
            label=_("委员会通过"),
            allowed=is_chair,
            form="funds.forms.AdoptForm",
            service=f"funds.services.budget.adopt_{kind}",
            done=_("已登记委员会通过，待报上级批复。"),
        ),
        Action(
            "approve",
            {states.ADOPTED},
            states.APPROVED,
            label=_("上级批复"),
            allowed=is_chair,
            form="funds.forms.ApprovalForm",
            service=f"funds.services.budget.approve_{kind}",
            done=approved_done,
            **approved_more,
        ),
    ]


def _not_goods(expense):
    return None if expense.is_goods else _("这笔支出不是购买物品，无需验收。")


def _no_decision_needed(expense):
    from .services.expenses import needs_decision

    return None if needs_decision(expense) else _("这笔支出未超过集体研究金额，无需登记。")


def _not_ready_to_approve(expense):
    from .services.expenses import decision_reason

    if expense.is_goods and expense.status != E.ACCEPTED:
        return _("购买物品的支出须先验收，才能审批。")
    reason = decision_reason(expense)
    if reason and not expense.decision_on:
        return reason
    return None


def _committee_first(expense):
    """A 委员 answers the chair's own request only for the committee, so only once it has decided."""
    if asked_by_chair(None, expense) and not expense.decision_on:
        return _("主席本人经办的支出须先经工会委员会集体研究，再决定是否批准。")
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
        _step(
            "review",
            {E.SUBMITTED},
            E.REVIEWED,
            _("财务审核"),
            books & not_own,
            form="NoteForm",
            done=_("财务审核已通过。"),
            notify=_after_review,
            notice=_notice(
                _("支出申请“{obj.purpose}”已通过财务审核，请办理。"),
                _("主席本人经办的支出“{obj.purpose}”已通过财务审核，请提交工会委员会集体研究。"),
                goods_usual=True,
            ),
        ),
        _step(
            "accept",
            {E.REVIEWED},
            E.ACCEPTED,
            _("验收"),
            (is_chair | is_staff | is_welfare_officer) & not_own,
            blocked=_not_goods,
            form="AcceptForm",
            done=_("已验收。"),
            notify=_signers,
            notice=_notice(
                _("支出申请“{obj.purpose}”已验收，请审批。"),
                _("主席本人经办的支出“{obj.purpose}”已验收，请提交工会委员会集体研究。"),
            ),
        ),
        _step(
            "decide",
            IN_REVIEW,
            None,
            _("登记集体研究"),
            (is_chair | is_staff) & not_own,
            blocked=_no_decision_needed,
            form="DecisionForm",
            service="record_decision",
            done=_("已登记委员会集体研究。"),
            style="secondary",
        ),
        _step(
            "approve",
            {E.REVIEWED, E.ACCEPTED},
            E.APPROVED,
            _("审批同意"),
            signs & not_own,
            blocked=_not_ready_to_approve,
            form="NoteForm",
            done=_("已审批同意，等待财务支付。"),
            notify=_checkers,  # the payment is booked at the 财务审核's seat
            notice=_notice(
                _("支出申请“{obj.purpose}”主席已审批，请支付。"),
                _("主席本人经办的支出“{obj.purpose}”已经工会委员会集体研究审批，请支付。"),
            ),
            style="success",
        ),
        _step(
            "pay",
            {E.APPROVED},
            E.PAID,
            _("支付记账"),
            books & not_own & ~approved_it,
            form="PayForm",
            confirm=_("支付记账后，这笔支出记入收支明细账，不能撤回；请核对支付日期、方式和凭证号。确定支付记账？"),
            done=_("已支付并记账。"),
            notify=_requester,
            notice=_("您经办的支出“{obj.purpose}”已支付。"),
            style="success",
        ),
        _step(
            "return",
            IN_REVIEW,
            E.RETURNED,
            _("退回"),
            (books | is_chair) & not_own,
            form="ReasonForm",
            done=_("已退回经办人修改。"),
            notify=_requester,
            notice=_("您经办的支出“{obj.purpose}”被退回，请修改后重新提交。"),
            style="warning",
        ),
        _step(
            "refuse",
            {E.REVIEWED, E.ACCEPTED},
            E.REFUSED,
            _("不批准"),
            signs & not_own,
            blocked=_committee_first,
            form="ReasonForm",
            done=_("已不予批准。"),
            notify=_requester,
            notice=_("您经办的支出“{obj.purpose}”未获批准。"),
            style="danger",
        ),
        _step(
            "resubmit",
            {E.RETURNED, E.REFUSED},
            E.SUBMITTED,
            _("修改后重新提交"),
            is_requester,
            form="ResubmitForm",
            done=_("已重新提交，等待财务审核。"),
            notify=_checkers,
            notice=_("支出申请“{obj.purpose}”已修改后重新提交，请审核。"),
        ),
        _step(
            "withdraw",
            {E.SUBMITTED, E.RETURNED, E.REFUSED},
            E.WITHDRAWN,
            _("撤回"),
            is_requester,
            confirm=_("撤回后这笔申请不再办理。"),
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
        *_committee_then_upper("budget", B, approved_done=_("已登记上级批复。")),
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

ADJUSTMENT_FLOW = Workflow(
    Adjustment,
    steps=AdjustmentStep,
    noun=_("预算调整"),
    url_name="funds:adjustment_step",
    view_permission="funds.view_books",
    final={Adjustment.Status.APPROVED, Adjustment.Status.WITHDRAWN},
    step_labels={"create": _("编制草案")},
    actions=[
        *_committee_then_upper(
            "adjustment",
            Adjustment.Status,
            approved_done=_("调整已批复生效。"),
            notify=_accountants,
            notice=_("{obj}已批复生效。"),
        ),
        Action(
            "withdraw",
            {Adjustment.Status.DRAFT},
            Adjustment.Status.WITHDRAWN,
            label=_("撤回"),
            allowed=drafted_adjustment & (is_accountant | is_chair),
            confirm=_("撤回后这份预算调整不再办理，也不能恢复；如仍需调整，请重新编制。"),
            service="funds.services.budget.withdraw_adjustment",
            done=_("预算调整已撤回。"),
            style="danger",
        ),
    ],
)
