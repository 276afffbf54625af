"""Secret ballots stay unlinkable after real votes through the page: what was voted is stored only as
counts (one tally row per choice, or per leader and grade), nothing ties a count to a voter, a receipt
or a time, and voting writes no audit history (whose user and timestamp would name the voter)."""

import pytest
from django.apps import apps
from django.db import models

from congress import motion_services, session_services
from congress.models import AgendaItem, AppraisalReceipt, AppraisalTally, BallotReceipt, BallotTally, Motion
from congress.tests.factories import make_delegate, make_session, make_term

pytestmark = pytest.mark.django_db
SECRET = (BallotTally, AppraisalTally)
WHO_VOTED = (BallotReceipt, AppraisalReceipt)


def history_rows():
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m.__name__.startswith("Historical")}


def test_no_model_points_at_a_tally_or_a_receipt_and_none_keeps_their_history():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete:
                assert field.related_model not in SECRET + WHO_VOTED or model in SECRET + WHO_VOTED, field
    names = {model.__name__ for model in apps.get_models()}
    assert not {f"Historical{model.__name__}" for model in SECRET + WHO_VOTED} & names


@pytest.mark.parametrize("model", SECRET + WHO_VOTED, ids=lambda model: model.__name__)
def test_secret_tables_carry_no_time_and_no_person(model):
    for field in model._meta.concrete_fields:
        assert not isinstance(field, models.DateField | models.TimeField), field
    if model in WHO_VOTED:  # receipt ids carry no voting order; tally ids are all made before the first vote
        assert isinstance(model._meta.pk, models.UUIDField)
    person_models = {apps.get_model("auth.User"), apps.get_model("members.Member")}
    if model in SECRET:
        assert not any(f.is_relation and f.related_model in person_models | set(WHO_VOTED) for f in model._meta.fields)
        assert not any(f.is_relation and f.related_model.__name__ == "Delegate" for f in model._meta.fields)


def test_after_votes_through_the_page_the_stored_rows_link_nobody(client, make_user):
    term = make_term()
    session = make_session(term)
    voters = [make_user(f"voter{i}", ["delegate"]) for i in range(4)]
    for user in voters:
        session_services.record_attendance(
            session=session, member=make_delegate(term, user.member).member, kind="present"
        )
    item = AgendaItem.objects.create(session=session, title="审议工作报告")
    motion = motion_services.open_motion(motion=Motion.objects.create(agenda_item=item, title="通过", method="secret"))
    before = history_rows()
    choices = ["for", "against", "for", "abstain"]
    for user, choice in zip(voters, choices, strict=True):
        client.force_login(user)
        client.post(f"/congress/motions/{motion.pk}/vote/", {"choice": choice})
    assert history_rows() == before  # no audit row (user + time) was written by voting
    rows = list(BallotTally.objects.filter(motion=motion).values())
    assert {row["choice"]: row["count"] for row in rows} == {"for": 2, "against": 1, "abstain": 1}
    assert all(set(row) == {"id", "motion_id", "choice", "count"} for row in rows)  # counts only, no ballot rows
    receipts = list(BallotReceipt.objects.filter(motion=motion).values())
    assert {row["delegate_id"] for row in receipts} == set(
        term.delegates.filter(member__user__in=voters).values_list("pk", flat=True)
    )
