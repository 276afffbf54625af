"""The verbs of the welfare app: one function per business action.

Applications move only through the table in ``flows.py`` (``unionportal.workflow``); each move
writes an ``ApplicationStep``. Cash is ``Decimal`` throughout. Two money limits guard spending: the
yearly cap per person (``WelfareSettings``) and each campaign's budget; only the chair may
go beyond either, and the override is recorded with its reason.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from unionportal.roles import is_chair

from . import care, payouts
from .attachments import add_attachments
from .attachments import store as store_attachments
from .flows import FLOW
from .models import (
    ZERO,
    Application,
    Campaign,
    CampaignOverride,
    CampaignRecipient,
    DonationDrive,
    FileAccessLog,
    FileReview,
    HardshipFile,
    Member,
    Payment,
    Pledge,
    Visit,
    VisitOccasion,
    WelfareSettings,
)

REVIEWED_FIELDS = ["causes", "level", "single_parent_woman", "household_size", "monthly_income_per_capita", "status"]


def to_money(value):
    """A Decimal of 元 with two places; floats are refused so no binary rounding creeps in."""
    if isinstance(value, float):
        raise TypeError("money must not be a float")
    return Decimal(value).quantize(Decimal("0.01"))


# ---- hardship files ---------------------------------------------------------------------------


def log_file_access(*, file, user, action=FileAccessLog.Action.VIEW):
    """Every read of a hardship file is logged with who and when (档案保密)."""
    return FileAccessLog.objects.create(file=file, user=user, action=action)


def log_list_access(*, files, user) -> None:
    """A list showing files' hardship level and income is a read of each file shown: one entry per file."""
    FileAccessLog.objects.bulk_create(
        FileAccessLog(file=file, user=user, action=FileAccessLog.Action.LIST) for file in files
    )


@transaction.atomic
def open_file(
    *, member, actor, causes, level, household_size, monthly_income_per_capita, next_review_on=None, **fields
):
    """Open a hardship file (建档); one open file per member."""
    if HardshipFile.objects.filter(member=member, status=HardshipFile.Status.HELPING).exists():
        # keyed to the person, so the form shows it beside the picker
        raise ValidationError({"member": _("%(name)s已有帮扶中的困难档案。") % {"name": member.name}})
    today = timezone.localdate()
    file = HardshipFile(
        member=member,
        created_by=actor,
        causes=list(causes),
        level=level,
        household_size=household_size,
        monthly_income_per_capita=to_money(monthly_income_per_capita),
        opened_on=fields.pop("opened_on", today),
        next_review_on=next_review_on or today + datetime.timedelta(days=365),
        **fields,
    )
    file.full_clean()
    file.save()
    return file


@transaction.atomic
def update_file(*, file, actor, **fields):
    """Edit a file's situation and plan; the edit is logged like a read."""
    for name, value in fields.items():
        setattr(file, name, value)
    file.full_clean()
    file.save()
    log_file_access(file=file, user=actor, action=FileAccessLog.Action.EDIT)
    return file


@transaction.atomic
def review_file(*, file, actor, changes, next_review_on=None, **new_values):
    """The yearly review (动态管理): record what changed, and set the next review a year on."""
    if file.status == HardshipFile.Status.CANCELLED:
        raise ValidationError(_("已注销的档案不能复核。"))
    if not changes.strip():
        raise ValidationError(_("请填写复核情况。"))
    changed = {}
    for name, value in new_values.items():
        if name not in REVIEWED_FIELDS:
            raise ValidationError(_("复核不能修改该项。"))
        old = getattr(file, name)
        if name == "monthly_income_per_capita":
            value = to_money(value)
        if old != value:
            changed[name] = [str(old), str(value)]
            setattr(file, name, value)
    today = timezone.localdate()
    file.next_review_on = next_review_on or today + datetime.timedelta(days=365)
    file.full_clean()
    file.save()
    log_file_access(file=file, user=actor, action=FileAccessLog.Action.EDIT)
    return FileReview.objects.create(
        file=file, reviewed_on=today, reviewer=actor, changes=changes, changed_fields=changed
    )


# ---- applications -----------------------------------------------------------------------------


def _move(application, action, *, actor, note="", **fields):
    return FLOW.move(application, action, actor=actor, note=note, **fields)


def _lock(application):
    return FLOW.lock(application)


def open_applications(member):
    """The member's applications still being handled (提交、退回、初审、批准未发)."""
    return Application.objects.filter(member=member, status__in=Application.OPEN)


@transaction.atomic
def apply_for_help(*, member, actor, reason, amount_requested, another_need=False, attachments=()):
    """A member applies for themselves, or staff apply on the member's behalf (代为申请), with the papers
    behind it (``attachments``: uploads). A second open application for the same person is pointed out
    first: it goes in only for another need."""
    amount = to_money(amount_requested)
    if amount <= ZERO:
        raise ValidationError(_("申请金额必须大于零。"))
    pending = open_applications(member).order_by("-submitted_at").first()
    if pending is not None and not another_need:
        message = _(
            "%(name)s已有一份未办结的帮扶申请（%(day)s提交，%(status)s）。同一困难请在原申请中补充；"
            "确属另一项困难，请勾选“另有困难，仍要提交”。"
        ) % {
            "name": member.name,
            "day": timezone.localtime(pending.submitted_at).strftime("%Y-%m-%d"),
            "status": pending.get_status_display(),
        }
        raise ValidationError({"member": message})
    own = getattr(actor, "member", None) == member if actor.is_authenticated else False
    application = Application(
        member=member,
        applied_by=actor,
        on_behalf=not own,
        reason=reason,
        amount_requested=amount,
        file=member.hardship_files.filter(status=HardshipFile.Status.HELPING).first(),
    )
    application.full_clean()
    application.save()
    FLOW.record(application, "apply", actor=actor, from_status="")
    store_attachments(application, actor=actor, uploads=attachments)
    return application


@transaction.atomic
def review_application(*, application, actor, note=""):
    """The welfare officer checks the facts and passes the application to the chair (初审)."""
    return _move(application, "review", actor=actor, note=note)


@transaction.atomic
def return_application(*, application, actor, note):
    """Send back for more information; a reason is required."""
    if not note.strip():
        raise ValidationError(_("退回时请说明理由。"))
    return _move(application, "return", actor=actor, note=note)


@transaction.atomic
def resubmit_application(*, application, actor, reason=None, amount_requested=None, note="", attachments=()):
    """The applicant, or whoever filed it, corrects a returned application, adds the papers asked for
    and sends it again."""
    if attachments:
        add_attachments(application=application, actor=actor, uploads=attachments)
    fields = {}
    if reason:
        fields["reason"] = reason
    if amount_requested is not None:
        fields["amount_requested"] = to_money(amount_requested)
        if fields["amount_requested"] <= ZERO:
            raise ValidationError(_("申请金额必须大于零。"))
    return _move(application, "resubmit", actor=actor, note=note, **fields)


@transaction.atomic
def withdraw_application(*, application, actor, note=""):
    """撤回: the applicant, or whoever filed it, takes back an application not yet decided."""
    return _move(application, "withdraw", actor=actor, note=note)


@transaction.atomic
def reject_application(*, application, actor, note):
    if not note.strip():
        raise ValidationError(_("不予批准时请说明理由。"))
    return _move(application, "reject", actor=actor, note=note)


@transaction.atomic
def approve_application(*, application, actor, amount, note="", override_note=""):
    """The chair approves with the amount (主席审批). The approved amount is committed against the
    member's yearly cap at once, so two approvals at the same time cannot both slip under it; going
    beyond the cap needs the chair's reason, which the payment then carries."""
    if not is_chair(actor):
        raise ValidationError(_("只有工会主席可以批准帮扶申请。"))
    application = _lock(application)
    FLOW.require(application, "approve", actor)
    amount = to_money(amount)
    if amount <= ZERO:
        raise ValidationError(_("批准金额必须大于零。"))
    if amount > application.amount_requested and not note.strip():
        raise ValidationError(
            _("批准金额%(amount)s元多于申请的%(asked)s元，请在“意见”中写明理由。")
            % {"amount": amount, "asked": application.amount_requested}
        )
    _lock_member(application.member)
    cap_override = check_yearly_cap(
        member=application.member,
        amount=amount,
        year=timezone.localdate().year,
        actor=actor,
        override_note=override_note,
        exclude=application,
    )
    return _move(
        application,
        "approve",
        actor=actor,
        note=note,
        cap_override=cap_override,
        cap_override_note=override_note if cap_override else "",
        amount_approved=amount,
    )


@transaction.atomic
def pay_application(*, application, actor, fund_source):
    """申请支付: the approved amount is asked of the funds chain (财务审核 → 主席审批 → 支付); the application
    is 已发放 when the accountant pays it (``payouts.hand_over_paid``)."""
    application = _lock(application)
    FLOW.require(application, "request_payment", actor)
    payment = record_payment(
        member=application.member,
        actor=actor,
        amount=application.amount_approved,
        fund_source=fund_source,
        application=application,
        override_note=application.cap_override_note,
    )
    # the step, not a move: the table's own check now sees the request and would refuse a second one
    FLOW.record(application, "request_payment", actor=actor, note=_("支出申请#%(pk)s") % {"pk": payment.expense_id})
    return payment


# ---- payments and the yearly cap --------------------------------------------------------------


def paid_this_year(member: Member, year: int, exclude: Application | None = None) -> Decimal:
    """Cash paid to the member in the year, or asked of the funds chain for them (committed either way).
    ``exclude`` leaves out the payment of the application being weighed: its amount is counted as the
    application itself, and counting its payment too would count the same money twice."""
    rows = Payment.objects.filter(member=member, paid_on__year=year)
    if exclude is not None:
        rows = rows.exclude(application=exclude)
    total = rows.aggregate(total=Sum("amount"))["total"]
    return (total or ZERO).quantize(ZERO)


def approved_unpaid(member, exclude=None):
    """Amounts the chair has approved for the member not yet asked of the funds chain: already promised (once
    asked, the payment row counts in ``paid_this_year``)."""
    rows = Application.objects.filter(member=member, status=Application.Status.APPROVED, payment__isnull=True)
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    return (rows.aggregate(total=Sum("amount_approved"))["total"] or ZERO).quantize(ZERO)


def _lock_member(member):
    """Cap checks of one member run one at a time (row lock), so concurrent ones see each other."""
    Member.objects.select_for_update().filter(pk=member.pk).first()


def check_yearly_cap(*, member, amount, year, actor, override_note="", exclude=None):
    """Cash help to one person in a year, paid or approved, stays under the cap; only the chair may
    exceed it, with a reason. Returns True when the amount is an override. Call with the member locked."""
    cap = WelfareSettings.current().yearly_cap_per_person
    committed = paid_this_year(member, year, exclude=exclude)
    if year == timezone.localdate().year:
        committed += approved_unpaid(member, exclude=exclude)
    if committed + amount <= cap:
        return False
    if not is_chair(actor):
        if not actor.has_perm("welfare.view_files"):
            # a 委员 handing out a universal gift may not learn what hardship help the person has had
            raise ValidationError(
                _("%(name)s本年度的帮扶金额将超过每人每年上限，需工会主席批准，请交帮扶专员处理。")
                % {"name": member.name}
            )
        raise ValidationError(
            _("%(name)s本年度已领取或已批准%(paid)s元，再发%(amount)s元将超过每人每年%(cap)s元的上限，需工会主席批准。")
            % {"name": member.name, "paid": committed, "amount": amount, "cap": cap}
        )
    if not override_note.strip():
        raise ValidationError(_("超出年度上限时请填写理由。"))
    return True


def check_campaign_budget(*, campaign, amount, actor, override_note=""):
    """What is paid or asked for under a campaign stays within its budget plus the chair's recorded
    overrides; the chair may go beyond with a reason, which is recorded. Call with the campaign locked."""
    limit = campaign.spending_limit()
    committed = campaign.committed()
    after = committed + amount
    if after <= limit:
        return
    if not is_chair(actor):
        raise ValidationError(
            _("活动“%(name)s”已发放或申请%(spent)s元，再发%(amount)s元将超出预算%(limit)s元，需工会主席批准。")
            % {"name": campaign.name, "spent": committed, "amount": amount, "limit": limit}
        )
    if not override_note.strip():
        raise ValidationError(_("超出预算时请填写理由。"))
    CampaignOverride.objects.create(campaign=campaign, extra=after - limit, by=actor, note=override_note)


@transaction.atomic
def record_payment(
    *,
    member,
    actor,
    amount=ZERO,
    goods="",
    kind=Payment.Kind.HARDSHIP_GRANT,
    fund_source,
    paid_on=None,
    campaign=None,
    application=None,
    occasion=None,
    override_note="",
    note="",
    request=True,
):
    """Record one payment (一人次) of cash or goods, on the basis of an approved application, a campaign or a
    visit's ``occasion``: never free-standing. Cash is asked of the funds chain (``payouts``; ``request=False``
    leaves that to a caller asking for a batch) and waits there; goods alone are handed over at once. The
    yearly cap is checked now; paying an application, it was settled when the chair approved it."""
    if application is None and campaign is None and occasion is None:
        raise ValidationError(_("发放须依据已批准的帮扶申请、慰问活动或走访慰问，不能单独登记。"))
    amount = to_money(amount)
    if amount < ZERO:
        raise ValidationError(_("金额不能为负数。"))
    paid_on = paid_on or timezone.localdate()
    _lock_member(member)
    if application is not None:
        override = application.cap_override
    else:
        override = amount > ZERO and check_yearly_cap(
            member=member, amount=amount, year=paid_on.year, actor=actor, override_note=override_note
        )
    if campaign is not None and amount > ZERO:
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        check_campaign_budget(campaign=campaign, amount=amount, actor=actor, override_note=override_note)
    if goods and amount == ZERO and kind == Payment.Kind.HARDSHIP_GRANT:
        kind = Payment.Kind.GOODS
    payment = Payment(
        member=member,
        kind=kind,
        amount=amount,
        goods=goods,
        fund_source=fund_source,
        campaign=campaign,
        application=application,
        recorded_by=actor,
        paid_on=paid_on,
        status=Payment.Status.PAID if amount == ZERO else Payment.Status.REQUESTED,
        cap_override=override,
        cap_override_note=override_note if override else "",
        note=note,
    )
    payment.full_clean()
    payment.save()
    if request and amount > ZERO:
        payouts.request_money(payments=[payment], actor=actor)
    return payment


@transaction.atomic
def sign_off_payment(*, payment, actor, signed_on=None):
    """The recipient has signed for the payment (本人签收), once it is handed over."""
    if payment.status != Payment.Status.PAID:
        message = _("这笔发放的经费尚未支付（%(status)s），不能签收。")
        raise ValidationError(message % {"status": payment.get_status_display()})
    if payment.signed_off:
        raise ValidationError(_("该笔发放已签收。"))
    payment.signed_off = True
    payment.signed_off_on = signed_on or timezone.localdate()
    payment.full_clean()
    payment.save()
    return payment


@transaction.atomic
def set_yearly_cap(*, actor, cap):
    if not is_chair(actor):
        raise ValidationError(_("只有工会主席可以修改年度上限。"))
    settings = WelfareSettings.current()
    settings.yearly_cap_per_person = to_money(cap)
    settings.full_clean()
    settings.save()
    return settings


@transaction.atomic
def add_occasion(*, actor, name):
    """Visit occasions beyond the defaults are configurable by the chair."""
    if not is_chair(actor):
        raise ValidationError(_("只有工会主席可以修改慰问事由。"))
    if VisitOccasion.objects.filter(name=name).exists():
        raise ValidationError(_("该慰问事由已存在。"))
    occasion = VisitOccasion(name=name, sort_order=VisitOccasion.objects.count())
    occasion.full_clean()
    occasion.save()
    return occasion


# ---- campaigns --------------------------------------------------------------------------------


@transaction.atomic
def create_campaign(*, actor, confidential=None, **fields):
    """A campaign's list is confidential unless it is a universal gift (节日、生日、退休慰问); ``confidential``
    left ``None`` follows the kind. Someone who may not see confidential lists (a 委员) may only create an
    open one, so that what they organise stays theirs to see."""
    for name in ("budget", "default_amount"):
        if name in fields:
            fields[name] = to_money(fields[name])
    if confidential is None:
        confidential = Campaign.confidential_by_default(fields.get("kind", Campaign.Kind.SPRING_FESTIVAL))
    if confidential and actor is not None and not actor.has_perm("welfare.view_confidential_campaigns"):
        raise ValidationError({"confidential": _("委员只能建立不保密的普惠慰问（节日、生日、退休慰问）。")})
    campaign = Campaign(confidential=confidential, **fields)
    campaign.full_clean()
    campaign.save()
    return campaign


@transaction.atomic
def update_campaign(*, campaign, actor, confidential=None, **fields):
    """Change a campaign. Its list may be opened (不保密) only for a universal gift without a hardship basis
    (nobody on it listed for a hardship file); ``confidential`` left ``None`` follows the kind. Someone who may
    not see confidential lists (a 委员) cannot close the list on themselves."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    for name in ("budget", "default_amount"):
        if name in fields:
            fields[name] = to_money(fields[name])
    for name, value in fields.items():
        setattr(campaign, name, value)
    if confidential is None:
        confidential = Campaign.confidential_by_default(campaign.kind) if "kind" in fields else campaign.confidential
    if confidential and not actor.has_perm("welfare.view_confidential_campaigns"):
        raise ValidationError({"confidential": _("委员只能组织不保密的普惠慰问（节日、生日、退休慰问）。")})
    if not confidential and campaign.kind in Campaign.UNIVERSAL_KINDS and campaign.has_hardship_basis():
        raise ValidationError({"confidential": _("名单中有因困难档案列入的对象，这是困难帮扶类名单，必须保密。")})
    campaign.confidential = confidential
    campaign.full_clean()
    campaign.save()
    return campaign


def proposed_recipients(campaign):
    """Who the list could start with: members with open hardship files, retirees, and members in
    hospital (a 住院 visit in the last month); each once, under the first reason that fits."""
    from .selectors import in_hospital

    open_files = HardshipFile.objects.filter(status=HardshipFile.Status.HELPING).values_list("member_id", flat=True)
    groups = [
        (Member.objects.filter(pk__in=open_files), str(Campaign.HARDSHIP_REASON)),
        (Member.objects.filter(status=Member.Status.RETIRED), _("退休职工")),
        (Member.objects.filter(pk__in=in_hospital().values("member")), _("住院职工")),
    ]
    seen = set(campaign.recipients.values_list("member_id", flat=True))
    proposed = []
    for members, reason in groups:
        for member in members.order_by("pk"):
            if member.pk not in seen:
                seen.add(member.pk)
                proposed.append((member, reason))
    return proposed


def check_list_budget(campaign, new_total, actor, override_note, adding=None):
    """The campaign's list may not plan beyond budget plus the chair's recorded overrides. ``adding``
    (people, amount each) names what the list was about to take on. Call with the campaign locked."""
    limit = campaign.spending_limit()
    if new_total <= limit:
        return
    if not is_chair(actor):
        message = _("合计%(total)s元将超出活动预算%(limit)s元，需工会主席批准。") % {"total": new_total, "limit": limit}
        if adding:
            message = _("将新增%(count)s人、每人%(amount)s元，") % {"count": adding[0], "amount": adding[1]} + message
        raise ValidationError(message)
    if not override_note.strip():
        raise ValidationError(_("超出预算时请填写理由。"))
    CampaignOverride.objects.create(campaign=campaign, extra=new_total - limit, by=actor, note=override_note)


@transaction.atomic
def add_recipient(*, campaign, member, actor, amount=None, reason="", override_note=""):
    """Put a member on the campaign's list at the standard amount unless another is given."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.closed:
        raise ValidationError(_("活动已结束，不能调整名单。"))
    if campaign.recipients.filter(member=member).exists():
        raise ValidationError(_("%(name)s已在名单中。") % {"name": member.name})
    amount = campaign.default_amount if amount is None else to_money(amount)
    check_list_budget(campaign, campaign.planned_total() + amount, actor, override_note)
    recipient = CampaignRecipient(campaign=campaign, member=member, amount=amount, reason=reason)
    recipient.full_clean()
    recipient.save()
    return recipient


@transaction.atomic
def change_recipient_amount(*, recipient, actor, amount, override_note=""):
    campaign = Campaign.objects.select_for_update().get(pk=recipient.campaign_id)
    if recipient.payment_id:
        raise ValidationError(_("已发放，不能修改金额。"))
    amount = to_money(amount)
    check_list_budget(campaign, campaign.planned_total() - recipient.amount + amount, actor, override_note)
    recipient.amount = amount
    recipient.full_clean()
    recipient.save()
    return recipient


@transaction.atomic
def remove_recipient(*, recipient, actor):
    if recipient.payment_id:
        raise ValidationError(_("已发放，不能移出名单。"))
    recipient.delete()


@transaction.atomic
def deliver_to_recipient(*, recipient, actor, goods="", paid_on=None, override_note=""):
    """Hand the campaign's help to one person on the list: one payment, one 人次, its own expense request."""
    recipient = CampaignRecipient.objects.select_related("member").get(pk=recipient.pk)
    if recipient.payment_id:
        raise ValidationError(_("%(name)s已发放。") % {"name": recipient.member.name})
    payments = deliver_to_recipients(
        campaign=recipient.campaign,
        actor=actor,
        recipients=[recipient],
        goods=goods,
        paid_on=paid_on,
        override_note=override_note,
    )
    return payments[0]


@transaction.atomic
def deliver_to_recipients(*, campaign, actor, recipients=None, goods="", paid_on=None, override_note=""):
    """Hand the campaign's help to the people on its list not yet delivered (all of them, or ``recipients``):
    one payment (人次) each, the yearly cap and the budget checked for each, and one expense request for all
    their money, the signed list its voucher. One person refused (the cap) stops the batch: nothing is
    written and the message names her."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.closed:
        raise ValidationError(_("活动已结束，不能再发放。"))
    rows = CampaignRecipient.objects.select_for_update(of=("self",)).filter(campaign=campaign, payment=None)
    if recipients is not None:
        rows = rows.filter(pk__in=[r.pk for r in recipients])
    rows = list(rows.select_related("member").order_by("pk"))
    if not rows:
        raise ValidationError(_("名单上没有待发放的人。"))
    payments = []
    for recipient in rows:
        recipient.payment = record_payment(
            member=recipient.member,
            actor=actor,
            amount=recipient.amount,
            goods=goods,
            kind=campaign.payment_kind(),
            fund_source=campaign.fund_source,
            paid_on=paid_on,
            campaign=campaign,
            override_note=override_note,
            request=False,
        )
        recipient.save(update_fields=["payment"])
        payments.append(recipient.payment)
    cash = [payment for payment in payments if payment.amount > ZERO]
    if cash:
        payouts.request_money(payments=cash, actor=actor)
    return payments


def campaign_progress(campaign):
    """Handed-over 人次 against the list (a delivery whose money is still in the funds chain is not yet
    handed over); 元 actually paid against the budget (and the chair's overrides)."""
    recipients = list(campaign.recipients.all())  # prefetch them with their payments for a list
    delivered = [r for r in recipients if r.payment_id and r.payment.status == Payment.Status.PAID]
    waiting = [r for r in recipients if r.payment_id and r.payment.status != Payment.Status.PAID]
    paid = campaign.spent()
    return {
        "listed": len(recipients),
        "waiting": len(waiting),
        "delivered": len(delivered),
        "planned": sum((r.amount for r in recipients), ZERO),
        "paid": paid,
        "limit": campaign.spending_limit(),
        "over_budget": paid > campaign.budget,
        "percent": round(100 * len(delivered) / len(recipients)) if recipients else 0,
    }


def campaign_behind_schedule(campaign, today=None):
    """``Campaign.behind_schedule`` counted on its (prefetched) list alone: the money figures of
    campaign_progress cost two queries per campaign."""
    recipients = list(campaign.recipients.all())
    return campaign.behind_schedule(
        listed=len(recipients),
        delivered=sum(1 for r in recipients if r.payment_id),
        today=today or timezone.localdate(),
    )


# ---- visits and donations ---------------------------------------------------------------------


@transaction.atomic
def record_visit(
    *, member, actor, occasion, visited_on, visitors, gifts="", money=ZERO, fund_source=None, notes="", override_note=""
):
    """A visit or condolence (走访/慰问); condolence money becomes a payment (慰问金) asked of the funds chain."""
    if not visitors:
        raise ValidationError(_("请至少选择一位慰问人。"))
    money = to_money(money)
    payment = None
    if money > ZERO:
        if not fund_source:
            raise ValidationError(_("发放慰问金时请选择经费来源。"))
        payment = record_payment(
            member=member,
            actor=actor,
            amount=money,
            kind=Payment.Kind.CONDOLENCE,
            fund_source=fund_source,
            paid_on=visited_on,
            occasion=occasion,
            override_note=override_note,
            note=_("%(occasion)s慰问") % {"occasion": occasion},
        )
    visit = Visit(
        member=member,
        occasion=occasion,
        visited_on=visited_on,
        gifts=gifts,
        notes=notes,
        recorded_by=actor,
        payment=payment,
    )
    visit.full_clean()
    visit.save()
    visit.visitors.set(visitors)
    care.close_tasks_visited(visit)
    return visit


@transaction.atomic
def open_drive(*, actor, **fields):
    drive = DonationDrive(**fields)
    drive.full_clean()
    drive.save()
    return drive


@transaction.atomic
def pledge(*, drive, member, amount):
    """A member pledges to a donation drive (爱心捐款) while it is open."""
    if drive.handed_over_on or (drive.expense and drive.expense.is_standing):
        raise ValidationError(_("捐款已在移交，不再接受认捐。"))
    if timezone.localdate() > drive.closes_on:
        raise ValidationError(_("捐款已截止。"))
    amount = to_money(amount)
    if amount <= ZERO:
        raise ValidationError(_("捐款金额必须大于零。"))
    entry = Pledge(drive=drive, member=member, amount=amount)
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def hand_over_drive(*, drive, actor, handed_over_to=""):
    """Ask to hand the pledged total over (移交) to the beneficiary, the upper union or a charity: an expense
    request through the funds chain (财务审核 → 主席审批 → 财务支付); pledging stops, and the drive is handed
    over on the day the accountant pays. No ``Payment`` is written: this is colleagues' money, not the
    union's help. A refused or withdrawn request may be asked again."""
    from funds.services.linked import require_no_standing_request
    from funds.services.spending import request_for

    drives = DonationDrive.objects.select_for_update(of=("self",)).select_related("beneficiary", "expense")
    drive = drives.get(pk=drive.pk)
    require_no_standing_request(drive.expense)
    total = drive.pledged_total()
    if total == ZERO:
        raise ValidationError(_("还没有认捐，不能转交。"))
    recipient = handed_over_to.strip() or (drive.beneficiary.name if drive.beneficiary else "")
    if not recipient:
        raise ValidationError(_("请填写捐款的接收方。"))
    drive.expense = request_for(
        kind="donation",
        reference=drive.title,
        requester=actor,
        amount=total,
        # ‘’, as the notices that name the request quote it in “”
        purpose=_("爱心捐款‘%(title)s’移交%(to)s") % {"title": drive.title, "to": recipient},
        payee=recipient,
    )
    drive.handed_over_to = recipient
    drive.handed_over_amount = total
    drive.full_clean()
    drive.save()
    return drive


def handed_over(entry) -> dict:
    """What a paid hand-over's ledger entry says of its drive."""
    return {"handed_over_on": entry.date}
