"""Secret votes are kept as counts, not as one row per ballot: the tally rows are made when the vote
opens, every vote rewrites all of them at once (so the storage shows no one's choice), the counts
add up, and a vote costs the same whether it is the 1st or the 50th."""

import contextlib

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congress import appraisal_selectors, appraisal_services, motion_services
from congress.models import (
    AgendaItem,
    Appraisal,
    AppraisalReceipt,
    AppraisalTally,
    Appraisee,
    BallotReceipt,
    BallotTally,
    Motion,
)

from .factories import make_delegate, make_member, make_session, make_term, mark_present

pytestmark = pytest.mark.django_db


def _open_motion(voters, method=Motion.Method.SECRET):
    term = make_term()
    delegates = [make_delegate(term) for _ in range(voters)]
    session = make_session(term)
    mark_present(session)
    item = AgendaItem.objects.create(session=session, title="审议工作报告")
    motion = motion_services.open_motion(motion=Motion.objects.create(agenda_item=item, title="通过", method=method))
    return motion, [d.member for d in delegates]


def _open_appraisal(voters, leaders=2, scale=Appraisal.Scale.SATISFACTION):
    term = make_term()
    appraisal = Appraisal.objects.create(term=term, title="干部民主评议", scale=scale)
    for order in range(leaders):
        Appraisee.objects.create(appraisal=appraisal, member=make_member(), order=order)
    members = [make_delegate(term).member for _ in range(voters)]
    return appraisal_services.open_appraisal(appraisal=appraisal), members


def _counts(motion):
    return dict(motion.tallies.values_list("choice", "count"))


@contextlib.contextmanager
def rewritten_rows(model):
    """Collect the ids of the ``model`` rows that the statements inside the block wrote to storage:
    on SQLite through a temporary trigger, on PostgreSQL by the rows' xmin (the writing transaction)."""
    table = model._meta.db_table
    written = set()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("CREATE TEMP TABLE written (id integer)")
            cursor.execute(
                f"CREATE TEMP TRIGGER note_write AFTER UPDATE ON {table} BEGIN INSERT INTO written VALUES (NEW.id); END"
            )
            yield written
            cursor.execute("SELECT id FROM written")
            written.update(row_id for (row_id,) in cursor.fetchall())
            cursor.execute("DROP TRIGGER note_write")
            cursor.execute("DROP TABLE written")
        else:
            cursor.execute(f"SELECT id, xmin::text FROM {table}")
            before = dict(cursor.fetchall())
            yield written
            cursor.execute(f"SELECT id, xmin::text FROM {table}")
            written.update(row_id for row_id, xmin in cursor.fetchall() if before.get(row_id) != xmin)


def test_tally_rows_are_made_when_a_secret_vote_opens_and_only_then():
    motion, _voters = _open_motion(3)
    assert _counts(motion) == {"for": 0, "against": 0, "abstain": 0}
    with pytest.raises(ValidationError, match="举手表决不开放投票"):
        _open_motion(3, Motion.Method.OPEN)
    assert not BallotTally.objects.exclude(motion=motion).exists()
    appraisal, _voters = _open_appraisal(1, leaders=3, scale=Appraisal.Scale.COMPETENCE)
    assert AppraisalTally.objects.filter(appraisee__appraisal=appraisal).count() == 3 * 4


def test_the_tally_adds_up_and_closing_copies_it_onto_the_motion():
    motion, voters = _open_motion(7)
    choices = ["for", "against", "for", "abstain", "for", "against"]
    for member, choice in zip(voters, choices, strict=False):
        motion_services.cast_ballot(motion=motion, member=member, choice=choice)
    assert _counts(motion) == {"for": 3, "against": 2, "abstain": 1}
    assert motion.receipts.count() == 6
    motion = motion_services.close_motion(motion=motion)
    assert (motion.votes_for, motion.votes_against, motion.abstentions) == (3, 2, 1)


def test_a_refused_vote_counts_nothing():
    motion, voters = _open_motion(2)
    motion_services.cast_ballot(motion=motion, member=voters[0], choice="for")
    for member, choice in [(voters[0], "against"), (make_member(), "for"), (voters[1], "maybe")]:
        with pytest.raises(ValidationError):  # already voted, not a delegate, not a choice
            motion_services.cast_ballot(motion=motion, member=member, choice=choice)
    assert _counts(motion) == {"for": 1, "against": 0, "abstain": 0}


def test_every_vote_rewrites_every_tally_row_of_its_motion_and_no_other():
    motion, voters = _open_motion(4)
    other, _voters = _open_motion(1)
    own = set(motion.tallies.values_list("pk", flat=True))
    for member, choice in zip(voters, ["for", "against", "for", "abstain"], strict=True):
        with rewritten_rows(BallotTally) as written:
            motion_services.cast_ballot(motion=motion, member=member, choice=choice)
        assert written == own, choice  # the rows not chosen were written just like the chosen one
    assert BallotTally.objects.count() == 2 * 3  # one row per choice, however many voted
    assert not set(other.tallies.values_list("pk", flat=True)) & own


@pytest.mark.skipif(connection.vendor != "postgresql", reason="xmin is PostgreSQL's")
def test_on_postgresql_all_tally_rows_carry_the_last_voters_transaction():
    motion, voters = _open_motion(3)
    for member, choice in zip(voters, ["for", "against", "abstain"], strict=True):
        motion_services.cast_ballot(motion=motion, member=member, choice=choice)
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT xmin::text FROM congress_ballottally WHERE motion_id = %s", [motion.pk])
        assert len(cursor.fetchall()) == 1


def test_every_appraisal_ballot_rewrites_every_tally_row_of_the_appraisal():
    appraisal, voters = _open_appraisal(3, leaders=2)
    first, second = appraisal.appraisees.all()
    own = set(AppraisalTally.objects.filter(appraisee__appraisal=appraisal).values_list("pk", flat=True))
    plans = [("satisfied", "unsatisfied"), ("mostly", "mostly"), ("satisfied", "satisfied")]
    for member, (a, b) in zip(voters, plans, strict=True):
        with rewritten_rows(AppraisalTally) as written:
            appraisal_services.cast_appraisal_ballot(
                appraisal=appraisal, member=member, grades={first.pk: a, second.pk: b}
            )
        assert written == own
    counts = {(t.appraisee_id, t.grade): t.count for t in AppraisalTally.objects.all()}
    assert counts == {
        (first.pk, "satisfied"): 2,
        (first.pk, "mostly"): 1,
        (first.pk, "unsatisfied"): 0,
        (second.pk, "satisfied"): 1,
        (second.pk, "mostly"): 1,
        (second.pk, "unsatisfied"): 1,
    }
    appraisal = appraisal_services.close_appraisal(appraisal=appraisal)
    tally = appraisal_selectors.appraisal_tally(appraisal)
    assert [row["total"] for row in tally] == [3, 3]
    assert [g["percent"] for g in tally[0]["grades"]] == [66.7, 33.3, 0]


def test_no_table_keeps_a_choice_per_voter():
    assert {f.name for f in BallotTally._meta.concrete_fields} == {"id", "motion", "choice", "count"}
    assert {f.name for f in AppraisalTally._meta.concrete_fields} == {"id", "appraisee", "grade", "count"}
    assert {f.name for f in BallotReceipt._meta.concrete_fields} == {"id", "motion", "delegate"}
    assert {f.name for f in AppraisalReceipt._meta.concrete_fields} == {"id", "appraisal", "member"}


def _queries(action):
    with CaptureQueriesContext(connection) as queries:
        action()
    return len(queries)


def test_a_vote_costs_as_many_queries_for_the_first_voter_as_for_the_fiftieth():
    motion, voters = _open_motion(50)
    motion = Motion.objects.get(pk=motion.pk)  # as the vote view reads it
    first = _queries(lambda: motion_services.cast_ballot(motion=motion, member=voters[0], choice="for"))
    for member in voters[1:-1]:
        motion_services.cast_ballot(motion=motion, member=member, choice="against")
    assert _queries(lambda: motion_services.cast_ballot(motion=motion, member=voters[-1], choice="abstain")) == first
    # who may vote in one query; the receipt, the motion's lock and the tally in one statement on PostgreSQL, two
    # on SQLite (+ the savepoint the test's transaction needs)
    assert first == (4 if connection.vendor == "postgresql" else 5)
    assert _counts(motion) == {"for": 1, "against": 48, "abstain": 1}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_ballot_holds_the_motion_lock_for_one_statement_and_its_commit():
    """The hall queues for the motion's lock: the lock, the receipt and the tally are one statement, run as its own
    transaction, so no round trip to Python happens while the lock is held."""
    motion, voters = _open_motion(2)
    sent = []

    def note(run, sql, params, many, context):
        sent.append((sql, connection.in_atomic_block))
        return run(sql, params, many, context)

    with connection.execute_wrapper(note):
        motion_services.cast_ballot(motion=motion, member=voters[0], choice="for")
    (ballot, in_transaction_block), *_before = reversed(sent)
    assert [sql for sql, _ in sent if "FOR UPDATE" in sql or "congress_ballottally" in sql] == [ballot]
    assert "INSERT INTO" in ballot and "ballotreceipt" in ballot and "UPDATE" in ballot
    assert not in_transaction_block and connection.get_autocommit()
    assert _counts(motion) == {"for": 1, "against": 0, "abstain": 0} and motion.receipts.count() == 1


def test_a_ballot_is_refused_when_the_motion_closed_after_the_voter_was_checked():
    motion, voters = _open_motion(3)
    seen_open = Motion.objects.get(pk=motion.pk)
    motion_services.close_motion(motion=motion)
    with pytest.raises(ValidationError, match="此事项当前不接受投票。"):
        motion_services.cast_ballot(motion=seen_open, member=voters[0], choice="for")
    assert not motion.receipts.exists()
    assert _counts(motion) == {"for": 0, "against": 0, "abstain": 0}


def test_a_vote_missing_a_tally_row_takes_no_ballot_rather_than_lose_it():
    motion, voters = _open_motion(2)
    motion.tallies.filter(choice="against").delete()  # as a vote opened without its rows would be
    with pytest.raises(RuntimeError, match="tally rows"):
        motion_services.cast_ballot(motion=motion, member=voters[0], choice="against")
    assert not motion.receipts.exists() and _counts(motion) == {"for": 0, "abstain": 0}
    appraisal, voters = _open_appraisal(1, leaders=2)
    first, second = appraisal.appraisees.all()
    second.tallies.filter(grade="mostly").delete()
    with pytest.raises(RuntimeError, match="tally rows"):
        appraisal_services.cast_appraisal_ballot(
            appraisal=appraisal, member=voters[0], grades={first.pk: "satisfied", second.pk: "satisfied"}
        )
    assert not AppraisalReceipt.objects.exists()
    assert set(AppraisalTally.objects.values_list("count", flat=True)) == {0}


def test_an_appraisal_ballot_costs_as_many_queries_for_the_first_voter_as_for_the_fiftieth():
    appraisal, voters = _open_appraisal(50, leaders=5)
    grades = {pk: "mostly" for pk in appraisal.appraisees.values_list("pk", flat=True)}

    def vote(member):
        return lambda: appraisal_services.cast_appraisal_ballot(appraisal=appraisal, member=member, grades=grades)

    first = _queries(vote(voters[0]))
    for member in voters[1:-1]:
        vote(member)()
    assert _queries(vote(voters[-1])) == first
    assert set(AppraisalTally.objects.filter(grade="mostly").values_list("count", flat=True)) == {50}
