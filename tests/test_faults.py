"""A database error in the middle of a multi-step action leaves nothing half-written.

Each case prepares the world, then makes a *later* step of the action fail with a database error
(the earlier steps have already written their rows inside the transaction). Afterwards every
table, history tables included, holds exactly what it held before, and the objects kept their state.
"""

import pytest
from django.apps import apps
from django.db import OperationalError, connection

from activities import places
from activities import services as activities
from activities.models import Registration
from activities.tests.factories import make_event
from activities.tests.factories import make_member as make_staff
from congress import appraisal_services, motion_services, session_services
from congress.models import AgendaItem, Appraisal, AppraisalTally, Appraisee, BallotTally, Motion
from congress.tests.factories import make_delegate, make_session, make_term
from members import services as members
from members.models import MembershipEvent, UnionGroup
from members.tests.test_import_export import row, workbook
from unionportal import workflow
from welfare import services as welfare
from welfare.models import Application, ApplicationStep, CampaignRecipient, FundSource, Payment
from welfare.tests.factories import make_campaign, open_books

pytestmark = pytest.mark.django_db


def every_table():
    """Row ids of every model, history included: the whole stored state in one comparable value."""
    return {
        model._meta.label: set(model._base_manager.values_list("pk", flat=True))
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def database_error(*args, **kwargs):
    raise OperationalError("database is locked / connection lost")


def failing_write(statement, model):
    """A database hook that fails with a database error every statement that does ``statement`` ("UPDATE", "INSERT
    INTO") on ``model``'s table, alone or within a larger one (a ballot on PostgreSQL is one statement)."""
    table = model._meta.db_table

    def execute(run, sql, params, many, context):
        if f'{statement} "{table}"' in sql:
            database_error()
        return run(sql, params, many, context)

    return connection.execute_wrapper(execute)


def test_roster_import_failing_at_the_join_events_adds_no_member(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    UnionGroup.objects.create(name="语文组")
    before = every_table()
    with failing_write("INSERT INTO", MembershipEvent), pytest.raises(OperationalError):
        members.import_roster(file=workbook(row(), row("李四", "女")))
    assert every_table() == before  # no member, no history row, no event


def _approved_application(users):
    application = welfare.apply_for_help(
        member=users["member"].member, actor=users["member"], reason="住院", amount_requested="800"
    )
    welfare.review_application(application=application, actor=users["welfare"])
    return welfare.approve_application(application=application, actor=users["chair"], amount="600")


def test_payment_of_an_approved_application_failing_at_its_step_records_no_payment(users, monkeypatch):
    open_books(users)
    application = _approved_application(users)
    before = every_table()
    monkeypatch.setattr(ApplicationStep, "save", database_error)
    with pytest.raises(OperationalError):
        welfare.pay_application(application=application, actor=users["welfare"], fund_source=FundSource.UNION_FUNDS)
    assert every_table() == before
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED
    assert not Payment.objects.filter(application=application).exists()


def test_campaign_delivery_failing_after_the_payment_records_no_payment(users, monkeypatch):
    open_books(users)
    campaign = make_campaign()
    recipient = welfare.add_recipient(campaign=campaign, member=users["member"].member, actor=users["welfare"])
    before = every_table()
    monkeypatch.setattr(CampaignRecipient, "save", database_error)
    with pytest.raises(OperationalError):
        welfare.deliver_to_recipient(recipient=recipient, actor=users["welfare"])
    assert every_table() == before
    recipient.refresh_from_db()
    assert recipient.payment_id is None


def _open_motion_with_two_votes():
    term = make_term()
    session = make_session(term)
    item = AgendaItem.objects.create(session=session, title="审议工作报告")
    delegates = [make_delegate(term) for _ in range(3)]
    for delegate in delegates:
        session_services.record_attendance(session=session, member=delegate.member, kind="present")
    motion = motion_services.open_motion(motion=Motion.objects.create(agenda_item=item, title="通过", method="secret"))
    for delegate in delegates[:2]:
        motion_services.cast_ballot(motion=motion, member=delegate.member, choice="for")
    return motion, delegates[2]


def tally_counts():
    return [sorted(model.objects.values_list("pk", "count")) for model in (BallotTally, AppraisalTally)]


def test_a_ballot_failing_at_the_count_leaves_neither_receipt_nor_count():
    motion, voter = _open_motion_with_two_votes()
    before, counts = every_table(), tally_counts()
    with failing_write("UPDATE", BallotTally), pytest.raises(OperationalError):  # after the receipt's INSERT
        motion_services.cast_ballot(motion=motion, member=voter.member, choice="against")
    assert every_table() == before and tally_counts() == counts
    motion_services.cast_ballot(motion=motion, member=voter.member, choice="against")  # and the delegate can vote again
    assert dict(motion.tallies.values_list("choice", "count")) == {"for": 2, "against": 1, "abstain": 0}
    assert motion.receipts.count() == 3


def test_an_appraisal_ballot_failing_at_the_count_leaves_no_receipt():
    term = make_term()
    appraisal = Appraisal.objects.create(term=term, title="干部民主评议")
    leader = Appraisee.objects.create(appraisal=appraisal, member=make_staff(), post="校长")
    voter = make_delegate(term)
    appraisal_services.open_appraisal(appraisal=appraisal)
    before, counts = every_table(), tally_counts()
    with failing_write("UPDATE", AppraisalTally), pytest.raises(OperationalError):
        appraisal_services.cast_appraisal_ballot(
            appraisal=appraisal, member=voter.member, grades={leader.pk: "satisfied"}
        )
    assert every_table() == before and tally_counts() == counts


def test_cancelling_failing_while_promoting_the_waitlist_changes_nobody(monkeypatch):
    event = make_event(capacity=1)
    placed = activities.sign_up(event=event, member=make_staff())
    waiting = activities.sign_up(event=event, member=make_staff())
    before = every_table()
    monkeypatch.setattr(workflow, "notify", database_error)  # after the promotion is saved
    with pytest.raises(OperationalError):
        activities.cancel(registration=placed, actor=None)
    assert every_table() == before
    placed.refresh_from_db()
    waiting.refresh_from_db()
    assert (placed.status, waiting.status) == (Registration.Status.REGISTERED, Registration.Status.WAITLISTED)


def test_team_sign_up_failing_at_the_registration_leaves_no_team(monkeypatch):
    group = UnionGroup.objects.create(name="数学组")
    event = make_event(is_team_event=True, capacity=4)
    before = every_table()
    monkeypatch.setattr(places, "enter", database_error)  # the team is written; taking its place fails
    with pytest.raises(OperationalError):
        activities.sign_up_team(event=event, union_group=group, actor=None, members=[make_staff(union_group=group)])
    after = every_table()
    after["members.Member"] = before["members.Member"]  # the team member was made before the call
    after["members.HistoricalMember"] = before["members.HistoricalMember"]
    assert after == before
