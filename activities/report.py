"""The 文体活动 chapter of the annual union work report: events, turnout, prizes and honours."""

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from unionportal.charts import bar_chart
from unionportal.choices import translated_labels
from unionportal.documents.annual_report import Chapter, ChronicleEntry, report_day

from .models import Event, Honour, Level, Registration, Result


def _table(events):
    """(start, title, level, places taken) of each event: the table's rows, each level's label translated once."""
    levels = translated_labels(Level)
    taken = Count("registrations", filter=Q(registrations__status=Registration.Status.REGISTERED))
    rows = events.annotate(taken=taken).values_list("starts_at", "title", "level", "taken")
    return [(starts_at, title, levels[level], places) for starts_at, title, level, places in rows]


def annual_report(year):
    events = Event.objects.filter(starts_at__year=year, starts_at__date__lte=report_day(year)).order_by("starts_at")
    if not events.exists():
        return None
    figures = events.aggregate(
        events=Count("id", distinct=True),
        budget=Sum("budget"),
        spent=Sum("actual_cost"),
    )
    registrations = Registration.objects.filter(event__in=events, status=Registration.Status.REGISTERED)
    figures |= registrations.aggregate(
        taken_part=Count("id"),
        checked_in=Count("id", filter=Q(checked_in_at__isnull=False)),
        people=Count("member", distinct=True),  # a team's place has no member, and COUNT skips it
    )
    by_kind = dict(events.order_by().values_list("kind").annotate(count=Count("id")))
    prizes = (
        Result.objects.filter(event__in=events).exclude(prize="").order_by().values("prize").annotate(count=Count("id"))
    )
    prize_counts = {row["prize"]: row["count"] for row in prizes}
    honours = Honour.objects.filter(year=year).order_by().values("level").annotate(count=Count("id"))
    honour_counts = {row["level"]: row["count"] for row in honours}
    return Chapter(
        heading=_("文体活动"),
        template="activities/report/annual.html",
        context={
            "figures": figures,
            "kind_chart": bar_chart(
                [(label, by_kind[value]) for value, label in Event.Kind.choices if value in by_kind],
                value_label=lambda n: ngettext("%(n)s项", "%(n)s项", n) % {"n": n},
            ),
            "prizes": [(label, prize_counts[value]) for value, label in Result.Prize.choices if value in prize_counts],
            "honours": [
                (label, honour_counts[value])
                for value, label in Honour._meta.get_field("level").choices
                if value in honour_counts
            ],
            "events": _table(events),
        },
        chronicle=[
            ChronicleEntry(timezone.localtime(event.starts_at).date(), _("举办%(title)s") % {"title": event.title})
            for event in events.filter(Q(level__in=["county", "city"]) | ~Q(festival="")).only("starts_at", "title")
        ],
    )
