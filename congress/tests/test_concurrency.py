"""One ballot per voter even when the same delegate sends several at once. Needs PostgreSQL."""

import threading

import pytest
from django.db import connection

from tests.concurrency import race

from .. import appraisal_services, motion_services
from ..models import AgendaItem, Appraisal, AppraisalReceipt, AppraisalTally, Appraisee, BallotReceipt, Motion
from .factories import make_delegate, make_member, make_session, make_term, mark_present

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def _counted(motion):
    return sum(motion.tallies.values_list("count", flat=True))


def test_same_delegate_racing_casts_one_secret_ballot():
    term = make_term()
    delegate = make_delegate(term)
    session = make_session(term)
    mark_present(session)
    item = AgendaItem.objects.create(session=session, title="议程")
    motion = motion_services.open_motion(motion=Motion.objects.create(agenda_item=item, title="表决"))
    refused = race([lambda: motion_services.cast_ballot(motion=motion, member=delegate.member, choice="for")] * 6)
    assert len(refused) == 5
    assert _counted(motion) == 1
    assert BallotReceipt.objects.filter(motion=motion).count() == 1


def test_same_delegate_racing_casts_one_appraisal_ballot():
    term = make_term()
    delegate = make_delegate(term)
    appraisal = Appraisal.objects.create(term=term, title="评议")
    leader = Appraisee.objects.create(appraisal=appraisal, member=make_member())
    appraisal_services.open_appraisal(appraisal=appraisal)
    refused = race(
        [
            lambda: appraisal_services.cast_appraisal_ballot(
                appraisal=appraisal, member=delegate.member, grades={leader.pk: "mostly"}
            )
        ]
        * 6
    )
    assert len(refused) == 5
    assert AppraisalReceipt.objects.count() == 1
    assert dict(AppraisalTally.objects.values_list("grade", "count")) == {"satisfied": 0, "mostly": 1, "unsatisfied": 0}


def test_many_delegates_voting_at_once_lose_no_ballot():
    term = make_term()
    delegates = [make_delegate(term) for _ in range(20)]
    session = make_session(term)
    mark_present(session)
    item = AgendaItem.objects.create(session=session, title="议程")
    motion = motion_services.open_motion(motion=Motion.objects.create(agenda_item=item, title="表决"))
    queue = list(delegates)
    lock = threading.Lock()

    def vote():
        with lock:
            delegate = queue.pop()
        motion_services.cast_ballot(motion=motion, member=delegate.member, choice="for")

    assert race([vote] * len(delegates)) == []
    assert _counted(motion) == 20 == BallotReceipt.objects.filter(motion=motion).count()


def test_closing_while_delegates_vote_counts_every_stored_ballot():
    term = make_term()
    delegates = [make_delegate(term) for _ in range(10)]
    session = make_session(term)
    mark_present(session)
    item = AgendaItem.objects.create(session=session, title="议程")
    motion = motion_services.open_motion(motion=Motion.objects.create(agenda_item=item, title="表决"))
    queue = list(delegates)
    lock = threading.Lock()

    def vote_or_close():
        with lock:
            delegate = queue.pop() if queue else None
        if delegate is None:
            motion_services.close_motion(motion=motion)
        else:
            motion_services.cast_ballot(motion=motion, member=delegate.member, choice="for")

    queue.pop()  # one thread closes instead of voting
    refused = race([vote_or_close] * len(delegates))
    motion.refresh_from_db()
    stored = _counted(motion)
    assert motion.status == Motion.Status.CLOSED
    assert motion.votes_for == stored == BallotReceipt.objects.filter(motion=motion).count()
    assert stored + len(refused) == 9
