"""Many people racing for the last place: only one gets it. Needs real row locks (PostgreSQL)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection

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
    start = threading.Barrier(len(racers))
    errors = []

    def race(person):
        try:
            start.wait()
            services.sign_up(event=event, member=person)
        except ValidationError as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=race, args=(person,)) for person in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    registrations = event.registrations.filter(member__in=racers)
    assert registrations.filter(status=Registration.Status.REGISTERED).count() == 1
    assert registrations.filter(status=Registration.Status.WAITLISTED).count() == 9
    positions = sorted(registrations.values_list("position", flat=True))
    assert positions == list(range(3, 13))
