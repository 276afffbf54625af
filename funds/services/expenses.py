"""支出审批: 经办人 → 财务审核 → 物品验收 → 主席审批（一支笔）→ 已支付, each step one function that moves the
expense by its table (``funds/flows.py``) under a row lock, so of two people pressing the same button exactly one
moves it.

Rules from 《基层工会经费收支管理办法》: within the approved budget; legal original receipts (发票/收据);
large items decided collectively by the committee before the chair signs; nobody approves their own request. A
request asked by the one who holds the seat that would check it (the chair's own, the only accountant's own) goes to
the committee's collective decision (集体研究) whatever its amount, and another member of the committee takes that
seat for it (``rules.asked_by_chair``, ``rules.asked_by_only_accountant``); the 经审 are told when it is approved.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from unionportal.notices import notify
from unionportal.roles import Role, users_with_role
from unionportal.uploads import check_content, check_size
from unionportal.workflow import flow_for, move, person_name, record

from ..models import Account, Attachment, AttachmentRead, Budget, Entry, Expense, Fund
from ..money import ZERO, parse_amount
from ..rules import asked_by_chair, asked_by_only_accountant
from .budget import check_budget
from .common import require_active_fund, require_new_voucher, require_open_year, year_settings

S = Expense.Status
# Actions of the 经办人 on their own request; every other action (recording the committee's decision included) is
# someone else's check on it.
OWN_ACTIONS = {"resubmit", "withdraw"}
VOUCHER_KINDS = {".pdf": "pdf", ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg"}
MAX_VOUCHER_BYTES = 10 * 1024 * 1024


def _lock(expense: Expense) -> Expense:
    return flow_for(Expense).lock(expense)


def _require(expense: Expense, action: str, actor) -> None:
    """The rules the table cannot say: nobody checks their own request, only the 经办人 changes it, and a
    closed year is closed."""
    flow = flow_for(Expense)
    if expense.status not in flow.table[action].sources:
        raise flow.refusal(flow.table[action], expense, None)
    label = flow.step_label(action)
    is_own = actor is not None and expense.requester_id == actor.pk
    if action in OWN_ACTIONS and actor is not None and not is_own:
        raise ValidationError(_("只有经办人本人才能%(action)s这笔支出。") % {"action": label})
    if action not in OWN_ACTIONS and is_own:
        raise ValidationError(_("不能%(action)s自己经办的支出。") % {"action": label})
    if action == "pay" and actor is not None and expense.approved_by_id == actor.pk:  # rules.approved_it
        raise ValidationError(_("您审批了这笔支出，不能再由您支付记账，请由其他财务人员或委员办理。"))
    require_open_year(expense.year)


def _check_account(account: Account) -> None:
    if account.kind != Account.Kind.EXPENSE or not account.is_active:
        raise ValidationError(_("“%(account)s”不是可用的支出科目。") % {"account": account})
    if account.children.exists():
        raise ValidationError(_("请选择“%(account)s”下的明细科目。") % {"account": account.name})


def _check_text(purpose: str, payee: str) -> tuple[str, str]:
    if not purpose.strip():
        raise ValidationError(_("请填写用途。"))
    if not payee.strip():
        raise ValidationError(_("请填写收款方。"))
    return purpose.strip(), payee.strip()


def fund_balance(fund: Fund) -> object:
    """What is left in a fund: its opening balance plus every entry in, less every entry out."""
    sums = {row["direction"]: row["total"] for row in fund.entries.values("direction").annotate(total=Sum("amount"))}
    return fund.opening_balance + (sums.get(Entry.Direction.IN) or ZERO) - (sums.get(Entry.Direction.OUT) or ZERO)


def require_dedicated_fund_holds(fund_id, amount, refusal: str) -> None:
    """A dedicated fund (专项基金) never goes below zero: taking ``amount`` from one that holds less is refused with
    ``refusal`` (given ``fund``, ``held`` and ``amount``). The fund's row is locked while it is counted."""
    fund = Fund.objects.select_for_update().get(pk=fund_id)
    if not fund.is_dedicated:
        return
    held = fund_balance(fund)
    if amount > held:
        raise ValidationError(refusal % {"fund": fund.name, "held": held, "amount": amount})


def _check_dedicated_fund(expense: Expense) -> None:
    require_dedicated_fund_holds(
        expense.fund_id, expense.amount, _("“%(fund)s”余额 %(held)s 元，不足支付本笔 %(amount)s 元。")
    )


def _add_attachments(expense: Expense, attachments) -> None:
    for upload, kind in attachments:
        check_size(upload, MAX_VOUCHER_BYTES)
        try:
            check_content(upload, VOUCHER_KINDS)
        except ValidationError:
            raise ValidationError(
                _("票据“%(name)s”不是 PDF 或图片（JPG、PNG），未上传。") % {"name": upload.name}
            ) from None
        Attachment.objects.create(expense=expense, kind=kind, file=upload, name=upload.name[:200])


@transaction.atomic
def request_expense(
    *,
    requester,
    account: Account,
    fund: Fund,
    amount,
    purpose: str,
    payee: str,
    is_goods: bool = False,
    on: datetime.date | None = None,
    attachments=(),
    source: str = "",
) -> Expense:
    """经办人 asks to spend: the year must be open and the amount must fit the approved budget line."""
    amount = parse_amount(amount, _("金额"))
    year = (on or timezone.localdate()).year
    require_open_year(year)
    _check_account(account)
    require_active_fund(fund)
    purpose, payee = _check_text(purpose, payee)
    check_budget(year=year, account=account, amount=amount)
    expense = Expense(
        year=year,
        requester=requester,
        account=account,
        fund=fund,
        amount=amount,
        purpose=purpose,
        payee=payee,
        is_goods=is_goods,
        source=source,
    )
    expense.full_clean()
    expense.save()
    _add_attachments(expense, attachments)
    record(expense, "request", actor=requester)
    if asked_by_only_accountant(None, expense):
        text = _("财务人员%(name)s本人经办的支出“%(purpose)s”%(amount)s元待财务审核，请代为审核。")
    else:
        text = _("支出申请“%(purpose)s”%(amount)s元待财务审核。")
    notify(
        first_checkers(expense),
        text=text % {"name": person_name(requester), "purpose": expense.purpose, "amount": expense.amount},
        url=expense.get_absolute_url(),
        kind="funds.expense.request",
        permission="funds.view_expense",
        obj=expense,
        exclude=requester,
    )
    return expense


def first_checkers(expense: Expense):
    """Who does the 财务审核 (and later books the payment): the accountants; for the only accountant's own request,
    the chair and the 委员 who do it in her place."""
    if asked_by_only_accountant(None, expense):
        return users_with_role(Role.CHAIR, Role.STAFF).exclude(pk=expense.requester_id)
    return users_with_role(Role.ACCOUNTANT)


@transaction.atomic
def add_attachments(*, expense: Expense, actor, attachments) -> Expense:
    """The 经办人 adds invoices while the request is theirs to change or waits for the accountant."""
    expense = _lock(expense)
    if expense.requester_id != actor.pk or expense.status not in {S.SUBMITTED, S.RETURNED, S.REFUSED}:
        raise ValidationError(_("只有经办人在财务审核前才能补充票据。"))
    _add_attachments(expense, attachments)
    return expense


@transaction.atomic
def review_expense(*, expense: Expense, actor, note: str = "") -> Expense:
    """财务审核: the accountant checks the receipts against the amount and the account."""
    expense = _lock(expense)
    _require(expense, "review", actor)
    if not expense.source and not expense.attachments.exists():
        raise ValidationError(_("没有附发票或收据，不能通过财务审核。"))
    return move(expense, "review", actor=actor, note=note, reviewed_by=actor)


@transaction.atomic
def accept_expense(*, expense: Expense, actor, received_by: str, received_note: str) -> Expense:
    """物品验收: who received what, for a purchase of goods."""
    expense = _lock(expense)
    _require(expense, "accept", actor)
    if not expense.is_goods:
        raise ValidationError(_("这笔支出不是购买物品，无需验收。"))
    if not received_by.strip() or not received_note.strip():
        raise ValidationError(_("请填写验收人和验收情况（收到了什么）。"))
    return move(
        expense,
        "accept",
        actor=actor,
        note=received_note.strip(),
        received_by=received_by.strip(),
        received_note=received_note.strip(),
    )


@transaction.atomic
def record_decision(*, expense: Expense, actor, decision_on: datetime.date, decision_minute: str) -> Expense:
    """委员会集体研究: the meeting that decided a large expense, before the chair signs."""
    expense = _lock(expense)
    _require(expense, "decide", actor)
    if decision_on is None or decision_on > timezone.localdate():
        raise ValidationError(_("请填写集体研究日期，且不能晚于今天。"))
    if decision_on.year < expense.year - 1:
        raise ValidationError(
            _("集体研究日期应在%(first)s年或%(year)s年内。") % {"first": expense.year - 1, "year": expense.year}
        )
    if not decision_minute.strip():
        raise ValidationError(_("请填写会议纪要（编号或要点）。"))
    return move(
        expense,
        "decide",
        actor=actor,
        note=decision_minute.strip(),
        decision_on=decision_on,
        decision_minute=decision_minute.strip(),
    )


def decision_reason(expense: Expense) -> str:
    """Why this request needs the committee's collective decision (集体研究) before it is approved, or "": a large
    amount; or nobody in the usual seat may check it, because its 经办人 holds that seat herself — the chair, whose
    一支笔 may not sign her own request, or the only accountant, whose 财务审核 another member of the committee
    takes in her place. Either way no money leaves on one person's word."""
    if asked_by_chair(None, expense):
        return _("主席本人经办的支出，须经工会委员会集体研究，由其他主席或委员登记审批。")
    if asked_by_only_accountant(None, expense):
        return _("财务人员本人经办的支出，由主席或委员代为财务审核和支付（审批人不支付），并须经工会委员会集体研究。")
    limit = year_settings(expense.year).committee_threshold
    if expense.amount > limit:
        return _("单笔超过 %(limit)s 元的支出须先经工会委员会集体研究。") % {"limit": limit}
    return ""


def needs_decision(expense: Expense) -> bool:
    return bool(decision_reason(expense))


@transaction.atomic
def approve_expense(*, expense: Expense, actor, note: str = "") -> Expense:
    """主席审批（一支笔）: after 财务审核 and, for goods, 验收; above the threshold only after the committee's
    decision; and only within the approved budget line, checked again under the lock."""
    expense = _lock(expense)
    _require(expense, "approve", actor)
    if expense.is_goods and expense.status != S.ACCEPTED:
        raise ValidationError(_("购买物品的支出须先验收，才能审批。"))
    reason = decision_reason(expense)
    if reason and not expense.decision_on:
        raise ValidationError(_("%(reason)s请先登记集体研究的会议日期和纪要。") % {"reason": reason})
    # the year's budget row is the lock every approval queues on, so two approvals cannot both take the
    # last of a line
    Budget.objects.select_for_update().filter(year=expense.year).first()
    check_budget(year=expense.year, account=expense.account, amount=expense.amount, exclude=expense)
    _check_dedicated_fund(expense)
    expense = move(expense, "approve", actor=actor, note=note, approved_by=actor)
    if asked_by_chair(None, expense) or asked_by_only_accountant(None, expense):
        _tell_auditors(expense, actor)
    return expense


def _tell_auditors(expense: Expense, actor) -> None:
    """A request its 经办人 could not have checked in the usual way was approved on the committee's decision: the
    经费审查委员会, who oversee the funds, are told of it."""
    notify(
        users_with_role(Role.AUDITOR),
        text=_(
            "%(seat)s%(name)s本人经办的支出“%(purpose)s”%(amount)s元已经集体研究（%(minute)s）审批，请经审委员会监督。"
        )
        % {
            "seat": _("主席") if asked_by_chair(None, expense) else _("财务人员"),
            "name": person_name(expense.requester),
            "purpose": expense.purpose,
            "amount": expense.amount,
            "minute": expense.decision_minute,
        },
        url=expense.get_absolute_url(),
        kind="funds.expense.approve_own",
        permission="funds.view_expense",
        obj=expense,
        exclude=actor,
    )


def paid_on_refusal(expense: Expense, paid_on: datetime.date) -> str | None:
    """Why a payment typed on the page cannot carry this date, or None: it falls in the year whose budget line it
    uses (its entry goes into that year's ledger) and no earlier than the chair's approval. The page's form asks it;
    ``pay_expense`` does not, so that another app or a test can book a day it recorded elsewhere."""
    if paid_on.year != expense.year:
        return _("这笔支出列入%(year)s年预算，支付日期须在%(year)s年内。") % {"year": expense.year}
    approved_at = expense.steps.filter(action="approve").order_by("-at").values_list("at", flat=True).first()
    if approved_at is not None and paid_on < timezone.localdate(approved_at):
        return _("支付日期不能早于审批日期（%(date)s）。") % {"date": timezone.localdate(approved_at).isoformat()}
    return None


@transaction.atomic
def pay_expense(*, expense: Expense, actor, paid_on: datetime.date, method: str, voucher_number: str) -> Expense:
    """已支付: the accountant pays and books it under a voucher number (凭证号) used nowhere else."""
    expense = _lock(expense)
    _require(expense, "pay", actor)
    if paid_on is None or paid_on > timezone.localdate():
        raise ValidationError(_("请填写支付日期，且不能晚于今天。"))
    require_open_year(paid_on.year)
    if method not in Expense.Method.values:
        raise ValidationError(_("请选择支付方式。"))
    number = require_new_voucher(voucher_number)
    _check_dedicated_fund(expense)
    expense = move(
        expense,
        "pay",
        actor=actor,
        note=_("凭证号 %(number)s") % {"number": number},
        paid_on=paid_on,
        method=method,
    )
    try:
        with transaction.atomic():
            Entry.objects.create(
                year=paid_on.year,
                date=paid_on,
                direction=Entry.Direction.OUT,
                account=expense.account,
                fund=expense.fund,
                amount=expense.amount,
                voucher_number=number,
                summary=f"{expense.purpose}（{expense.payee}）"[:200],
                expense=expense,
                recorded_by=actor,
            )
    except IntegrityError:  # a second payment that raced past require_new_voucher
        raise ValidationError(_("凭证号“%(number)s”已被使用，每张凭证只能记一次账。") % {"number": number}) from None
    return expense


@transaction.atomic
def return_expense(*, expense: Expense, actor, note: str) -> Expense:
    """退回: back to the 经办人 to correct, with the reason."""
    expense = _lock(expense)
    _require(expense, "return", actor)
    if not note.strip():
        raise ValidationError(_("请填写退回理由。"))
    return move(expense, "return", actor=actor, note=note.strip())


@transaction.atomic
def refuse_expense(*, expense: Expense, actor, note: str) -> Expense:
    """不批准: the chair declines; the 经办人 may correct and resubmit, or withdraw."""
    expense = _lock(expense)
    _require(expense, "refuse", actor)
    if not note.strip():
        raise ValidationError(_("请填写不批准的理由。"))
    return move(expense, "refuse", actor=actor, note=note.strip())


@transaction.atomic
def resubmit_expense(
    *, expense: Expense, actor, amount=None, purpose=None, payee=None, account=None, note: str = ""
) -> Expense:
    """The 经办人 corrects a returned or refused request and sends it again from the start."""
    expense = _lock(expense)
    _require(expense, "resubmit", actor)
    if account is not None:
        _check_account(account)
    account = account or expense.account
    amount = expense.amount if amount is None else parse_amount(amount, _("金额"))
    purpose, payee = _check_text(
        expense.purpose if purpose is None else purpose, expense.payee if payee is None else payee
    )
    check_budget(year=expense.year, account=account, amount=amount, exclude=expense)
    return move(
        expense,
        "resubmit",
        actor=actor,
        note=note,
        account=account,
        amount=amount,
        purpose=purpose,
        payee=payee,
        reviewed_by=None,
        approved_by=None,
        received_by="",
        received_note="",
    )


@transaction.atomic
def withdraw_expense(*, expense: Expense, actor, note: str = "") -> Expense:
    expense = _lock(expense)
    _require(expense, "withdraw", actor)
    return move(expense, "withdraw", actor=actor, note=note)


def log_attachment_read(*, attachment: Attachment, reader) -> AttachmentRead:
    """Every opening of a voucher is kept: the 经审 must show they read each sampled one."""
    return AttachmentRead.objects.create(attachment=attachment, reader=reader)
