import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from congress import appraisal_selectors, appraisal_services, suggestion_services
from congress.models import Appraisal, Appraisee, Suggestion

from .factories import make_delegate, make_member, make_session, make_term

pytestmark = pytest.mark.django_db


@pytest.fixture
def appraisal():
    term = make_term()
    appraisal = Appraisal.objects.create(term=term, title="2026年度干部民主评议")
    Appraisee.objects.create(appraisal=appraisal, member=make_member("校长"), post="校长", report="述职")
    Appraisee.objects.create(appraisal=appraisal, member=make_member("副校长"), post="副校长")
    appraisal.voters = [make_delegate(term).member for _ in range(6)]
    return appraisal


def _grades(appraisal, first, second):
    a, b = appraisal.appraisees.all()
    return {a.pk: first, b.pk: second}


def test_appraisal_open_vote_close_tally(appraisal):
    with pytest.raises(ValidationError, match="不接受投票"):
        appraisal_services.cast_appraisal_ballot(appraisal=appraisal, member=appraisal.voters[0], grades={})
    appraisal_services.open_appraisal(appraisal=appraisal)
    plan = [("satisfied", "unsatisfied")] * 3 + [("mostly", "satisfied")] * 2
    for member, (first, second) in zip(appraisal.voters, plan, strict=False):
        appraisal_services.cast_appraisal_ballot(
            appraisal=appraisal, member=member, grades=_grades(appraisal, first, second)
        )
    assert appraisal_selectors.appraisal_turnout(appraisal) == (5, 6)
    assert appraisal_selectors.appraisal_tally(appraisal) is None  # hidden from everyone while open
    assert appraisal.closed_at is None
    before = timezone.now()
    appraisal = appraisal_services.publish_appraisal(appraisal=appraisal_services.close_appraisal(appraisal=appraisal))
    appraisal.refresh_from_db()
    assert before <= appraisal.closed_at <= timezone.now()  # the day the result was published
    first, second = appraisal_selectors.appraisal_tally(appraisal)
    assert first["grades"][0]["percent"] == 60.0 and not first["flagged"]
    assert second["grades"][2]["count"] == 3 and second["flagged"]


def test_a_ballot_checked_against_an_open_copy_is_refused_once_the_appraisal_closed(appraisal):
    seen_open = appraisal_services.open_appraisal(appraisal=appraisal)
    appraisal_services.close_appraisal(appraisal=Appraisal.objects.get(pk=appraisal.pk))
    with pytest.raises(ValidationError, match="不接受投票"):
        appraisal_services.cast_appraisal_ballot(
            appraisal=seen_open, member=appraisal.voters[0], grades=_grades(appraisal, "satisfied", "mostly")
        )
    assert not seen_open.receipts.exists()


def test_one_appraisal_ballot_per_voter_and_all_leaders_required(appraisal):
    appraisal_services.open_appraisal(appraisal=appraisal)
    voter = appraisal.voters[0]
    with pytest.raises(ValidationError, match="每一位"):
        appraisal_services.cast_appraisal_ballot(appraisal=appraisal, member=voter, grades={})
    with pytest.raises(ValidationError, match="每一位"):
        appraisal_services.cast_appraisal_ballot(
            appraisal=appraisal, member=voter, grades=_grades(appraisal, "satisfied", "excellent")
        )
    appraisal_services.cast_appraisal_ballot(
        appraisal=appraisal, member=voter, grades=_grades(appraisal, "satisfied", "mostly")
    )
    with pytest.raises(ValidationError, match="已参加过"):
        appraisal_services.cast_appraisal_ballot(
            appraisal=appraisal, member=voter, grades=_grades(appraisal, "satisfied", "mostly")
        )
    with pytest.raises(ValidationError, match="参评人员之中"):
        appraisal_services.cast_appraisal_ballot(
            appraisal=appraisal, member=make_member(), grades=_grades(appraisal, "satisfied", "mostly")
        )


def test_anonymous_suggestion_stores_no_author():
    member = make_member()
    suggestion = suggestion_services.submit_suggestion(author=member, title="建议", content="内容", anonymous=True)
    suggestion.refresh_from_db()
    assert suggestion.author is None and suggestion.is_anonymous
    named = suggestion_services.submit_suggestion(author=member, title="署名建议", content="内容")
    assert named.author == member


def test_answer_and_raise_suggestion():
    term = make_term()
    session = make_session(term)
    delegate = make_delegate(term)
    suggestion = suggestion_services.submit_suggestion(author=make_member(), title="增加书架", content="内容")
    with pytest.raises(ValidationError, match="不能为空"):
        suggestion_services.answer_suggestion(suggestion=suggestion, actor=None, answer="")
    proposal = suggestion_services.raise_suggestion(
        suggestion=suggestion, session=session, delegate_member=delegate.member
    )
    assert proposal.title == "增加书架"
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.RAISED
    with pytest.raises(ValidationError, match="已转为提案"):
        suggestion_services.answer_suggestion(suggestion=suggestion, actor=None, answer="好")


def test_publishing_the_result_is_a_step_of_its_own_after_closing(client_as, users):
    session = make_session()
    appraisal = Appraisal.objects.create(term=session.term, title="年度民主评议", electorate="members")
    Appraisee.objects.create(appraisal=appraisal, member=users["handler"].member, post="教务处长")
    appraisal_services.open_appraisal(appraisal=appraisal)
    staff = client_as("staff")
    page = staff.get(appraisal.get_absolute_url()).content.decode()
    assert "已参评 0 /" in page and "结束后不能再投票" in page
    staff.post(f"/congress/appraisals/{appraisal.pk}/close/")
    appraisal.refresh_from_db()
    assert appraisal.status == Appraisal.Status.COUNTED and appraisal.closed_at is None
    assert 'data-testid="tally"' in staff.get(appraisal.get_absolute_url()).content.decode()
    assert 'data-testid="tally"' not in client_as("member").get(appraisal.get_absolute_url()).content.decode()
    client_as("staff").post(f"/congress/appraisals/{appraisal.pk}/publish/")
    appraisal.refresh_from_db()
    assert appraisal.status == Appraisal.Status.CLOSED and appraisal.closed_at is not None
    assert 'data-testid="tally"' in client_as("member").get(appraisal.get_absolute_url()).content.decode()
