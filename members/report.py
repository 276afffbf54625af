"""The 基本情况 chapter of the annual union work report."""

from django.utils.translation import gettext as _

from unionportal.charts import bar_chart
from unionportal.documents.annual_report import Chapter, report_day

from .models import Member
from .statistics import people, union_statistics


def annual_report(year):
    """As of the year's end (today for the year under way): a past year keeps that year's headcount."""
    day = report_day(year)
    figures = union_statistics(day)
    total = figures["total"]
    return Chapter(
        heading=_("基本情况"),
        template="members/report/annual.html",
        context={
            "as_of": day,
            "figures": {
                "staff": total.staff,
                "members": total.members,
                "rate": total.membership_rate,
                "women": total.women,
                "under_35": total.under_35,
                "retirees": figures["retirees"],
                "joined": Member.objects.filter(joined_on__year=year, joined_on__lte=day).count(),
            },
            "group_chart": bar_chart([(row.label, row.staff) for row in figures["by_group"]], value_label=people),
            "by_employment": [(row.label, row.staff) for row in figures["by_employment"]],
        },
    )
