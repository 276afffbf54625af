"""The 经费 chapter of the annual union work report: dues in and handed up, money out on help and events.

It lives with the report rather than in an app because the union's money has no single owner here: the
income side (会费 and its 上缴 share) is kept by members, the spending by welfare (帮扶, by fund source) and
activities (event budgets and costs). The chapter only reads their ledgers and writes nothing.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from activities.models import Event
from members.dues import ZERO, to_fen, yearly_totals
from members.models import DuesSettings
from unionportal.charts import bar_chart
from unionportal.templatetags.portal import yuan
from welfare import selectors as welfare

from .annual_report import Chapter


def _percent(part, whole):
    return f"{part * 100 / whole:.1f}%" if whole else "—"


def _dues(year):
    dues = yearly_totals(year)
    share = DuesSettings.current().hand_up_share
    return {**dues, "share": f"{(share * 100).normalize():f}%", "collection_rate": _percent(dues["paid"], dues["due"])}


def _events(year):
    """Events of the year that carry money: a budget, a settled cost, or both (预算与实际支出)."""
    events = list(
        Event.objects.filter(starts_at__year=year)
        .filter(Q(budget__gt=0) | Q(actual_cost__isnull=False))
        .order_by("starts_at", "pk")
    )
    settled = [event for event in events if event.actual_cost is not None]
    budget_settled = sum((event.budget for event in settled), ZERO)
    spent = sum((event.actual_cost for event in settled), ZERO)
    return {
        "rows": [(event, None if event.actual_cost is None else event.budget - event.actual_cost) for event in events],
        "budget": to_fen(sum((event.budget for event in events), ZERO)),
        "budget_settled": to_fen(budget_settled),
        "spent": to_fen(spent),
        "saved": to_fen(budget_settled - spent),
        "unsettled": len(events) - len(settled),
    }


def annual_report(year):
    dues = _dues(year)
    help_paid = welfare.totals(year)
    events = _events(year)
    if not (dues["lines"] or help_paid["overall"]["times"] or events["rows"]):
        return None
    by_source = help_paid["by_source"]
    spending = [(_("帮扶·%(source)s") % {"source": row["label"]}, row["yuan"]) for row in by_source if row["yuan"]]
    if events["spent"]:
        spending.append((_("文体活动"), events["spent"]))
    return Chapter(
        heading=_("经费收支"),
        template="documents/report/funds.html",
        context={
            "dues": dues,
            "help": help_paid["overall"],
            "by_source": by_source,
            "events": events,
            # a single bar compares nothing; the sentences say it
            "spending_chart": bar_chart(spending, value_label=yuan) if len(spending) > 1 else "",
        },
    )
