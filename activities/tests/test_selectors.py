import pytest

from .. import selectors, services
from ..models import Event, Registration
from .factories import make_event, make_member

pytestmark = pytest.mark.django_db


def _listed(member, *events):
    rows = selectors.with_sign_ups(Event.objects.filter(pk__in=[event.pk for event in events]), member)
    by_pk = {row.pk: row for row in rows}
    return [by_pk[event.pk] for event in events]


def test_the_list_counts_active_sign_ups_and_her_place_among_those_waiting():
    full, open_, empty = make_event(capacity=1), make_event(capacity=5), make_event()
    her = make_member()
    services.sign_up(event=full, member=make_member())
    gone = services.sign_up(event=full, member=make_member())
    Registration.objects.filter(pk=gone.pk).update(status=Registration.Status.CANCELLED)
    services.sign_up(event=full, member=make_member())
    services.sign_up(event=full, member=her)
    services.sign_up(event=full, member=make_member())  # behind her: not counted in her number
    services.sign_up(event=open_, member=her)
    full, open_, empty = _listed(her, full, open_, empty)
    assert [(event.taken, event.waiting) for event in (full, open_, empty)] == [(1, 3), (1, 0), (0, 0)]
    assert (full.my_status, full.my_number) == ("waitlisted", 2)
    assert open_.my_status == "registered"
    assert empty.my_status is None


def test_without_a_member_record_no_place_is_hers():
    event = make_event()
    services.sign_up(event=event, member=make_member())
    (event,) = _listed(None, event)
    assert (event.taken, event.waiting, event.my_status) == (1, 0, None)


def test_her_cancelled_sign_up_is_no_place():
    event, her = make_event(), make_member()
    registration = services.sign_up(event=event, member=her)
    Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.CANCELLED)
    (event,) = _listed(her, event)
    assert (event.taken, event.my_status) == (0, None)
