"""One ballot per voter even when the same delegate sends several at once. Needs PostgreSQL."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from members.models import UnionGroup
from tests.concurrency import race

from .. import appraisal_services, elections, motion_services
from ..models import (
    AgendaItem,
    Appraisal,
    AppraisalReceipt,
    AppraisalTally,
    Appraisee,
    BallotReceipt,
    DelegateGroup,
    Election,
    ElectionTally,
    Motion,
)
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


def test_an_election_loses_no_ballot_and_takes_one_per_voter_when_all_vote_at_once():
    group = DelegateGroup.objects.create(term=make_term(), name="第一代表组", seats=2)
    union_group = UnionGroup.objects.create(name="语文组")
    group.union_groups.add(union_group)
    voters = [make_member(union_group=union_group, is_union_member=True) for _ in range(12)]
    electing = Election(title="第一代表组代表选举", delegate_group=group, held_on=timezone.localdate())
    election = elections.create_election(election=electing)
    candidates = [elections.nominate(election=election, member=member) for member in voters[:3]]
    election = elections.open_voting(election=election)
    queue = list(voters)
    lock = threading.Lock()

    def vote():
        with lock:
            voter = queue.pop() if queue else voters[0]  # the last two are a second ballot of the first voter
        elections.cast_ballot(election=election, member=voter, chosen=[candidates[0].pk])

    refused = race([vote] * (len(voters) + 2))
    assert len(refused) == 2 and all("您已投过票" in error.messages[0] for error in refused)
    assert election.receipts.count() == 12
    assert dict(ElectionTally.objects.values_list("candidate_id", "count")) == {
        candidates[0].pk: 12,
        candidates[1].pk: 0,
        candidates[2].pk: 0,
    }
