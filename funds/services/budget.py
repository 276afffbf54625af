"""年度预算 and 预算调整: drafted by the accountant, adopted by the committee (委员会通过), approved by the upper
union (上级批复, with the reply's date and number), executed, and closed by the 决算. An adjustment goes through
the same first steps and counts once approved. Spending is held to the approved lines (``check_budget``)."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from unionportal.workflow import flow_for, move, record

from ..models import Account, Adjustment, AdjustmentLine, Budget, BudgetLine, Expense
from ..money import ZERO, parse_amount, to_fen
from .common import require_open_year

IN_FORCE = {Budget.Status.APPROVED, Budget.Status.EXECUTING, Budget.Status.CLOSED}


def _past_date(day, label):
    if day is None:
        raise ValidationError(_("请填写%(field)s。") % {"field": label})
    if day > timezone.localdate():
        raise ValidationError(_("%(field)s不能晚于今天。") % {"field": label})
    return day


def _in_years(day, label, first, last):
    """A past day of the years ``first`` … ``last``: a budget is adopted and approved in the year before it or in
    its own, an adjustment in its year."""
    day = _past_date(day, label)
    if not first <= day.year <= last:
        years = f"{first}" if first == last else f"{first}—{last}"
        raise ValidationError(_("%(field)s应在%(years)s年内。") % {"field": label, "years": years})
    return day


def _lock_budget(budget):
    return flow_for(Budget).lock(budget)


def _lock_adjustment(adjustment):
    return flow_for(Adjustment).lock(adjustment)


@transaction.atomic
def create_budget(*, year: int, actor, note: str = "") -> Budget:
    require_open_year(year)
    if Budget.objects.filter(year=year).exists():
        raise ValidationError(_("%(year)s年度预算已经存在。") % {"year": year})
    budget = Budget(year=year, note=note)
    budget.full_clean()
    budget.save()
    record(budget, "create", actor=actor)
    return budget


def _one_level(account: Account, accounts_with_lines) -> None:
    """A budget is kept at one level per branch of the chart: an account's spending draws on its own line or on
    its parent's, so a line beside its parent's (or its children's) would be counted twice or not at all."""
    accounts_with_lines = set(accounts_with_lines) - {account.pk}
    if account.parent_id in accounts_with_lines:
        raise ValidationError(
            _("“%(account)s”的支出计入上级科目“%(parent)s”的预算，请调整“%(parent)s”。")
            % {"account": account.name, "parent": account.parent.name}
        )
    child = account.children.filter(pk__in=accounts_with_lines).first()
    if child is not None:
        raise ValidationError(
            _("“%(account)s”的明细科目“%(child)s”已单独列了预算，请在明细科目上调整。")
            % {"account": account.name, "child": child.name}
        )


@transaction.atomic
def set_budget_line(*, budget: Budget, account: Account, amount, actor) -> BudgetLine:
    """A line of the draft; once adopted the budget changes only by an adjustment."""
    budget = _lock_budget(budget)
    if budget.status != Budget.Status.DRAFT:
        raise ValidationError(_("预算已提交，不能再改预算金额；请做预算调整。"))
    _one_level(account, budget.lines.values_list("account_id", flat=True))
    amount = parse_amount(amount, _("预算金额"), allow_zero=True)
    line, _created = BudgetLine.objects.update_or_create(budget=budget, account=account, defaults={"amount": amount})
    return line


@transaction.atomic
def adopt_budget(*, budget: Budget, actor, adopted_on: datetime.date) -> Budget:
    """委员会通过: the committee adopted the draft on that day."""
    budget = _lock_budget(budget)
    if not budget.lines.exists():
        raise ValidationError(_("预算还没有任何预算项目。"))
    adopted_on = _in_years(adopted_on, _("委员会通过日期"), budget.year - 1, budget.year)
    return move(budget, "adopt", actor=actor, adopted_on=adopted_on)


@transaction.atomic
def approve_budget(*, budget: Budget, actor, approved_on: datetime.date, approval_number: str) -> Budget:
    """上级批复: the upper union's reply, with its date and number (文号)."""
    budget = _lock_budget(budget)
    if not approval_number.strip():
        raise ValidationError(_("请填写上级批复文号。"))
    approved_on = _in_years(approved_on, _("上级批复日期"), budget.year - 1, budget.year)
    if budget.adopted_on and approved_on < budget.adopted_on:
        raise ValidationError(_("上级批复日期不能早于委员会通过日期。"))
    return move(budget, "approve", actor=actor, approved_on=approved_on, approval_number=approval_number.strip())


@transaction.atomic
def execute_budget(*, budget: Budget, actor) -> Budget:
    return move(_lock_budget(budget), "execute", actor=actor)


@transaction.atomic
def close_budget(*, budget: Budget, actor, closed_on: datetime.date) -> Budget:
    """决算: the year's books close; no request of the year may still be under way."""
    budget = _lock_budget(budget)
    flow_for(Budget).require(budget, "close", actor)
    open_count = Expense.objects.filter(year=budget.year, status__in=Expense.OPEN).count()
    if open_count:
        raise ValidationError(
            _("%(year)s年度还有 %(count)s 笔支出未办结（待审核、待审批或待支付），不能决算。")
            % {"year": budget.year, "count": open_count}
        )
    closed_on = _past_date(closed_on, _("决算日期"))
    if closed_on.year <= budget.year:
        raise ValidationError(
            _("%(year)s年度结束后才能决算，决算日期应在%(next)s年1月1日或以后。")
            % {"year": budget.year, "next": budget.year + 1}
        )
    return move(budget, "close", actor=actor, closed_on=closed_on)


@transaction.atomic
def create_adjustment(*, budget: Budget, reason: str, actor) -> Adjustment:
    budget = _lock_budget(budget)
    require_open_year(budget.year)
    if budget.status not in {Budget.Status.APPROVED, Budget.Status.EXECUTING}:
        raise ValidationError(_("只有已批复或执行中的预算才能调整。"))
    if not reason.strip():
        raise ValidationError(_("请填写调整理由。"))
    adjustment = Adjustment.objects.create(budget=budget, reason=reason.strip(), created_by=actor)
    record(adjustment, "create", actor=actor)
    return adjustment


@transaction.atomic
def withdraw_adjustment(*, adjustment: Adjustment, actor, note: str = "") -> Adjustment:
    """撤回: the author takes back a draft adjustment before the committee adopts it; it never counts and is kept,
    withdrawn, on the budget's list. Once adopted it is the committee's, and only the upper union's reply ends it."""
    adjustment = _lock_adjustment(adjustment)
    require_open_year(adjustment.budget.year)
    return move(adjustment, "withdraw", actor=actor, note=note.strip())


@transaction.atomic
def set_adjustment_line(*, adjustment: Adjustment, account: Account, change, actor) -> AdjustmentLine | None:
    """A line of the draft adjustment; 0 takes the account's line out of the draft (None)."""
    adjustment = _lock_adjustment(adjustment)
    if adjustment.status == Adjustment.Status.WITHDRAWN:
        raise ValidationError(_("预算调整已撤回，不能再改。"))
    if adjustment.status != Adjustment.Status.DRAFT:
        raise ValidationError(_("预算调整已提交，不能再改。"))
    change = parse_amount(change, _("调整金额"), allow_negative=True, allow_zero=True)
    if change == ZERO:
        adjustment.lines.filter(account=account).delete()
        return None
    _one_level(
        account, [*approved_amounts(adjustment.budget.year), *adjustment.lines.values_list("account", flat=True)]
    )
    line, _created = AdjustmentLine.objects.update_or_create(
        adjustment=adjustment, account=account, defaults={"change": change}
    )
    return line


@transaction.atomic
def adopt_adjustment(*, adjustment: Adjustment, actor, adopted_on: datetime.date) -> Adjustment:
    adjustment = _lock_adjustment(adjustment)
    require_open_year(adjustment.budget.year)
    if not adjustment.lines.exists():
        raise ValidationError(_("预算调整还没有任何调整项目。"))
    year = adjustment.budget.year
    return move(adjustment, "adopt", actor=actor, adopted_on=_in_years(adopted_on, _("委员会通过日期"), year, year))


@transaction.atomic
def approve_adjustment(*, adjustment: Adjustment, actor, approved_on: datetime.date, approval_number: str):
    """Once approved the changes count; no line may fall below what is already approved to spend from it."""
    budget = _lock_budget(adjustment.budget)
    adjustment = _lock_adjustment(adjustment)
    require_open_year(budget.year)
    if not approval_number.strip():
        raise ValidationError(_("请填写上级批复文号。"))
    approved = approved_amounts(budget.year)
    for line in adjustment.lines.select_related("account"):
        after = approved.get(line.account_id, ZERO) + line.change
        spent = committed(budget.year, line.account)
        if after < spent:
            raise ValidationError(
                _("调整后“%(account)s”预算 %(after)s 元，少于已批准的支出 %(spent)s 元。")
                % {"account": line.account.name, "after": after, "spent": spent}
            )
    approved_on = _in_years(approved_on, _("上级批复日期"), budget.year, budget.year)
    if adjustment.adopted_on and approved_on < adjustment.adopted_on:
        raise ValidationError(_("上级批复日期不能早于委员会通过日期。"))
    return move(adjustment, "approve", actor=actor, approved_on=approved_on, approval_number=approval_number.strip())


def approved_amounts(year: int) -> dict[int, Decimal]:
    """Account id → the amount approved for the year: the lines of a budget in force plus every approved
    adjustment. A budget not yet approved by the upper union allows nothing. The lines and the approved changes
    come in one query and are added up per account."""
    lines = BudgetLine.objects.filter(budget__year=year, budget__status__in=IN_FORCE)
    changes = AdjustmentLine.objects.filter(
        adjustment__budget__year=year,
        adjustment__budget__status__in=IN_FORCE,
        adjustment__status=Adjustment.Status.APPROVED,
    )
    amounts = {}
    rows = lines.order_by().values_list("account_id", "amount")
    rows = rows.union(changes.order_by().values_list("account_id", "change"), all=True)
    for account_id, amount in rows.order_by():
        amounts[account_id] = amounts.get(account_id, ZERO) + amount
    return amounts


def covering_account(account: Account, approved: dict) -> Account | None:
    """The account whose budget line an expense of ``account`` draws on: its own, else its parent's."""
    if account.pk in approved:
        return account
    if account.parent_id and account.parent_id in approved:
        return account.parent
    return None


def committed(year: int, line_account: Account, exclude: Expense | None = None) -> Decimal:
    """What is approved or paid against a line: expenses of the account and of its sub-accounts."""
    expenses = Expense.objects.filter(year=year, status__in=Expense.COMMITTED).filter(
        Q(account=line_account) | Q(account__parent=line_account)
    )
    if exclude is not None:
        expenses = expenses.exclude(pk=exclude.pk)
    return to_fen(expenses.aggregate(total=Sum("amount"))["total"] or ZERO)


def check_budget(*, year: int, account: Account, amount: Decimal, exclude: Expense | None = None) -> None:
    """预算管理: an expense must fit the approved line of its account, after what is already approved."""
    budget = Budget.objects.filter(year=year).first()
    if budget is None or budget.status != Budget.Status.EXECUTING:
        raise ValidationError(_("%(year)s年度预算尚未批复执行，不能支出。") % {"year": year})
    approved = approved_amounts(year)
    line_account = covering_account(account, approved)
    if line_account is None:
        raise ValidationError(
            _("“%(account)s”没有批复的预算，不能支出；请先做预算调整并经批复。") % {"account": account.name}
        )
    spent = committed(year, line_account, exclude=exclude)
    line = approved[line_account.pk]
    if spent + amount > line:
        raise ValidationError(
            _(
                "超出预算：“%(account)s”批复预算 %(line)s 元，已批准支出 %(spent)s 元，本笔 %(amount)s 元，"
                "超出 %(over)s 元。须先做预算调整并经批复。"
            )
            % {
                "account": line_account.name,
                "line": line,
                "spent": spent,
                "amount": amount,
                "over": spent + amount - line,
            }
        )
