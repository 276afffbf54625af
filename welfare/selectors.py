"""The reads that welfare pages need, with their joins."""

import datetime

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Count, DecimalField, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractDay
from django.utils import timezone

from members.models import Member
from unionportal.compiled import compiled_per_arguments

from .models import (
    ZERO,
    Application,
    Campaign,
    CampaignOverride,
    CampaignRecipient,
    DonationDrive,
    FileAccessLog,
    FundSource,
    HardshipFile,
    Payment,
    Visit,
    WelfareSettings,
)


def file_list(*, status="", level="", q=""):
    files = HardshipFile.objects.select_related("member", "member__department")
    if status:
        files = files.filter(status=status)
    if level:
        files = files.filter(level=level)
    if q:
        files = files.filter(Q(member__name__contains=q) | Q(member__name_initials__icontains=q))
    return files


def file_access_log(*, person: str = "", since=None, until=None):
    """Every read of every hardship file, newest first; ``person`` matches the reader or the file's member."""
    rows = FileAccessLog.objects.select_related("user__member", "file__member")
    if person:
        rows = rows.filter(
            Q(user__member__name__contains=person)
            | Q(file__member__name__contains=person)
            | Q(file__member__name_initials__icontains=person)
        )
    if since:
        rows = rows.filter(at__date__gte=since)
    if until:
        rows = rows.filter(at__date__lte=until)
    return rows


def files_due_for_review(today=None):
    today = today or timezone.localdate()
    return file_list(status=HardshipFile.Status.HELPING).filter(next_review_on__lte=today + datetime.timedelta(days=30))


def applications(*, status=""):
    """Applications, of one status or ``pending`` (those waiting for the union)."""
    rows = Application.objects.select_related("member", "applied_by")
    if status == "pending":
        return rows.filter(status__in=Application.PENDING)
    return rows.filter(status=status) if status else rows


def payments(*, year=None, fund_source="", campaign=None):
    """The ledger of payments, handed over or still waiting on their expense request (each row says which)."""
    rows = Payment.objects.select_related("member", "campaign", "approver__member", "expense")
    if year:
        rows = rows.filter(paid_on__year=year)
    if fund_source:
        rows = rows.filter(fund_source=fund_source)
    if campaign:
        rows = rows.filter(campaign_id=campaign)
    return rows


def payments_between(start=None, end=None):
    """Payments (one 人次 each) handed over from ``start`` to ``end``, either open: the one set that the year's
    totals, the printed 帮扶资金发放登记表 and the annual report all count. Money still in the funds chain is
    not in it."""
    rows = Payment.objects.paid()
    if start:
        rows = rows.filter(paid_on__gte=start)
    return rows.filter(paid_on__lte=end) if end else rows


def visits_between(start=None, end=None):
    """Visits made from ``start`` to ``end``: the one set behind the 走访慰问登记表 and the totals by occasion."""
    rows = Visit.objects.all()
    if start:
        rows = rows.filter(visited_on__gte=start)
    return rows.filter(visited_on__lte=end) if end else rows


# a visit's 慰问金 counts once the funds chain has paid it
PAID_VISIT_MONEY = Sum("payment__amount", filter=Q(payment__status=Payment.Status.PAID))


def year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _total(rows):
    return {"times": sum(row["times"] for row in rows), "yuan": sum((row["yuan"] or ZERO for row in rows), ZERO)}


def _summed(rows, key):
    """The grouped rows added up by ``key`` (a function of a row), in the order the keys first appear."""
    by_key = {}
    for row in rows:
        by_key.setdefault(key(row), []).append(row)
    return {found: _total(group) for found, group in by_key.items()}


PAYMENT_GROUP = ("kind", "fund_source", "campaign", "campaign__name", "times", "yuan")
OCCASION_GROUP = ("occasion", "occasion__name", "times", "yuan")


def payment_groups(year):
    """The year's paid payments (``payments_between``) counted and summed per PAYMENT_GROUP, as its columns."""
    return (
        payments_between(*year_bounds(year))
        .values(*PAYMENT_GROUP[:4])
        .annotate(times=Count("pk"), yuan=Sum("amount"))
        .order_by("campaign__name", "campaign")
        .values_list(*PAYMENT_GROUP)
    )


def occasion_groups(year):
    """The year's visits (``visits_between``) counted per occasion with their paid money, as OCCASION_GROUP."""
    return (
        visits_between(*year_bounds(year))
        .values(*OCCASION_GROUP[:2])
        .annotate(times=Count("pk"), yuan=PAID_VISIT_MONEY)
        .order_by("occasion__sort_order", "occasion")
        .values_list(*OCCASION_GROUP)
    )


# their SQL built once per process and year
_payment_groups = compiled_per_arguments(payment_groups)
_occasion_groups = compiled_per_arguments(occasion_groups)


def totals(year):
    """The year's ``care_summary`` and, kept apart from it, the colleagues' donations passed on that year."""
    handed_over = DonationDrive.objects.filter(handed_over_on__year=year).aggregate(
        times=Count("pk"), yuan=Sum("handed_over_amount")
    )
    return {**care_summary(year), "donations_handed_over": _quantized(handed_over)}


def _quantized(row):
    return {**row, "yuan": (row["yuan"] or ZERO).quantize(ZERO)}


def care_summary(year):
    """The year's care summary in 人次 and 元: payments by type, fund source and campaign (one payment is one
    人次), and visits by occasion with the money handed over on them. One grouped query each for payments and
    visits: the overall figures and the other groupings are their sums."""
    return summary_of(_payment_groups(year), _occasion_groups(year))


def summary_of(payment_rows, occasion_rows):
    """``care_summary`` from the rows of ``payment_groups`` and ``occasion_groups``."""
    payment_groups = [dict(zip(PAYMENT_GROUP, row, strict=True)) for row in payment_rows]
    occasions = [dict(zip(OCCASION_GROUP, row, strict=True)) for row in occasion_rows]

    def grouped(field, label):
        sums = _summed(payment_groups, lambda row: row[field])
        return [_quantized({field: key, **sums[key], "label": label(key).label}) for key in sorted(sums)]

    campaigns = _summed(
        (row for row in payment_groups if row["campaign"] is not None),
        lambda row: (row["campaign"], row["campaign__name"]),
    )
    return {
        "overall": _quantized(_total(payment_groups)),
        "by_kind": grouped("kind", Payment.Kind),
        "by_source": grouped("fund_source", FundSource),
        "by_campaign": [
            _quantized({"campaign": pk, "campaign__name": name, **sums}) for (pk, name), sums in campaigns.items()
        ],
        "visits": _quantized(_total(occasions)),
        "by_occasion": [_quantized(row) for row in occasions],
    }


def birthdays_this_month(today=None):
    today = today or timezone.localdate()
    members = Member.objects.filter(birth_date__month=today.month).exclude(
        status__in=[Member.Status.DECEASED, Member.Status.TRANSFERRED]
    )
    return members.select_related("department").order_by(ExtractDay("birth_date"), "name", "pk")


HOSPITAL_DAYS = 30


def in_hospital(days=HOSPITAL_DAYS, today=None):
    """Members visited for 住院 in the last month: the ones to follow up."""
    today = today or timezone.localdate()
    return visits(occasion_name="住院", since=today - datetime.timedelta(days=days))


def visits(*, occasion=None, occasion_name="", since=None):
    rows = Visit.objects.select_related("member", "occasion", "payment")
    if occasion:
        rows = rows.filter(occasion=occasion)
    if occasion_name:
        rows = rows.filter(occasion__name=occasion_name)
    return rows.filter(visited_on__gte=since) if since else rows


PROGRESS_FIELDS = ["id", "name", "starts_on", "due_on", "closed"]  # what Campaign.behind_schedule reads


def open_campaigns():
    """The open campaigns' PROGRESS_FIELDS with their lists counted in the database (listed, delivered)."""
    return (
        Campaign.objects.filter(closed=False)
        .annotate(
            listed=Count("recipients"), delivered=Count("recipients", filter=Q(recipients__payment__isnull=False))
        )
        .values_list(*PROGRESS_FIELDS, "listed", "delivered")
    )


_open_campaigns = compiled_per_arguments(open_campaigns)  # its SQL built once per process


def campaigns_behind_schedule(today=None):
    """The open campaigns behind schedule (``Campaign.behind_schedule``), loaded with only PROGRESS_FIELDS (as
    ``only()`` loads them)."""
    return behind_schedule(_open_campaigns(), today or timezone.localdate())


def behind_schedule(open_campaign_rows, today):
    """``campaigns_behind_schedule`` from the rows of ``open_campaigns``."""
    behind = []
    for *fields, listed, delivered in open_campaign_rows:
        campaign = Campaign.from_db(DEFAULT_DB_ALIAS, PROGRESS_FIELDS, fields)
        if campaign.behind_schedule(listed=listed, delivered=delivered, today=today):
            behind.append(campaign)
    return behind


def _sum_per_campaign(rows, field):
    rows = rows.filter(campaign=OuterRef("pk")).values("campaign").annotate(total=Sum(field))
    return Coalesce(
        Subquery(rows.values("total")), Value(ZERO), output_field=DecimalField(max_digits=12, decimal_places=2)
    )


def campaigns(*, user):
    """The campaigns ``user`` may see (a 委员 only those that are not confidential), each with its recipients,
    and what was paid under it and the chair's extra allowance summed in the same query
    (``Campaign.spent`` and ``overrides_total`` read them), for the list."""
    rows = Campaign.objects.all()
    if not user.has_perm("welfare.view_confidential_campaigns"):
        rows = rows.filter(confidential=False)
    return rows.prefetch_related(recipients_with_payments()).annotate(
        paid_total=_sum_per_campaign(Payment.objects.paid(), "amount"),
        extra_total=_sum_per_campaign(CampaignOverride.objects.all(), "extra"),
    )


def recipients_with_payments():
    """A campaign's list with each delivery's payment, whose status says whether it is handed over yet."""
    return Prefetch("recipients", queryset=CampaignRecipient.objects.select_related("member", "payment"))


def decision_facts(application):
    """What the chair weighs (主席审批): the hardship file and its level, what the person got or was
    promised this year against the yearly cap, and what this application asks (or, once decided, was granted)."""
    from .services import approved_unpaid, paid_this_year

    year = timezone.localdate().year
    member = application.member
    # both leave this application out, whether it is still a promise or already a payment row: it is
    # what "asked" weighs, and counting its payment in "paid" as well would count the same money twice
    paid = paid_this_year(member, year, exclude=application)
    promised = approved_unpaid(member, exclude=application)
    cap = WelfareSettings.current().yearly_cap_per_person
    # once the chair has decided, what this application weighs is the amount she approved, not the one asked
    approved = application.amount_approved is not None
    amount = application.amount_approved if approved else application.amount_requested
    return {
        "file": application.file,
        "year": year,
        "paid": paid,
        "promised": promised,
        "cap": cap,
        "left": max(cap - paid - promised, 0),
        "asked": amount,
        "approved": approved,
        "over_cap": paid + promised + amount > cap,
    }
