"""The daily beat task brings filed contracts into force once their 15-day review has passed."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from contracts import services, tasks
from contracts.models import CollectiveContract
from contracts.tests.test_services import reviewed, session, signing  # noqa: F401 (fixture)
from unionportal.celery import app

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
S = CollectiveContract.Status


def filed(session, days_ago):  # noqa: F811
    contract = services.sign(contract=reviewed(session, votes_for=3), actor=None, **signing())
    contract.signed_on = TODAY - datetime.timedelta(days=days_ago)
    contract.save()
    return services.file_for_review(contract=contract, filed_on=contract.signed_on, actor=None)


def test_beat_runs_the_task_every_day():
    entry = settings.CELERY_BEAT_SCHEDULE["contracts-into-force"]
    assert entry["task"] == tasks.bring_into_force.name == "contracts.tasks.bring_into_force"
    assert entry["task"] in app.tasks
    assert entry["schedule"].hour == {0} and entry["schedule"].day_of_week == set(range(7))


def test_the_task_brings_into_force_only_contracts_past_their_review(session):  # noqa: F811
    due, waiting = filed(session, days_ago=15), filed(session, days_ago=14)
    assert tasks.bring_into_force.delay().get() == [due.pk]
    due.refresh_from_db(), waiting.refresh_from_db()
    assert due.status == S.EFFECTIVE and due.effective_on == TODAY
    assert waiting.status == S.FILED and waiting.effective_on is None
    assert tasks.bring_into_force.delay().get() == []  # a second run the same day changes nothing
