"""The 基本情况 chapter of the annual union work report."""

import datetime

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from unionportal.charts import bar_chart
from unionportal.documents.annual_report import Chapter

from .models import Member
from .statistics import people


def annual_report(year):
    year_end = datetime.date(year, 12, 31)
    active = Member.objects.filter(status=Member.Status.ACTIVE)
    figures = active.aggregate(
        staff=Count("id"),
        members=Count("id", filter=Q(is_union_member=True)),
        women=Count("id", filter=Q(gender=Member.Gender.FEMALE)),
        under_35=Count("id", filter=Q(birth_date__gt=year_end.replace(year=year - 35))),
        joined=Count("id", filter=Q(joined_on__year=year)),
    )
    figures["retirees"] = Member.objects.filter(status=Member.Status.RETIRED).count()
    figures["rate"] = figures["members"] / figures["staff"] if figures["staff"] else 0
    by_group = active.values("union_group__name").annotate(count=Count("id")).order_by("union_group__sort_order")
    by_employment = dict(active.values_list("employment_type").annotate(count=Count("id")))
    return Chapter(
        heading=_("基本情况"),
        template="members/report/annual.html",
        context={
            "figures": figures,
            "group_chart": bar_chart(
                [(row["union_group__name"] or _("未分组"), row["count"]) for row in by_group], value_label=people
            ),
            "by_employment": [
                (label, by_employment[value])
                for value, label in Member.EmploymentType.choices
                if value in by_employment
            ],
        },
    )
