"""红字冲销: an income entry booked wrongly (a wrong amount, account or fund) stays on the ledger as it was, and a
second entry, the same but for its amount negated, takes it back; the right entry is then booked as any other.
The chair and the 经审 are told, as nothing else on the ledger is ever taken back."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionportal.notices import notify
from unionportal.roles import Role, users_with_role

from ..models import Entry
from .common import require_new_voucher, require_open_year
from .expenses import require_dedicated_fund_holds


def why_not_reversible(entry: Entry) -> str:
    """Why this entry cannot be taken back here, or "" when it can."""
    if entry.reverses_id is not None:
        return _("这是一笔红字冲销记录，不能再冲销。")
    if hasattr(entry, "reversal"):
        return _("这笔记录已由凭证“%(voucher)s”冲销。") % {"voucher": entry.reversal.voucher_number}
    if entry.direction != Entry.Direction.IN:
        return _("支出记录随支出申请的支付记账而来，不能在此冲销。")
    return ""


@transaction.atomic
def reverse_entry(*, entry: Entry, on: datetime.date, voucher_number: str, reason: str, actor) -> Entry:
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    refusal = why_not_reversible(entry)
    if refusal:
        raise ValidationError(refusal)
    if not reason.strip():
        raise ValidationError({"reason": _("冲销原因：请写明记错了什么。")})
    if on is None or on > timezone.localdate():
        raise ValidationError({"on": _("冲销日期：请填写，且不能晚于今天。")})
    if on < entry.date:
        raise ValidationError({"on": _("冲销日期：不能早于原记录的日期（%(date)s）。") % {"date": entry.date}})
    require_open_year(on.year)
    # what a dedicated fund has spent of this income stays spent
    require_dedicated_fund_holds(
        entry.fund_id,
        entry.amount,
        _("“%(fund)s”余额 %(held)s 元，少于要冲销的 %(amount)s 元；专项基金的余额不能为负数。"),
    )
    try:
        number = require_new_voucher(voucher_number)
    except ValidationError as error:
        raise ValidationError({"voucher_number": error.messages}) from None  # shown at its field
    reversal = Entry.objects.create(
        year=on.year,
        date=on,
        direction=entry.direction,
        account=entry.account,
        fund=entry.fund,
        amount=-entry.amount,
        voucher_number=number,
        summary=(_("冲销凭证“%(voucher)s”：%(reason)s") % {"voucher": entry.voucher_number, "reason": reason.strip()})[
            :200
        ],
        dues_month=entry.dues_month,  # the month's dues are then posted again as collected
        reverses=entry,
        recorded_by=actor,
    )
    notify(
        users_with_role(Role.CHAIR, Role.AUDITOR),
        text=_("凭证“%(voucher)s”（%(summary)s，%(amount)s 元）已被红字冲销，冲销凭证“%(reversal)s”：%(reason)s")
        % {
            "voucher": entry.voucher_number,
            "summary": entry.summary,
            "amount": entry.amount,
            "reversal": reversal.voucher_number,
            "reason": reason.strip(),
        },
        url=reversal.get_absolute_url(),
        kind="funds.entry.reverse",
        permission="funds.view_books",
        exclude=actor,
    )
    return reversal
