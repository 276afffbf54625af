"""Many people racing for the last place: only one gets it. Needs real row locks (PostgreSQL)."""

import functools

import pytest
from django.db import connection

from tests.concurrency import race

from .. import services
from ..models import Registration
from .factories import make_event, make_member

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_only_one_of_many_racing_for_the_last_place_gets_it():
    event = make_event(capacity=3)
    for _ in range(2):
        services.sign_up(event=event, member=make_member())
    racers = [make_member() for _ in range(10)]
    errors = race([functools.partial(services.sign_up, event=event, member=person) for person in racers])
    assert errors == []
    registrations = event.registrations.filter(member__in=racers)
    assert registrations.filter(status=Registration.Status.REGISTERED).count() == 1
    assert registrations.filter(status=Registration.Status.WAITLISTED).count() == 9
    positions = sorted(registrations.values_list("position", flat=True))
    assert positions == list(range(3, 13))


def test_one_person_clicking_sign_up_several_times_at_once_signs_up_once():
    """The second sign-up is refused before the lock; clicks that all pass that check meet the unique rule."""
    event = make_event(capacity=3)
    person = make_member()
    refused = race([functools.partial(services.sign_up, event=event, member=person)] * 6)
    assert len(refused) == 5 and all("已报名" in error.messages[0] for error in refused)
    assert event.registrations.filter(member=person).count() == 1
