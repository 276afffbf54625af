"""Committees (工会委员会, 经审委员会, 女职工委员会 …): their terms (届) and seats, read and changed."""

import functools

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from unionportal import page_shell
from unionportal.compiled import compiled_once

from .models import Committee, CommitteeSeat, CommitteeTerm


def _terms_in_office(kind, on=None):
    on = on or timezone.localdate()
    return (
        CommitteeTerm.objects.filter(committee__kind=kind, starts_on__lte=on, seats__isnull=False)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .order_by("committee__sort_order", "-starts_on")
    )


def current_body_term(kind, on=None):
    """The term (届) in office on ``on`` of the body of this kind that has seats, or None when the union
    has not set one up (the duties it would hold then stay with the roles that hold them today)."""
    return _terms_in_office(kind, on).select_related("committee").first()


def holds_seat_in_office(kind, member) -> bool | None:
    """Whether ``member`` (None: nobody's record) holds a seat in ``current_body_term(kind)``, asked in one
    query; None when the union has not set that body up."""
    today = timezone.localdate()
    if member is None:
        return _terms_in_office(kind, today).annotate(held=Value(False)).values_list("held", flat=True).first()
    held = _seat_in_office(member.pk, kind, today)  # the menu asks it on every page a plain member opens
    return bool(held[0][0]) if held else None


@compiled_once
def _seat_in_office(member_id, kind, on):
    held = Exists(CommitteeSeat.objects.filter(term=OuterRef("pk"), member=member_id))
    return _terms_in_office(kind, on).annotate(held=held).values_list("held")[:1]


def _seat_in_office_of_user(user_id, on, *, kind):
    held = Exists(CommitteeSeat.objects.filter(term=OuterRef("pk"), member__user=user_id))
    return _terms_in_office(kind, on).annotate(held=held).values("held")[:1]


def read_seats_with_page_shell(kind):
    """Whether the person asking holds a seat in ``kind``'s term in office is read with every page's shell."""
    page_shell.per_user(f"seat_{kind}", functools.partial(_seat_in_office_of_user, kind=kind))


def holds_seat_in_office_as_user(kind, user, member) -> bool | None:
    """``holds_seat_in_office(kind, member)`` for ``member``, ``user``'s own record (None: she has none), as the
    page's shell read it when she is the one asking."""
    held = page_shell.value_for(user, f"seat_{kind}")
    if held is page_shell.NOT_READ:
        return holds_seat_in_office(kind, member)
    return None if held is None else bool(held)


def _terms_with_seats():
    seats = CommitteeSeat.objects.select_related("member").order_by("sort_order", "pk")
    return CommitteeTerm.objects.prefetch_related(Prefetch("seats", queryset=seats))


def committees_with_terms(today=None):
    """Every committee with all its terms and seats (three queries), each marked current, past or upcoming."""
    today = today or timezone.localdate()
    committees = list(Committee.objects.prefetch_related(Prefetch("terms", queryset=_terms_with_seats())))
    for committee in committees:
        _sort_terms(committee, committee.terms.all(), today)
    return committees


def committee_with_terms(committee, today=None):
    _sort_terms(committee, _terms_with_seats().filter(committee=committee), today or timezone.localdate())
    return committee


def _sort_terms(committee, terms, today):
    committee.current_term = next((term for term in terms if term.is_current(today)), None)
    committee.past_terms = [term for term in terms if term.ends_on and term.ends_on < today]
    committee.upcoming_terms = [term for term in terms if term.starts_on > today]


@transaction.atomic
def save_committee(committee):
    committee.full_clean()
    committee.save()
    return committee


@transaction.atomic
def delete_committee(committee):
    """A committee is deleted only before its first term: terms (届) and their seats are the union's history."""
    Committee.objects.select_for_update().get(pk=committee.pk)  # save_term takes the same lock: no term slips in
    terms = committee.terms.count()
    if terms:
        raise ValidationError(
            _("「%(name)s」已有 %(count)s 届任期记录，届次是历史，不能删除。") % {"name": committee, "count": terms}
        )
    committee.delete()


@transaction.atomic
def save_term(term):
    """A term (届): it ends after it starts, and terms of one committee do not overlap (换届 hands over)."""
    Committee.objects.select_for_update().get(pk=term.committee_id)  # two clerks cannot add overlapping terms
    term.full_clean(validate_constraints=False)  # the number's uniqueness is checked by clean() in Chinese
    term.save()
    return term


@transaction.atomic
def save_seat(seat):
    """A seat in a term: one 主席 (主任, 组长) per term, and a person holds one post per term."""
    CommitteeTerm.objects.select_for_update().get(pk=seat.term_id)
    seat.full_clean()
    seat.save()
    return seat


@transaction.atomic
def remove_seat(seat):
    seat.delete()
