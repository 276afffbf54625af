"""The 民主管理 chapter of the annual union work report: the year's congress sessions, their
proposals with the congress app's own KPIs, and the results of the appraisals closed that year.

Appraisal results are the tallies only (per leader and grade): nothing here ties a ballot to a voter.
"""

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from unionportal.charts import bar_chart
from unionportal.documents.annual_report import Chapter, ChronicleEntry

from . import appraisal_selectors, selectors
from .documents import approval_rate
from .models import Appraisal, Motion, Proposal, Session


def _roll_call(session):
    """(应到, 实到) as fixed at the session's first vote, so a later 补选 leaves it alone; before any
    vote, the quorum count as it stands (实到 None when no attendance has been taken)."""
    motion = (
        Motion.objects.filter(agenda_item__session=session, delegates_total__isnull=False)
        .order_by("opened_at", "pk")
        .first()
    )
    if motion:
        return motion.delegates_total, motion.delegates_present
    present, total, _reached = selectors.quorum(session=session)
    return total, present if session.attendance.exists() else None


def closed_appraisals(year):
    """Appraisals whose result was published (已公示) in that year, in order, each with ``closed_on``."""
    return list(
        Appraisal.objects.filter(status=Appraisal.Status.CLOSED, closed_at__year=year)
        .annotate(voted=Count("receipts"), closed_on=TruncDate("closed_at"))
        .order_by("closed_at", "pk")
    )


def annual_report(year):
    sessions = list(Session.objects.filter(starts_on__year=year).select_related("term").order_by("starts_on"))
    appraisals = closed_appraisals(year)
    if not (sessions or appraisals):
        return None
    today = timezone.localdate()
    for session in sessions:
        session.held = session.starts_on <= today
        session.delegates_total, session.delegates_present = _roll_call(session)
        session.kpis = selectors.session_kpis(session)
    by_status = dict(
        Proposal.objects.filter(session__in=sessions, status__in=Proposal.RECEIVED)
        .values_list("status")
        .annotate(count=Count("id"))
    )
    results = []
    for appraisal in appraisals:
        rows = [{**row, "approval": approval_rate(row)} for row in appraisal_selectors.appraisal_tally(appraisal)]
        results.append(
            {
                "appraisal": appraisal,
                "grades": appraisal.grades(),
                "rows": rows,
                "flagged": any(r["flagged"] for r in rows),
            }
        )
    return Chapter(
        heading=_("民主管理"),
        template="congress/report/annual.html",
        context={
            "sessions": sessions,
            "held": sum(session.held for session in sessions),
            "received": sum(session.kpis["received"] for session in sessions),
            "status_chart": bar_chart(
                [(label, by_status[value]) for value, label in Proposal.Status.choices if value in by_status],
                value_label=lambda n: ngettext("%(n)s件", "%(n)s件", n) % {"n": n},
            ),
            "appraisals": results,
        },
        chronicle=[
            *(
                ChronicleEntry(session.starts_on, _("召开%(session)s") % {"session": session})
                for session in sessions
                if session.held
            ),
            *(
                ChronicleEntry(appraisal.closed_on, _("%(title)s结果公示") % {"title": appraisal.title})
                for appraisal in appraisals
            ),
        ],
    )
