"""The roster in figures (统计): headcount, members, 入会率, women, under-35 and retirees.

Headcount counts staff in post (在职); retirees are counted apart. Each table is
one aggregate query, whatever the size of the roster. Figures are as of a day: a person's status
then is the one before the first dated life event after it (退休, 转出 …), and nobody hired or
joining after it is counted, so a past year's figures stay those of that year.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Member, MembershipEvent

ACTIVE = Q(status_then=Member.Status.ACTIVE)


def people(count):
    """A headcount beside a chart's bar: “12人”, “12 people”."""
    return ngettext("%(n)s人", "%(n)s人", count) % {"n": count}


@dataclass
class Figures:
    label: str
    staff: int
    members: int
    women: int
    under_35: int

    @property
    def membership_rate(self):
        """入会率: members among staff in post, 0 when there is nobody."""
        return self.members / self.staff if self.staff else 0


def born_after(today, years):
    """People born after this day are younger than ``years`` today (29 February counts as 28)."""
    if today.month == 2 and today.day == 29:
        today -= datetime.timedelta(days=1)
    return today.replace(year=today.year - years)


def roster_on(day):
    """Everyone on the roster that day, each with ``status_then``: their status on that day."""
    changed_after = MembershipEvent.objects.filter(member=OuterRef("pk"), occurred_on__gt=day).exclude(from_status="")
    first_change = changed_after.order_by("occurred_on", "pk").values("from_status")[:1]
    return Member.objects.filter(Q(hire_date__isnull=True) | Q(hire_date__lte=day)).annotate(
        status_then=Coalesce(Subquery(first_change), F("status"))
    )


def _counts(today):
    """The Count expressions of one row of figures."""
    young = Q(birth_date__gt=born_after(today, 35))
    member_then = Q(is_union_member=True) & (Q(joined_on__isnull=True) | Q(joined_on__lte=today))
    return {
        "staff": Count("id", filter=ACTIVE),
        "members": Count("id", filter=ACTIVE & member_then),
        "women": Count("id", filter=ACTIVE & Q(gender=Member.Gender.FEMALE)),
        "under_35": Count("id", filter=ACTIVE & young),
    }


def union_statistics(today=None):
    today = today or timezone.localdate()
    counts = _counts(today)
    roster = roster_on(today)
    total = roster.aggregate(**counts, retirees=Count("id", filter=Q(status_then=Member.Status.RETIRED)))
    retirees = total.pop("retirees")
    by_group = (
        roster.filter(ACTIVE)
        .values("union_group__name")
        .annotate(**counts)
        .order_by(F("union_group__sort_order").asc(nulls_last=True), "union_group__name")
    )
    by_employment = {
        row.pop("employment_type"): row
        for row in roster.filter(ACTIVE).values("employment_type").annotate(**counts).order_by()
    }
    return {
        "total": Figures(_("合计"), **total),
        "retirees": retirees,
        "by_group": [Figures(row.pop("union_group__name") or _("未分组"), **row) for row in by_group],
        "by_employment": [
            Figures(label, **by_employment[value])
            for value, label in Member.EmploymentType.choices
            if value in by_employment
        ],
    }
