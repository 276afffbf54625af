"""What follows from the congress's elections between them: the dashboard's reminders (a term near its end,
a group short of delegates, a union committee without its chair) and the delegates frozen by the yearly
registration (年度登记)."""

import datetime

from django.db.models import Count, F, Q
from django.utils import timezone

from .models import Delegate, DelegateGroup


def reminders(today: datetime.date | None = None) -> dict:
    """For the dashboard: congress and committee terms in their last months, delegate groups with
    fewer serving delegates than their quota, and a union committee in office without its 主席 (增补)."""
    from members.committees import current_body_term
    from members.models import Committee, CommitteeTerm

    from .models import CongressTerm

    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=183)
    return {
        "congress_terms": list(CongressTerm.objects.filter(end_year=today.year)),
        "committee_terms": list(
            CommitteeTerm.objects.filter(ends_on__gte=today, ends_on__lte=soon).select_related("committee")
        ),
        "short_groups": list(
            DelegateGroup.objects.filter(seats__gt=0, term__end_year__gte=today.year)
            .annotate(serving=Count("delegates", filter=Q(delegates__active=True)))
            .filter(serving__lt=F("seats"))
            .select_related("term")
        ),
        "headless": [
            term
            for term in [current_body_term(Committee.Kind.UNION, today)]
            if term is not None and not term.seats.filter(post="主席").exists()
        ],
    }


def snapshot_delegates(sender, *, registration, today, **kwargs) -> None:
    """The yearly registration (年度登记) also freezes the delegates serving that day, names copied."""
    from .models import RegisteredDelegate

    serving = (
        Delegate.objects.filter(active=True, term__start_year__lte=today.year, term__end_year__gte=today.year)
        .select_related("term", "group", "member")
        .order_by("term__number", "group__sort_order", "group__name", "member__name_pinyin", "pk")
    )
    RegisteredDelegate.objects.bulk_create(
        RegisteredDelegate(
            registration=registration,
            term_number=delegate.term.number,
            group_name=delegate.group.name if delegate.group else "",
            member=delegate.member,
            member_name=delegate.member.name,
            sort_order=order,
        )
        for order, delegate in enumerate(serving)
    )
