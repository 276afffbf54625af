"""The statistics page (统计) of the roster."""

import datetime

from django.shortcuts import render
from django.utils import timezone

from unionportal.access import permission_required
from unionportal.charts import bar_chart

from .statistics import people, union_statistics


@permission_required("members.view_statistics")
def statistics(request):
    """Figures as of today, or with ``?year=`` as of that year's end (the annual report's figures)."""
    today = timezone.localdate()
    year = request.GET.get("year", "")
    if year.isdigit() and 1949 < int(year) < today.year:
        today = datetime.date(int(year), 12, 31)
    figures = union_statistics(today)
    context = {
        "today": today,
        "years": range(timezone.localdate().year - 1, timezone.localdate().year - 11, -1),
        "figures": figures,
        "group_chart": bar_chart([(row.label, row.staff) for row in figures["by_group"]], value_label=people),
        "employment_chart": bar_chart([(row.label, row.staff) for row in figures["by_employment"]], value_label=people),
    }
    return render(request, "members/statistics.html", context)
