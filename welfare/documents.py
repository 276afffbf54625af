"""Printed welfare registers: 走访慰问登记表 and 帮扶资金发放登记表.

They name the people helped, so only those who may read hardship data queue them
(``welfare.print_registers``). A register covers a period (``date_from``/``date_to``,
ISO dates) or one campaign (``campaign``), or a campaign within a period.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from unionportal.models import UnionProfile
from unionportal.templatetags.portal import yuan

from . import selectors
from .models import ZERO, Campaign


def _period(params):
    dates = [params.get("date_from"), params.get("date_to")]
    return [datetime.date.fromisoformat(d) if d else None for d in dates]


def _campaign(params):
    if not params.get("campaign"):
        return None
    try:
        return Campaign.objects.get(pk=params["campaign"])
    except Campaign.DoesNotExist:
        raise ValidationError(_("该慰问活动已被删除，无法生成登记表。")) from None


def scope_label(params):
    """“2026年春节送温暖” or “2026年1月1日至2026年6月30日”, for titles and headers."""
    campaign = _campaign(params)
    start, end = _period(params)
    parts = [campaign.name] if campaign else []
    if start or end:
        parts.append(_("%(start)s至%(end)s") % {"start": _date(start), "end": _date(end)})
    return pgettext("list separator", "，").join(parts)


def _date(date):
    return formats.date_format(date, "DATE_FORMAT") if date else ""


def _person(user):
    return user.member.name if hasattr(user, "member") else user.get_full_name() or user.username


def _common(params, heading):
    return {
        "union": UnionProfile.load(),
        "heading": heading,
        "scope": scope_label(params),
        "running_header": f"{heading} · {scope_label(params)}",
        "orientation": "landscape",
        "printed_on": timezone.localdate(),
    }


class VisitRegister:
    """走访慰问登记表. For a campaign, its recipient list: who was (or is still to be) visited."""

    kind = "welfare_visit_register"
    permission = "welfare.print_registers"
    template = "welfare/pdf/visit_register.html"

    @staticmethod
    def title(params):
        return _("走访慰问登记表（%(scope)s）") % {"scope": scope_label(params)}

    @staticmethod
    def context(params, report_progress):
        campaign = _campaign(params)
        if campaign:
            rows = [_recipient_row(r, campaign) for r in _campaign_recipients(campaign, params)]
        else:
            visits = (
                selectors.visits_between(*_period(params))
                .select_related("member__department", "occasion", "payment")
                .prefetch_related("visitors")
                .order_by("visited_on", "pk")
            )
            rows = [_visit_row(v) for v in visits]
        return {
            **_common(params, _("走访慰问登记表")),
            "rows": rows,
            "times": sum(1 for row in rows if row["date"]),
            "money": sum((row["money"] for row in rows if row["date"]), ZERO),
        }


def _campaign_recipients(campaign, params):
    recipients = campaign.recipients.select_related("member__department", "payment").order_by("member__name_pinyin")
    start, end = _period(params)
    if start or end:
        recipients = recipients.filter(payment__in=selectors.payments_between(start, end))
    return recipients


def _visit_row(visit):
    return {
        "date": visit.visited_on,
        "member": visit.member,
        "occasion": visit.occasion.name,
        "visitors": "、".join(v.name for v in visit.visitors.all()),
        "gifts": visit.gifts,
        "money": visit.payment.amount if _handed_over(visit.payment) else ZERO,
        "notes": _waiting_note(visit.payment, visit.notes),
    }


def _handed_over(payment):
    return payment is not None and payment.status == payment.Status.PAID


def _waiting_note(payment, notes=""):
    """Money still in the funds chain is not in the register's sums; the notes say where it stands."""
    if payment is None or _handed_over(payment):
        return notes
    waiting = _("慰问金%(amount)s元%(status)s") % {
        "amount": yuan(payment.amount),
        "status": payment.get_status_display(),
    }
    return f"{notes} {waiting}".strip()


def _recipient_row(recipient, campaign):
    """A recipient still to be visited carries no money in the column that adds up to the 合计:
    the planned amount is told in the notes."""
    payment = recipient.payment if _handed_over(recipient.payment) else None
    return {
        "date": payment.paid_on if payment else None,
        "member": recipient.member,
        "occasion": recipient.reason or campaign.name,
        "visitors": "",
        "gifts": payment.goods if payment else "",
        "money": recipient.amount if payment else None,
        "notes": ""
        if payment
        else _waiting_note(recipient.payment) or _("未发放（拟发%(amount)s）") % {"amount": yuan(recipient.amount)},
    }


class PaymentRegister:
    """帮扶资金发放登记表: every payment (人次) in the period or campaign, with totals in 元 and 人次."""

    kind = "welfare_payment_register"
    permission = "welfare.print_registers"
    template = "welfare/pdf/payment_register.html"

    @staticmethod
    def title(params):
        return _("帮扶资金发放登记表（%(scope)s）") % {"scope": scope_label(params)}

    @staticmethod
    def context(params, report_progress):
        payments = selectors.payments_between(*_period(params))
        campaign = _campaign(params)
        if campaign:
            payments = payments.filter(campaign=campaign)
        totals = payments.aggregate(times=Count("pk"), yuan=Sum("amount"))
        return {
            **_common(params, _("帮扶资金发放登记表")),
            "payments": [
                (payment, _person(payment.approver))
                for payment in payments.select_related("member__department", "campaign", "approver__member").order_by(
                    "paid_on", "pk"
                )
            ],
            "times": totals["times"],
            "yuan": (totals["yuan"] or ZERO).quantize(ZERO),
        }


DOCUMENTS = [VisitRegister, PaymentRegister]
