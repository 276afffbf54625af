"""年度登记: freezing a year's groups, leaders, members and committee seats, and reading past years."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    CommitteeSeat,
    Member,
    RegisteredGroup,
    RegisteredPerson,
    RegisteredSeat,
    Registration,
    UnionGroup,
)
from .org import IN_GROUP

# Sent inside the freeze's transaction with ``registration`` and ``today``, so the apps above members add
# their part of the year's register (congress: the serving delegates) or the whole freeze is undone.
year_frozen = Signal()


def years_open_to_freeze(today=None):
    """This year and last (登记 for last year is often done in January)."""
    year = (today or timezone.localdate()).year
    return [year, year - 1]


@transaction.atomic
def freeze_year(*, year, actor=None, today=None):
    """Snapshot every group with its leader and people, and the current committee seats, as year's registration.

    A year is frozen once: the record is the year's official register, so a second freeze is refused.
    Runs a fixed number of queries whatever the size of the union.
    """
    today = today or timezone.localdate()
    if year not in years_open_to_freeze(today):
        raise ValidationError(
            _("只能登记今年或上一年（%(years)s）。") % {"years": "、".join(map(str, years_open_to_freeze(today)))}
        )
    existing = Registration.objects.filter(year=year).first()
    if existing:
        raise ValidationError(
            _("%(year)s年度已于 %(at)s 登记，不能重复登记。")
            % {"year": year, "at": timezone.localtime(existing.frozen_at).strftime("%Y-%m-%d %H:%M")}
        )
    try:
        with transaction.atomic():
            registration = Registration.objects.create(year=year, frozen_by=actor)
    except IntegrityError as error:  # a second clerk froze the same year a moment earlier
        raise ValidationError(_("%(year)s年度已登记，不能重复登记。") % {"year": year}) from error

    people = list(
        Member.objects.filter(status__in=IN_GROUP)
        .order_by("name_pinyin", "pk")
        .values("pk", "name", "status", "is_union_member", "union_group_id")
    )
    by_group = {}
    for person in people:
        by_group.setdefault(person["union_group_id"], []).append(person)

    groups = [
        RegisteredGroup(
            registration=registration,
            group=group,
            name=group.name,
            branch_name=group.branch.name if group.branch else "",
            leader=group.leader,
            leader_name=group.leader.name if group.leader else "",
            sort_order=order,
        )
        for order, group in enumerate(UnionGroup.objects.current().select_related("branch", "leader"))
    ]
    if by_group.get(None):
        groups.append(RegisteredGroup(registration=registration, name=_("未分组"), sort_order=len(groups)))
    for registered in groups:
        members_of_group = by_group.get(registered.group_id, [])
        registered.headcount = len(members_of_group)
        registered.member_count = sum(person["is_union_member"] for person in members_of_group)
    RegisteredGroup.objects.bulk_create(groups)

    RegisteredPerson.objects.bulk_create(
        RegisteredPerson(
            group=registered,
            member_id=person["pk"],
            name=person["name"],
            status=person["status"],
            is_union_member=person["is_union_member"],
            sort_order=order,
        )
        for registered in groups
        for order, person in enumerate(by_group.get(registered.group_id, []))
    )
    RegisteredSeat.objects.bulk_create(
        RegisteredSeat(
            registration=registration,
            committee_name=seat.term.committee.name,
            term_number=seat.term.number,
            post=seat.post,
            member=seat.member,
            member_name=seat.member.name,
            sort_order=order,
        )
        for order, seat in enumerate(_current_seats(today))
    )
    year_frozen.send(sender=Registration, registration=registration, today=today)
    return registration


def _current_seats(today):
    return (
        CommitteeSeat.objects.filter(term__starts_on__lte=today)
        .exclude(term__ends_on__lt=today)
        .select_related("term__committee", "member")
        .order_by("term__committee__sort_order", "term__committee__name", "sort_order", "pk")
    )


def registration_of(year):
    """One frozen year with its groups, people and seats: four queries."""
    people = RegisteredPerson.objects.order_by("sort_order")
    return (
        Registration.objects.select_related("frozen_by__member")
        .prefetch_related(Prefetch("groups__people", queryset=people), "seats")
        .filter(year=year)
        .first()
    )


def frozen_years():
    return list(Registration.objects.values_list("year", flat=True))
