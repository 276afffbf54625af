"""The 离退休 chapter of the annual union work report: retirees, the care they received and their events."""

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from activities.models import Event, Registration
from unionportal.documents.annual_report import Chapter, ChronicleEntry, report_day
from welfare.models import ZERO, Payment, Visit

from .models import Member, MembershipEvent


def annual_report(year):
    retirees = Member.objects.filter(status=Member.Status.RETIRED)
    figures = retirees.aggregate(total=Count("id"), members=Count("id", filter=Q(is_union_member=True)))
    figures["newly_retired"] = MembershipEvent.objects.filter(
        kind=MembershipEvent.Kind.RETIRE, occurred_on__year=year
    ).count()
    if not (figures["total"] or figures["newly_retired"]):
        return None
    figures["visits"] = Visit.objects.filter(visited_on__year=year, member__status=Member.Status.RETIRED).count()
    paid = (
        Payment.objects.paid()
        .filter(paid_on__year=year, member__status=Member.Status.RETIRED)
        .aggregate(times=Count("id"), yuan=Sum("amount"))
    )
    figures["paid_times"], figures["paid_yuan"] = paid["times"], (paid["yuan"] or ZERO).quantize(ZERO)
    figures["taken_part"] = Registration.objects.filter(
        event__starts_at__year=year,
        event__starts_at__date__lte=report_day(year),
        status=Registration.Status.REGISTERED,
        member__status=Member.Status.RETIRED,
    ).count()
    events = (
        Event.objects.filter(
            eligibility=Event.Eligibility.RETIREES, starts_at__year=year, starts_at__date__lte=report_day(year)
        )
        .annotate(taken=Count("registrations", filter=Q(registrations__status=Registration.Status.REGISTERED)))
        .order_by("starts_at")
    )
    return Chapter(
        heading=_("离退休工作"),
        template="members/report/retirees.html",
        context={"figures": figures, "events": events},
        chronicle=[
            ChronicleEntry(timezone.localtime(event.starts_at).date(), _("举办%(title)s") % {"title": event.title})
            for event in events
            if not event.festival
        ],
    )
