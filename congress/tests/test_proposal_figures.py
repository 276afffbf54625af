"""Proposal figures a chair reports to the next session: rates over the right base, and 落实 after the reply."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from congress import proposal_services, selectors
from congress.models import Proposal

from .factories import make_delegate, make_member, make_session, make_term

pytestmark = pytest.mark.django_db
S = Proposal.Status
DONE, PARTLY, NOT_DONE = Proposal.Implementation


@pytest.fixture
def session():
    session = make_session(make_term(number=4))
    proposer = make_delegate(session.term).member
    for i, (status, rating, implementation) in enumerate(
        [
            (S.SUBMITTED, "", ""),  # the committee has not ruled: outside 立案率
            (S.REJECTED, "", ""),
            (S.MERGED, "", ""),
            (S.REGISTERED, "", ""),
            (S.ASSIGNED, "", ""),
            (S.REPLIED, "", PARTLY),
            (S.RATED, Proposal.Rating.UNSATISFIED, NOT_DONE),
            (S.CLOSED, Proposal.Rating.SATISFIED, DONE),
            (S.CLOSED, Proposal.Rating.MOSTLY, ""),
        ]
    ):
        Proposal.objects.create(
            session=session,
            proposer=proposer,
            title=f"提案{i}",
            content="理由",
            status=status,
            rating=rating,
            implementation=implementation,
        )
    return session


def test_rates_count_each_over_its_own_base(session):
    kpis = selectors.session_kpis(session)
    assert kpis["received"] == 9
    assert kpis["registered_rate"] == 87.5  # (6 立案 + 1 并案) ÷ 8 decided
    assert kpis["replied_rate"] == 66.7  # 4 answered ÷ 6 立案
    assert kpis["feedback_rate"] == 75.0  # 3 rated ÷ 4 answered
    assert kpis["closed_rate"] == 33.3  # 2 closed ÷ 6 立案
    assert kpis["satisfied_rate"] == 66.7  # 满意 + 基本满意 ÷ 3 rated
    assert kpis["resolved_rate"] == 33.3  # 1 已落实 ÷ 3 recorded
    assert "尚未审查的提案不计入立案率" in str(kpis["rules"])


def test_the_follow_up_page_writes_the_rules_and_marks_overdue_proposals(client_as, session):
    Proposal.objects.filter(status=S.ASSIGNED).update(deadline=timezone.localdate() - datetime.timedelta(days=3))
    page = client_as("member").get(f"/congress/sessions/{session.pk}/follow-up/").content.decode()
    assert "解决率＝已落实÷已登记落实情况的提案" in page
    assert page.count('data-testid="overdue"') == 1
    assert "/implementation/" not in page  # a member records nothing


def test_staff_record_implementation_after_the_reply(client_as, session):
    proposal = Proposal.objects.get(status=S.CLOSED, implementation="")
    response = client_as("staff").post(
        f"/congress/proposals/{proposal.pk}/implementation/",
        {f"p{proposal.pk}-implementation": DONE, f"p{proposal.pk}-note": ""},
        follow=True,
    )
    proposal.refresh_from_db()
    assert proposal.implementation == DONE
    assert f"已登记提案“{proposal.title}”的落实情况：已落实。" in response.content.decode()


def test_partly_done_needs_a_note_and_nothing_is_saved_without_it(client_as, session):
    proposal = Proposal.objects.get(status=S.CLOSED, implementation="")
    response = client_as("staff").post(
        f"/congress/proposals/{proposal.pk}/implementation/",
        {f"p{proposal.pk}-implementation": PARTLY, f"p{proposal.pk}-note": " "},
        follow=True,
    )
    proposal.refresh_from_db()
    assert proposal.implementation == ""
    assert "请在“落实情况说明”中写明原因" in response.content.decode()


def test_implementation_waits_for_the_reply():
    session = make_session(make_term())
    proposal = Proposal.objects.create(
        session=session, proposer=make_member(), title="t", content="c", status=S.ASSIGNED
    )
    with pytest.raises(ValidationError, match="答复后才能登记落实情况"):
        proposal_services.record_implementation(proposal=proposal, actor=None, implementation=DONE)


@pytest.mark.parametrize("role", ["member", "delegate", "handler", "auditor", "welfare"])
def test_only_the_union_or_the_lead_department_records_it(client_as, session, role):
    proposal = Proposal.objects.get(status=S.CLOSED, implementation="")
    response = client_as(role).post(
        f"/congress/proposals/{proposal.pk}/implementation/", {f"p{proposal.pk}-implementation": DONE}
    )
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.implementation == ""
