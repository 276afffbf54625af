"""The statistics page (统计) of the roster."""

from django.shortcuts import render
from django.utils import timezone

from unionportal.access import permission_required
from unionportal.charts import bar_chart

from .statistics import people, union_statistics


@permission_required("members.view_statistics")
def statistics(request):
    today = timezone.localdate()
    figures = union_statistics(today)
    context = {
        "today": today,
        "figures": figures,
        "group_chart": bar_chart([(row.label, row.staff) for row in figures["by_group"]], value_label=people),
        "employment_chart": bar_chart([(row.label, row.staff) for row in figures["by_employment"]], value_label=people),
    }
    return render(request, "members/statistics.html", context)
