"""收入入账: 会费 from the members' dues ledger by month, 拨缴经费 from the employer's payroll base, and other
income (补助, 事业收入 …) with its voucher. Each is one ledger entry under a new voucher number."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import DuesRecord
from unionportal.notices import notify
from unionportal.roles import Role, users_with_role
from unionportal.workflow import person_name

from ..models import Account, Entry, Expense, Fund, YearSettings
from ..money import ZERO, parse_amount, percent_text, to_fen
from .common import require_active_fund, require_new_voucher, require_open_year, year_settings

DUES_ACCOUNT = "101"  # 会费收入 in the default chart
ALLOCATION_ACCOUNT = "102"  # 拨缴经费收入


def general_fund() -> Fund:
    """The union's own money (工会经费): the first fund that is not a dedicated one."""
    return Fund.objects.filter(is_dedicated=False).order_by("sort_order", "pk").first()


def _book(*, on, account, fund, amount, voucher_number, summary, actor, **extra) -> Entry:
    if on is None or on > timezone.localdate():
        raise ValidationError(_("请填写入账日期，且不能晚于今天。"))
    require_open_year(on.year)
    require_active_fund(fund)
    number = require_new_voucher(voucher_number)
    if not summary.strip():
        raise ValidationError(_("请填写摘要。"))
    try:
        with transaction.atomic():
            return Entry.objects.create(
                year=on.year,
                date=on,
                direction=Entry.Direction.IN,
                account=account,
                fund=fund,
                amount=amount,
                voucher_number=number,
                summary=summary.strip()[:200],
                recorded_by=actor,
                **extra,
            )
    except IntegrityError:
        raise ValidationError(_("凭证号“%(number)s”已被使用，每张凭证只能记一次账。") % {"number": number}) from None


@transaction.atomic
def record_income(*, account: Account, fund: Fund, amount, on: datetime.date, voucher_number: str, summary: str, actor):
    """Income other than dues and allocation: 上级补助, 行政补助, 事业收入, 投资收益, 其他收入 (or a gift to a
    dedicated fund)."""
    amount = parse_amount(amount, _("金额"))
    if account.kind != Account.Kind.INCOME or not account.is_active:
        raise ValidationError(_("“%(account)s”不是可用的收入科目。") % {"account": account})
    if account.code in {DUES_ACCOUNT, ALLOCATION_ACCOUNT}:
        raise ValidationError(_("会费和拨缴经费请用各自的入账功能，以免重复记账。"))
    return _book(
        on=on, account=account, fund=fund, amount=amount, voucher_number=voucher_number, summary=summary, actor=actor
    )


def dues_posted(month: datetime.date):
    return to_fen(Entry.objects.filter(dues_month=month).aggregate(total=Sum("amount"))["total"] or ZERO)


def dues_retained(month: datetime.date):
    """What the union keeps of the dues collected for a month, at that year's hand-up share."""
    collected = DuesRecord.objects.filter(month=month).aggregate(total=Sum("paid"))["total"] or ZERO
    share = year_settings(month.year).dues_hand_up_share
    return to_fen(collected) - to_fen(to_fen(collected) * share)


@transaction.atomic
def post_dues(*, month: datetime.date, on: datetime.date, voucher_number: str, actor) -> Entry:
    """会费入账: the month's collected dues from the members ledger, less the hand-up share. Posting a month
    again books only what was collected since (补缴), so no fen is counted twice."""
    month = month.replace(day=1)
    YearSettings.objects.select_for_update().filter(pk=year_settings(month.year).pk).get()
    new = dues_retained(month) - dues_posted(month)
    if new <= ZERO:
        raise ValidationError(
            _("%(month)s的会费没有新的实收金额可入账（已入账 %(posted)s 元）。")
            % {"month": f"{month:%Y年%m月}", "posted": dues_posted(month)}
        )
    return _book(
        on=on,
        account=Account.objects.get(code=DUES_ACCOUNT),
        fund=general_fund(),
        amount=new,
        voucher_number=voucher_number,
        summary=_("%(month)s会费收入") % {"month": f"{month:%Y年%m月}"},
        actor=actor,
        dues_month=month,
    )


def allocation_for(payroll_base, settings: YearSettings):
    """拨缴经费留成: the payroll base × 2% × the share the grassroots union keeps."""
    return to_fen(to_fen(payroll_base * settings.allocation_rate) * settings.allocation_retained_share)


@transaction.atomic
def record_allocation(*, payroll_base, on: datetime.date, voucher_number: str, period: str, actor) -> Entry:
    """拨缴经费收入 of a period (a month or quarter): the retained share of 2% of the payroll."""
    payroll_base = parse_amount(payroll_base, _("工资总额"))
    if not period.strip():
        raise ValidationError(_("请填写所属期间，如 2026年1季度。"))
    year = on.year if on else timezone.localdate().year
    settings = year_settings(year)
    amount = allocation_for(payroll_base, settings)
    if amount <= ZERO:
        raise ValidationError(_("按工资总额计算的留成金额为0，请检查工资总额。"))
    of_period = _("%(period)s拨缴经费") % {"period": period.strip()}
    booked = Entry.objects.filter(
        year=year, account__code=ALLOCATION_ACCOUNT, summary__startswith=f"{of_period}（", reversal__isnull=True
    ).first()
    if booked is not None:
        raise ValidationError(
            _("%(what)s已入账（凭证号 %(voucher)s），不能重复入账。")
            % {"what": of_period, "voucher": booked.voucher_number}
        )
    summary = _("%(of_period)s（工资总额 %(base)s 元 × %(rate)s%% × 留成 %(share)s%%）") % {
        "of_period": of_period,
        "base": payroll_base,
        "rate": percent_text(settings.allocation_rate),
        "share": percent_text(settings.allocation_retained_share),
    }
    return _book(
        on=on,
        account=Account.objects.get(code=ALLOCATION_ACCOUNT),
        fund=general_fund(),
        amount=amount,
        voucher_number=voucher_number,
        summary=summary,
        actor=actor,
        payroll_base=payroll_base,
    )


def _require_no_request_awaiting_the_chair(year: int) -> None:
    """The 集体研究 threshold changes only while no request of the year waits for the chair's signature: raised
    for one request and lowered after, it would let that request past the committee."""
    waiting = Expense.objects.filter(
        year=year, status__in=[Expense.Status.SUBMITTED, Expense.Status.REVIEWED, Expense.Status.ACCEPTED]
    ).count()
    if waiting:
        raise ValidationError(
            _("集体研究金额：%(year)s年还有 %(count)s 笔支出等待审批，审批完毕后才能修改。")
            % {"year": year, "count": waiting}
        )


@transaction.atomic
def update_year_settings(*, year: int, actor, **fields) -> YearSettings:
    """Set one year's shares and threshold; a closed year keeps the ones its books were kept under."""
    require_open_year(year)
    settings = year_settings(year)
    threshold = fields.get("committee_threshold")
    if threshold is not None and threshold != settings.committee_threshold:
        _require_no_request_awaiting_the_chair(year)
    before = {name: getattr(settings, name) for name in fields}
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.full_clean()
    settings.save()
    _tell_the_overseers(settings, before, actor)
    return settings


def _tell_the_overseers(settings: YearSettings, before: dict, actor) -> None:
    """A year's rules decide what needs the committee and what stays with the union: the chair and the 经审 are
    told of every change, with the value before and after, as the settings keep no history of their own."""
    changes = [
        _("%(field)s %(old)s → %(new)s") % {"field": YearSettings._meta.get_field(name).verbose_name, "old": old,
                                            "new": getattr(settings, name)}
        for name, old in before.items()
        if old != getattr(settings, name)
    ]  # fmt: skip
    if not changes:
        return
    notify(
        users_with_role(Role.CHAIR, Role.AUDITOR),
        text=_("%(year)s年度经费设置已修改（%(who)s）：%(changes)s。")
        % {"year": settings.year, "who": person_name(actor), "changes": "；".join(changes)},
        url=reverse("funds:settings") + f"?year={settings.year}",
        kind="funds.settings",
        permission="funds.view_books",
        exclude=actor,
    )
