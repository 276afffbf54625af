"""The 女职工 chapter of the annual union work report: women on the roster and in union bodies,
the 女职工委员会, women's events and honours."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from activities.models import Event, Honour, Registration
from unionportal.documents.annual_report import Chapter, ChronicleEntry, report_day
from welfare.models import HardshipFile

from .models import CommitteeSeat, CommitteeTerm, Member

WOMENS_COMMITTEE = "女职工委员会"
UNION_COMMITTEE = "工会委员会"


def _term(committee_name, year):
    """The committee's term in office at the end of the year, if any."""
    year_end = datetime.date(year, 12, 31)
    return (
        CommitteeTerm.objects.filter(committee__name=committee_name, starts_on__lte=year_end)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=datetime.date(year, 1, 1)))
        .order_by("-starts_on")
        .first()
    )


def _seats(term):
    return list(CommitteeSeat.objects.filter(term=term).select_related("member")) if term else []


def womens_events(year):
    return Event.objects.filter(
        Q(eligibility=Event.Eligibility.WOMEN) | Q(organiser=Event.Organiser.WOMEN),
        starts_at__year=year,
        starts_at__date__lte=report_day(year),
    ).order_by("starts_at")


def annual_report(year):
    active = Member.objects.filter(status=Member.Status.ACTIVE)
    figures = active.aggregate(
        staff=Count("id"),
        women=Count("id", filter=Q(gender=Member.Gender.FEMALE)),
        women_members=Count("id", filter=Q(gender=Member.Gender.FEMALE, is_union_member=True)),
    )
    if not figures["women"]:
        return None
    figures["share"] = figures["women"] / figures["staff"]
    union_seats = _seats(_term(UNION_COMMITTEE, year))
    figures["committee_seats"] = len(union_seats)
    figures["committee_women"] = sum(1 for seat in union_seats if seat.member.gender == Member.Gender.FEMALE)
    figures["single_parent_files"] = (
        HardshipFile.objects.filter(single_parent_woman=True, opened_on__year__lte=year)
        .exclude(status=HardshipFile.Status.CANCELLED)
        .count()
    )
    events = womens_events(year).annotate(
        taken=Count("registrations", filter=Q(registrations__status=Registration.Status.REGISTERED))
    )
    # commendations only: prizes won at events are counted in the 文体活动 chapter
    honours = Honour.objects.filter(year=year, member__gender=Member.Gender.FEMALE, result__isnull=True)
    womens_term = _term(WOMENS_COMMITTEE, year)
    return Chapter(
        heading=_("女职工工作"),
        template="members/report/women.html",
        context={
            "figures": figures,
            "womens_term": womens_term,
            "womens_seats": _seats(womens_term),
            "events": events,
            "taken": sum(event.taken for event in events),
            "honoured": honours.count(),
            "honour_titles": list(honours.values_list("title").annotate(count=Count("id")).order_by("-count")),
        },
        chronicle=[
            ChronicleEntry(timezone.localtime(event.starts_at).date(), _("举办%(title)s") % {"title": event.title})
            for event in events
            if not event.festival  # festival days are in the 文体活动 chronicle already
        ],
    )
