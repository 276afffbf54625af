"""The 校务公开/厂务公开 chapter of the annual union work report: what was published that year by
category, the objections received and answered, and the 定期 categories behind at the year's end."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from unionportal.documents.annual_report import Chapter
from unionportal.models import UnionProfile

from . import selectors
from .models import DisclosureItem, ItemStep, Objection


def annual_report(year):
    union = UnionProfile.load()
    items = DisclosureItem.objects.filter(
        status__in=DisclosureItem.ON_BOARD, published_on__year=year, category__kind=union.kind
    )
    objections = Objection.objects.filter(created_at__year=year, item__category__kind=union.kind).aggregate(
        received=Count("id"), answered=Count("id", filter=Q(answered_at__isnull=False))
    )
    figures = items.aggregate(total=Count("id"), public=Count("id", filter=Q(audience=DisclosureItem.Audience.PUBLIC)))
    if not (figures["total"] or objections["received"]):
        return None
    figures["internal"] = figures["total"] - figures["public"]
    figures["rectified"] = (
        ItemStep.objects.filter(action="rectify", at__year=year, item__category__kind=union.kind)
        .values("item")
        .distinct()
        .count()
    )
    # counted from the year's items (an index range), not by joining every category to all its items
    published = dict(items.values_list("category").annotate(Count("id")).order_by())
    by_category = selectors.categories(union.kind).filter(pk__in=published).order_by("sort_order", "pk")
    # the day after the year, so that its last period counts as complete (or today, for the running year)
    as_of = min(timezone.localdate(), datetime.date(year + 1, 1, 1))
    return Chapter(
        heading=str(union.vocabulary["disclosure"]),
        template="disclosure/report/annual.html",
        context={
            "figures": figures,
            "objections": objections,
            "by_category": [(category, published[category.pk]) for category in by_category],
            "overdue": selectors.overdue_categories(as_of, union.kind),
        },
    )
