"""Welfare money leaves through the funds chain, never on the welfare officer's word.

Every cash payment (hardship help for an approved application, a campaign's deliveries, a visit's 慰问金) is
asked for as an expense request (``funds.services.spending.request_for``) of the right account: 困难职工帮扶
for help and 金秋助学, 送温暖 for hardship-based campaigns, 其他活动 (会员慰问) for universal gifts and visits.
A dedicated fund pays where one applies (金秋助学基金 for school aid, 困难职工救助基金 for donated money).
The payment row waits with its request (审批中, 待支付, 退回, 未批准, 撤回) and becomes 已发放 when the
accountant pays: the voucher number, the date and the chair who approved come from the books. A returned,
refused or withdrawn request can be asked again or the payment cancelled.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from funds.models import Entry, Expense, Fund
from funds.services import expenses as expense_services
from funds.services.spending import request_for

from .flows import FLOW
from .models import Application, Campaign, CampaignRecipient, FundSource, Payment

E = Expense.Status
P = Payment.Status
STATUS_OF = {
    E.SUBMITTED: P.REQUESTED,
    E.REVIEWED: P.REQUESTED,
    E.ACCEPTED: P.REQUESTED,
    E.APPROVED: P.APPROVED,
    E.RETURNED: P.RETURNED,
    E.REFUSED: P.REFUSED,
    E.WITHDRAWN: P.WITHDRAWN,
}
DEDICATED = {"school": "金秋助学基金", "donations": "困难职工救助基金"}


def account_kind(payment: Payment, campaign: Campaign | None = None) -> str:
    """Which line of the chart the money is: help and school aid, 送温暖, or a member's gift (慰问)."""
    campaign = campaign or payment.campaign
    if payment.application_id or payment.kind == Payment.Kind.SCHOOL_AID:
        return "hardship"
    if campaign is not None:
        return "gift" if campaign.kind in Campaign.UNIVERSAL_KINDS else "warmth"
    return "gift"


def fund_of(payment: Payment) -> Fund | None:
    """A dedicated fund for school aid and for colleagues' donations; the union's general fund otherwise."""
    if payment.kind == Payment.Kind.SCHOOL_AID:
        name = DEDICATED["school"]
    elif payment.fund_source == FundSource.DONATIONS:
        name = DEDICATED["donations"]
    else:
        return None
    return Fund.objects.filter(name=name).first()


def _purpose(payments: list[Payment], campaign: Campaign | None) -> tuple[str, str, str]:
    """(purpose, payee, reference) of the request: the campaign and how many people, or the one person."""
    first = payments[0]
    if campaign is not None and len(payments) > 1:
        purpose = _("%(campaign)s %(kind)s（%(count)s人，名单见发放登记表）") % {
            "campaign": campaign.name,
            "kind": first.get_kind_display(),
            "count": len(payments),
        }
        return purpose, _("%(name)s等%(count)s人") % {"name": first.member.name, "count": len(payments)}, campaign.name
    if campaign is not None:
        basis = campaign.name
    elif first.application_id:
        basis = _("帮扶申请#%(pk)s") % {"pk": first.application_id}
    else:
        basis = first.note
    purpose = _("%(basis)s %(kind)s") % {"basis": basis, "kind": first.get_kind_display()}
    return purpose.strip(), first.member.name, basis


def request_money(*, payments: list[Payment], actor, on=None) -> Expense:
    """One expense request for ``payments`` (one person, or a campaign's batch with its signed list as the
    voucher); the rows wait on it. Refused like any request (no executing budget, past the line)."""
    campaign = payments[0].campaign
    purpose, payee, reference = _purpose(payments, campaign)
    expense = request_for(
        kind=account_kind(payments[0], campaign),
        reference=reference,
        requester=actor,
        amount=sum(p.amount for p in payments),
        purpose=purpose[:200],
        payee=payee[:100],
        fund=fund_of(payments[0]),
        on=on,
    )
    Payment.objects.filter(pk__in=[p.pk for p in payments]).update(expense=expense, status=P.REQUESTED)
    for payment in payments:
        payment.expense, payment.status = expense, P.REQUESTED
    return expense


# ---- following the books ----------------------------------------------------------------------


def follow_expense(sender, instance: Expense, **kwargs) -> None:
    """post_save of an expense: its welfare rows say where the request stands (paid is told by the entry)."""
    status = STATUS_OF.get(instance.status)
    if status is not None:
        Payment.objects.filter(expense=instance).exclude(status=status).update(status=status)


def hand_over_paid(entry: Entry) -> None:
    """The expense is paid (its entry is booked), so its welfare rows are handed over (已发放) with the
    voucher number and date, the chair who approved it as approver; an application moves to 已发放 and
    its applicant is told. The requester was told by the funds chain."""
    expense = entry.expense
    for payment in Payment.objects.filter(expense=expense).select_related("application"):
        payment.status, payment.voucher_number = P.PAID, entry.voucher_number
        payment.paid_on, payment.approver_id = entry.date, expense.approved_by_id
        payment.save(update_fields=["status", "voucher_number", "paid_on", "approver"])
        if payment.application is not None and payment.application.status == Application.Status.APPROVED:
            FLOW.move(payment.application, "pay", actor=entry.recorded_by, checked=False)


# ---- a stuck request: ask again, or cancel --------------------------------------------------


def _stuck(payment: Payment) -> Payment:
    payment = Payment.objects.select_for_update(of=("self",)).select_related("expense").get(pk=payment.pk)
    if payment.status not in Payment.STUCK:
        raise ValidationError(
            _("这笔发放现在是“%(status)s”，只有被退回、未获批准或已撤回的经费申请才能重新申请或取消。")
            % {"status": payment.get_status_display()}
        )
    return payment


@transaction.atomic
def request_again(*, payment: Payment, actor) -> Expense:
    """重新申请: a returned or refused request goes back to the accountant (by its 经办人); after a
    withdrawal, a new request is made for every row that waited on the withdrawn one."""
    payment = _stuck(payment)
    expense = payment.expense
    if expense.status in {E.RETURNED, E.REFUSED}:
        return expense_services.resubmit_expense(expense=expense, actor=actor, note=_("帮扶发放重新申请"))
    rows = list(Payment.objects.filter(expense=expense).select_related("member", "campaign"))
    return request_money(payments=rows, actor=actor)


@transaction.atomic
def cancel(*, payment: Payment, actor) -> int:
    """取消发放: the request is withdrawn (if it is not yet) and its rows are removed; the campaign's list
    and the approved application are free to be delivered again, the visit stays without money. Returns
    how many rows were removed."""
    payment = _stuck(payment)
    expense = payment.expense
    if expense.status != E.WITHDRAWN:
        expense_services.withdraw_expense(expense=expense, actor=actor, note=_("帮扶发放取消"))
    rows = Payment.objects.filter(expense=expense)
    CampaignRecipient.objects.filter(payment__in=rows).update(payment=None)
    return rows.delete()[0]
