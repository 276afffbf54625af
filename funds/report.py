"""The 经费收支 chapter of the annual union work report, built from the ledger: income and spending by account
against the budget, the funds' balances, and the dues collection behind the 会费 line. It reads and writes
nothing else; the chapter registers itself in ``unionportal.documents.annual_report.CHAPTER_PROVIDERS``."""

from django.utils.translation import gettext as _

from members.dues import yearly_totals
from unionportal.charts import bar_chart
from unionportal.documents.annual_report import Chapter
from unionportal.templatetags.portal import yuan

from . import selectors
from .models import Budget, Entry


def _percent(part, whole):
    return f"{part * 100 / whole:.1f}%" if whole else "—"


def annual_report(year):
    if not Entry.objects.filter(year=year).exists():
        return None
    report = selectors.final_accounts(year)
    budget = Budget.objects.filter(year=year).first()
    dues = yearly_totals(year)
    spending = [(row.account.name, row.actual) for row in report["expense"]["rows"] if row.actual]
    return Chapter(
        heading=_("经费收支"),
        template="funds/report/chapter.html",
        context={
            "report": report,
            "income_rows": [row for row in report["income"]["rows"] if row.actual or row.budget],
            "expense_rows": [row for row in report["expense"]["rows"] if row.actual or row.budget],
            "budget": budget,
            "dues": {**dues, "collection_rate": _percent(dues["paid"], dues["due"])},
            # a single bar compares nothing; the sentences say it
            "spending_chart": bar_chart(spending, value_label=yuan) if len(spending) > 1 else "",
        },
    )
