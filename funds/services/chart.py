"""The chart of accounts (科目) and the funds, kept by the accountant or the chair: add, rename, deactivate.
An account or fund with postings (收支记录, 支出申请, 预算) is never deleted, only deactivated, so every old
voucher still names what it was booked under."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Account, AdjustmentLine, BudgetLine, Fund
from .income import general_fund


def _check_account(account: Account) -> None:
    if account.parent_id:
        parent = account.parent
        if parent.parent_id:
            raise ValidationError(_("上级科目须是一级科目，“%(parent)s”本身是明细科目。") % {"parent": parent})
        if parent.kind != account.kind:
            raise ValidationError(_("明细科目须与上级科目同为收入或同为支出。"))
        if parent.pk == account.pk:
            raise ValidationError(_("科目不能以自己为上级科目。"))


@transaction.atomic
def save_account(*, account: Account, actor) -> Account:
    """Add or change a 科目 (name, active); a code is used once."""
    if Account.objects.filter(code=account.code).exclude(pk=account.pk).exists():
        raise ValidationError(_("科目编码“%(code)s”已被使用，请换一个。") % {"code": account.code})
    _check_account(account)
    account.full_clean()
    account.save()
    return account


def account_postings(account: Account) -> str:
    """What ties an account to the books, in words; empty when nothing does."""
    ties = [
        (account.entries.count(), _("%(n)s笔收支记录")),
        (account.expenses.count(), _("%(n)s笔支出申请")),
        (BudgetLine.objects.filter(account=account).count(), _("%(n)s项预算")),
        (AdjustmentLine.objects.filter(account=account).count(), _("%(n)s项预算调整")),
        (account.children.count(), _("%(n)s个明细科目")),
    ]
    return "、".join(text % {"n": n} for n, text in ties if n)


@transaction.atomic
def delete_account(*, account: Account, actor) -> None:
    account = Account.objects.select_for_update().get(pk=account.pk)
    ties = account_postings(account)
    if ties:
        raise ValidationError(
            _("科目“%(account)s”已有%(ties)s，不能删除；不再使用请停用。") % {"account": account, "ties": ties}
        )
    account.delete()


@transaction.atomic
def save_fund(*, fund: Fund, actor) -> Fund:
    """Add or change a fund; the general fund (工会经费), where every app's money goes, stays active."""
    if fund.pk and not fund.is_active and fund.pk == general_fund().pk:
        raise ValidationError(_("“%(fund)s”是工会的一般经费，各项收支都记在其中，不能停用。") % {"fund": fund})
    if Fund.objects.filter(name=fund.name).exclude(pk=fund.pk).exists():
        raise ValidationError(_("资金名称“%(name)s”已被使用，请换一个。") % {"name": fund.name})
    fund.full_clean()
    fund.save()
    return fund


@transaction.atomic
def delete_fund(*, fund: Fund, actor) -> None:
    fund = Fund.objects.select_for_update().get(pk=fund.pk)
    if fund.entries.exists() or fund.expenses.exists():
        raise ValidationError(_("资金“%(fund)s”已有收支记录或支出申请，不能删除；不再使用请停用。") % {"fund": fund})
    if fund.pk == general_fund().pk:
        raise ValidationError(_("“%(fund)s”是工会的一般经费，不能删除。") % {"fund": fund})
    fund.delete()
