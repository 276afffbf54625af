import pytest

from .. import selectors, services
from ..models import Registration
from .factories import make_event, make_member

pytestmark = pytest.mark.django_db


def test_a_page_of_events_counts_active_sign_ups_and_her_place_among_those_waiting():
    full, open_, empty = make_event(capacity=1), make_event(capacity=5), make_event()
    her = make_member()
    services.sign_up(event=full, member=make_member())
    gone = services.sign_up(event=full, member=make_member())
    Registration.objects.filter(pk=gone.pk).update(status=Registration.Status.CANCELLED)
    services.sign_up(event=full, member=make_member())
    services.sign_up(event=full, member=her)
    services.sign_up(event=full, member=make_member())  # behind her: not counted in her number
    services.sign_up(event=open_, member=her)
    events = [full, open_, empty]
    selectors.add_sign_ups(events, her)
    assert [(event.taken, event.waiting) for event in events] == [(1, 3), (1, 0), (0, 0)]
    assert full.mine == selectors.Place("waitlisted", 2)
    assert open_.mine.status == "registered"
    assert empty.mine is None


def test_without_a_member_record_no_place_is_hers():
    event = make_event()
    services.sign_up(event=event, member=make_member())
    selectors.add_sign_ups([event], None)
    assert (event.taken, event.waiting, event.mine) == (1, 0, None)


def test_her_cancelled_sign_up_is_no_place():
    event, her = make_event(), make_member()
    registration = services.sign_up(event=event, member=her)
    Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.CANCELLED)
    selectors.add_sign_ups([event], her)
    assert (event.taken, event.mine) == (0, None)
