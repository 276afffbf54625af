"""会费: the arithmetic, the services that write the monthly ledger, and the reads of the dues pages.

Amounts are Decimal, rounded half up to the fen (0.01 元) as the cashier would.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Sum, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from unionportal.models import UnionProfile
from unionportal.spreadsheets import append_row, start_sheet, workbook_bytes

from .models import DuesRecord, DuesSettings, Member, MembershipEvent

FEN = Decimal("0.01")
ZERO = Decimal("0.00")


def to_fen(amount):
    return Decimal(amount).quantize(FEN, rounding=ROUND_HALF_UP)


def dues_for(wage_base, rate):
    """Monthly dues: wage base × rate, half up to the fen (default rate 0.5%)."""
    return to_fen(Decimal(wage_base) * Decimal(rate))


def hand_up_for(collected, share):
    """The part of the collected dues passed up to the higher union (上缴)."""
    return to_fen(Decimal(collected) * Decimal(share))


def hand_up_share(year):
    """The hand-up share of ``year``: a setting of each year in the funds app, so a change this year leaves
    what earlier years show as it was."""
    from funds.services.common import dues_hand_up_share

    return dues_hand_up_share(year)


def first_of_month(day):
    return day.replace(day=1)


def billed_statuses():
    """Who is billed: people in service, and retirees only where the union says so (工会信息)."""
    if UnionProfile.load().retirees_pay_dues:
        return [Member.Status.ACTIVE, Member.Status.RETIRED]
    return [Member.Status.ACTIVE]


def unbilled(prefix=""):
    """Q of the ledger lines nobody asks to pay: a retiree's for the months after she retired (all of them when
    no 退休 is on her timeline, as for one imported retired), unless the union bills retirees. ``prefix`` is
    "member__" on ledger lines, "" on members joined to their lines. What was paid still counts; the rest of
    such a line is not owed. Months before she retired stay owed."""
    if Member.Status.RETIRED in billed_statuses():
        return Q(pk__in=[])
    member, month = ("member_id", "month") if prefix else ("pk", "dues__month")
    retired = MembershipEvent.objects.filter(member_id=OuterRef(member), kind=MembershipEvent.Kind.RETIRE)
    after = Exists(retired.filter(occurred_on__lt=OuterRef(month))) | ~Exists(retired)
    return Q(**{f"{prefix}status": Member.Status.RETIRED}) & after


def last_billed_month(member):
    """The last month a retired member is billed for (the month she retired; before any month when her 退休 is
    not recorded), or None while she is billed."""
    if member.status in billed_statuses():
        return None
    retired = member.events.filter(kind=MembershipEvent.Kind.RETIRE).first()
    return first_of_month(retired.occurred_on) if retired else datetime.date.min


@transaction.atomic
def update_settings(*, rate, hand_up_share, actor=None, year=None):
    """The chair sets the dues rate and this year's hand-up share (a funds year setting); months already on the
    ledger keep their amounts, earlier years keep their share."""
    from funds.services.income import update_year_settings

    settings = DuesSettings.current()
    settings.rate = rate
    if not (Decimal("0") < Decimal(rate) <= Decimal("0.1")):
        raise ValidationError(_("会费比例应大于0且不超过10%。"))
    if not (Decimal("0") <= Decimal(hand_up_share) <= Decimal("1")):
        raise ValidationError(_("上缴比例应在0到100%之间。"))
    settings.full_clean()
    settings.save()
    update_year_settings(year=year or timezone.localdate().year, actor=actor, dues_hand_up_share=hand_up_share)
    return settings


@transaction.atomic
def set_wage_base(*, member, month, wage_base, actor=None):
    """Enter a member's wage base for a month; the due amount follows from the current rate."""
    if not member.is_union_member:
        raise ValidationError(_("%(name)s 不是工会会员，无需缴纳会费。") % {"name": member.name})
    if Decimal(wage_base) < 0:
        raise ValidationError(_("工资基数不能为负数。"))
    month = first_of_month(month)
    last_billed = last_billed_month(member)
    if last_billed and month > last_billed:
        raise ValidationError(
            _("%(name)s 已退休，本会不收取退休后的会费（见工会信息中的“退休职工缴纳会费”）。") % {"name": member.name}
        )
    record = DuesRecord.objects.select_for_update().filter(member=member, month=month).first()
    if record and record.paid:
        raise ValidationError(
            _("%(name)s %(month)s 的会费已缴，不能再改基数。") % {"name": member.name, "month": f"{month:%Y-%m}"}
        )
    record = record or DuesRecord(member=member, month=month)
    record.wage_base = to_fen(wage_base)
    record.due = dues_for(record.wage_base, DuesSettings.current().rate)
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def open_month(*, month, actor=None):
    """Start a month's ledger: every member billed (in service; retirees only where the union bills them) gets
    a line with their latest wage base; existing lines stay."""
    month = first_of_month(month)
    rate = DuesSettings.current().rate
    latest = {}
    for member_id, wage_base in (
        DuesRecord.objects.filter(month__lt=month).order_by("member_id", "month").values_list("member_id", "wage_base")
    ):
        latest[member_id] = wage_base
    existing = set(DuesRecord.objects.filter(month=month).values_list("member_id", flat=True))
    members = Member.objects.filter(status__in=billed_statuses(), is_union_member=True, pk__in=latest).exclude(
        pk__in=existing
    )
    records = [
        DuesRecord(member=member, month=month, wage_base=latest[member.pk], due=dues_for(latest[member.pk], rate))
        for member in members
    ]
    return DuesRecord.objects.bulk_create(records)


@transaction.atomic
def mark_paid(*, record, on, amount=None, actor=None):
    """One member pays a month: the rest still owed, or a part of it; never more than is owed."""
    record = DuesRecord.objects.select_for_update().get(pk=record.pk)
    owed = record.due - record.paid
    if owed <= 0:
        raise ValidationError(_("%(record)s 已缴清。") % {"record": record})
    if on > timezone.localdate():
        raise ValidationError(_("缴纳日期不能晚于今天。"))
    amount = owed if amount is None else to_fen(amount)
    if amount <= 0:
        raise ValidationError(_("缴纳金额应大于0。"))
    if amount > owed:
        raise ValidationError(_("缴纳金额超过欠缴的 %(owed)s 元。") % {"owed": owed})
    record.paid += amount
    record.paid_on = on
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def correct_payment(*, record, paid, paid_on, reason, actor=None):
    """更正: a payment entered wrongly is set right (the amount actually paid and its day), the reason kept
    with the old and new figures in the record's history."""
    if not reason.strip():
        raise ValidationError(_("请填写更正原因。"))
    record = DuesRecord.objects.select_for_update().get(pk=record.pk)
    paid = to_fen(paid)
    if paid < 0 or paid > record.due:
        raise ValidationError(_("实缴金额应在0到应缴的 %(due)s 元之间。") % {"due": record.due})
    if paid and paid_on is None:
        raise ValidationError(_("请填写缴纳日期。"))
    if paid_on and paid_on > timezone.localdate():
        raise ValidationError(_("缴纳日期不能晚于今天。"))
    before = f"{record.paid}（{record.paid_on or '—'}）"
    record.paid, record.paid_on = paid, paid_on if paid else None
    record._change_reason = _("更正：%(reason)s；原实缴 %(before)s") % {"reason": reason.strip(), "before": before}
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def mark_group_paid(*, union_group, month, on, members, actor=None):
    """批量登记: the unpaid lines of the members ticked, of one union group for one month, are paid in full on
    the given day; a member not ticked is left owing."""
    if on > timezone.localdate():
        raise ValidationError(_("缴纳日期不能晚于今天。"))
    if not members:
        raise ValidationError(_("请在台账中勾选已缴的会员。"))
    unpaid = DuesRecord.objects.select_for_update().filter(
        member__union_group=union_group, member__in=members, month=first_of_month(month), paid__lt=F("due")
    )
    records = list(unpaid)
    if not records:
        raise ValidationError(
            _("所勾选的会员在%(group)s %(month)s 没有未缴的会费记录。")
            % {"group": union_group, "month": f"{month:%Y-%m}"}
        )
    for record in records:
        record.paid, record.paid_on = record.due, on
    DuesRecord.objects.bulk_update(records, ["paid", "paid_on"])
    return len(records)


def month_ledger(month, union_group=None):
    """A month's lines; an unbilled retiree's line shows only if she paid something."""
    records = (
        DuesRecord.objects.filter(month=first_of_month(month))
        .exclude(unbilled("member__") & Q(paid=0))
        .select_related("member", "member__union_group")
    )
    if union_group:
        records = records.filter(member__union_group=union_group)
    return records.order_by("member__union_group__sort_order", "member__name_pinyin")


def arrears(today=None):
    """Lines of past and current months not paid in full (欠缴), of people billed."""
    today = today or timezone.localdate()
    return (
        DuesRecord.objects.filter(month__lte=first_of_month(today), paid__lt=F("due"))
        .exclude(unbilled("member__"))
        .select_related("member", "member__union_group")
        .order_by("member__union_group__sort_order", "member__name_pinyin", "month")
    )


LEDGER_HEADERS = [
    gettext_lazy(header)
    for header in ("序号", "姓名", "工会小组", "月份", "工资基数", "应缴", "实缴", "欠缴", "缴纳日期")
]


def ledger_workbook(records, title):
    """Ledger lines (a month's, or the arrears) as .xlsx, with a 合计 row."""
    book = Workbook(write_only=True)
    sheet = start_sheet(book, title, [str(header) for header in LEDGER_HEADERS])
    sums = [ZERO, ZERO, ZERO]
    for number, record in enumerate(records, start=1):
        append_row(
            sheet,
            [
                number, record.member.name, str(record.member.union_group or ""), f"{record.month:%Y-%m}",
                record.wage_base, record.due, record.paid, record.arrears, record.paid_on,
            ]
        )  # fmt: skip
        sums = [sums[0] + record.due, sums[1] + record.paid, sums[2] + record.arrears]
    append_row(sheet, [_("合计"), "", "", "", "", *sums, ""])
    return workbook_bytes(book)


def yearly_totals(year):
    """Due, collected, outstanding, hand-up (上缴) and retained amounts of one year. An unbilled retiree is due
    what she paid."""
    sums = DuesRecord.objects.filter(month__year=year).aggregate(
        due_sum=Coalesce(Sum(Case(When(unbilled("member__"), then=F("paid")), default=F("due"))), ZERO),
        paid_sum=Coalesce(Sum("paid"), ZERO),
        lines=Count("id"),
        unpaid_lines=Count("id", filter=Q(paid__lt=F("due")) & ~unbilled("member__")),
    )
    # SQLite hands sums back without their two decimals (46684, 42135.5); the fen are put back here.
    totals = {"due": to_fen(sums["due_sum"]), "paid": to_fen(sums["paid_sum"]), "lines": sums["lines"]}
    totals["unpaid_lines"] = sums["unpaid_lines"]
    totals["outstanding"] = totals["due"] - totals["paid"]
    totals["share"] = hand_up_share(year)
    totals["hand_up"] = hand_up_for(totals["paid"], totals["share"])
    totals["retained"] = totals["paid"] - totals["hand_up"]
    return totals


def member_totals(year):
    """Each member's due, paid and outstanding of one year (每人全年合计), one row per member with a ledger line;
    an unbilled retiree is due what she paid."""
    due = Sum(Case(When(unbilled(), then=F("dues__paid")), default=F("dues__due")))
    return (
        Member.objects.filter(dues__month__year=year)
        .select_related("union_group")
        .annotate(
            due_sum=due,
            paid_sum=Sum("dues__paid"),
            outstanding=due - Sum("dues__paid"),
            months=Count("dues"),
        )
        .order_by("union_group__sort_order", "name_pinyin", "pk")
    )


def own_year(member, year):
    """One member's ledger lines of a year and their sums, for the member's own page."""
    records = list(DuesRecord.objects.filter(member=member, month__year=year).order_by("month"))
    unbilled_after = last_billed_month(member)
    paid = sum((record.paid for record in records), ZERO)
    due = sum(
        (record.paid if unbilled_after and record.month > unbilled_after else record.due for record in records), ZERO
    )
    return {"records": records, "due": due, "paid": paid, "outstanding": due - paid}


def years_on_ledger(member=None):
    records = DuesRecord.objects.filter(member=member) if member else DuesRecord.objects.all()
    return sorted({month.year for month in records.dates("month", "year")}, reverse=True)


def monthly_totals(year):
    rows = (
        DuesRecord.objects.filter(month__year=year)
        .values("month")
        .annotate(due=Sum("due"), paid=Sum("paid"))
        .order_by("month")
    )
    return [{"month": row["month"], "due": to_fen(row["due"]), "paid": to_fen(row["paid"])} for row in rows]


def months_of(year):
    return [datetime.date(year, m, 1) for m in range(1, 13)]
