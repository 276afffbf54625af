"""The 维权帮扶 chapter of the annual union work report: hardship files, help paid in 人次 and 元, visits.

Only figures: the report is read out at the congress, so no one helped is named.
"""

import datetime

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from unionportal.charts import bar_chart
from unionportal.documents.annual_report import Chapter, ChronicleEntry

from . import selectors
from .models import ZERO, Campaign, DonationDrive, HardshipFile


def _files(year):
    """Files on the books in that year: opened by its end and not struck off (注销)."""
    files = HardshipFile.objects.filter(opened_on__lte=datetime.date(year, 12, 31)).exclude(
        status=HardshipFile.Status.CANCELLED
    )
    by_level = dict(files.values_list("level").annotate(count=Count("id")))
    figures = files.aggregate(
        total=Count("id"),
        opened=Count("id", filter=Q(opened_on__year=year)),
        recovered=Count("id", filter=Q(status=HardshipFile.Status.RECOVERED)),
    )
    figures["by_level"] = [(label, by_level.get(value, 0)) for value, label in HardshipFile.Level.choices]
    return figures


def annual_report(year):
    files = _files(year)
    totals = selectors.totals(year)
    drives = DonationDrive.objects.filter(opened_on__year=year).annotate(pledged=Sum("pledges__amount"))
    if not (files["total"] or totals["overall"]["times"] or totals["visits"]["times"] or drives):
        return None
    campaigns = totals["by_campaign"]
    return Chapter(
        heading=_("维权帮扶"),
        template="welfare/report/annual.html",
        context={
            "files": files,
            "overall": totals["overall"],
            "by_campaign": campaigns,
            "by_kind": totals["by_kind"],
            "level_chart": bar_chart(
                files["by_level"], value_label=lambda n: ngettext("%(n)s户", "%(n)s户", n) % {"n": n}
            ),
            # one campaign says nothing as a chart; its row in the table does
            "campaign_chart": bar_chart(
                [(row["campaign__name"], int(row["yuan"])) for row in campaigns],
                value_label=lambda amount: _("%(amount)s元") % {"amount": amount},
            )
            if len(campaigns) > 1
            else "",
            "visits": totals["visits"]["times"],
            "by_occasion": totals["by_occasion"],
            "drives": [(drive, (drive.pledged or ZERO).quantize(ZERO)) for drive in drives],
        },
        chronicle=[
            *(
                ChronicleEntry(campaign.starts_on, _("开展%(name)s活动") % {"name": campaign.name})
                for campaign in Campaign.objects.filter(starts_on__year=year)
            ),
            *(
                ChronicleEntry(drive.opened_on, _("发起“%(title)s”爱心捐款") % {"title": drive.title})
                for drive in drives
            ),
        ],
    )
