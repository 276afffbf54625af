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
