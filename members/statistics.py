"""The roster in figures (统计): headcount, members, 入会率, women, under-35 and retirees.

Headcount counts staff in post (在职); retirees are counted apart. All tables come from
one aggregate query, whatever the size of the roster. Figures are as of a day: a person's status
then is the one before the first dated life event after it (退休, 转出 …), and nobody hired or
joining after it is counted, so a past year's figures stay those of that year.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Member, MembershipEvent, UnionGroup


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
    """Everyone on the roster that day, each with ``status_then`` and ``group_then``: their status and
    union group on that day (the group left by their first 调组 after it, else today's group). When no life
    event is dated after the day (today, as a rule), those are today's, and PostgreSQL is spared three
    subqueries per person."""
    on_roster = Member.objects.filter(Q(hire_date__isnull=True) | Q(hire_date__lte=day))
    if not MembershipEvent.objects.filter(occurred_on__gt=day).exists():
        return on_roster.annotate(status_then=F("status"), group_then=F("union_group"))
    changed_after = MembershipEvent.objects.filter(member=OuterRef("pk"), occurred_on__gt=day).exclude(from_status="")
    first_change = changed_after.order_by("occurred_on", "pk").values("from_status")[:1]
    moved_after = MembershipEvent.objects.filter(
        member=OuterRef("pk"), occurred_on__gt=day, kind=MembershipEvent.Kind.GROUP_MOVE
    ).order_by("occurred_on", "pk")
    return on_roster.annotate(
        status_then=Coalesce(Subquery(first_change), F("status")),
        group_then=Case(
            When(Exists(moved_after), then=Subquery(moved_after.values("from_group")[:1])),
            default=F("union_group"),
            output_field=IntegerField(),
        ),
    )


def _counts(today):
    """The Count expressions of one row of figures, among the people of one status."""
    young = Q(birth_date__gt=born_after(today, 35))
    member_then = Q(is_union_member=True) & (Q(joined_on__isnull=True) | Q(joined_on__lte=today))
    return {
        "staff": Count("id"),
        "members": Count("id", filter=member_then),
        "women": Count("id", filter=Q(gender=Member.Gender.FEMALE)),
        "under_35": Count("id", filter=young),
    }


def _summed(rows, label):
    return Figures(
        label, **{name: sum(row[name] for row in rows) for name in ("staff", "members", "women", "under_35")}
    )


def _grouped_by(rows, key):
    grouped = {}
    for row in rows:
        grouped.setdefault(row[key], []).append(row)
    return grouped


def _in_group_order(by_group, groups):
    """One row of figures per group as the groups are ordered on the roster, the ungrouped last."""

    def order(pk):
        group = groups.get(pk)
        return (group is None, group.sort_order if group else 0, group.name if group else "")

    return [_summed(by_group[pk], str(groups.get(pk, _("未分组")))) for pk in sorted(by_group, key=order)]


def union_statistics(today=None):
    """The figures as of ``today``. One query counts the roster by status, group and employment type
    (each person's status and group then are worked out once), and the tables are its sums."""
    today = today or timezone.localdate()
    rows = list(
        roster_on(today).values("status_then", "group_then", "employment_type").annotate(**_counts(today)).order_by()
    )
    active = [row for row in rows if row["status_then"] == Member.Status.ACTIVE]
    by_group = _grouped_by(active, "group_then")
    by_employment = _grouped_by(active, "employment_type")
    return {
        "total": _summed(active, _("合计")),
        "retirees": sum(row["staff"] for row in rows if row["status_then"] == Member.Status.RETIRED),
        "by_group": _in_group_order(by_group, UnionGroup.objects.in_bulk(list(by_group))),
        "by_employment": [
            _summed(by_employment[value], label)
            for value, label in Member.EmploymentType.choices
            if value in by_employment
        ],
    }
