"""A secret ballot is cast in the hall: only delegates marked 出席 at the session vote (not 请假, 列席 or
unsigned), and a seat has one appraisal ballot even when its delegate is replaced (补选) mid-appraisal."""

import pytest
from django.core.exceptions import ValidationError

from congress import appraisal_selectors, appraisal_services, motion_services, selectors, session_services
from congress.models import AgendaItem, Appraisal, Appraisee, Attendance, Motion

from .factories import make_delegate, make_member, make_session, make_term, mark_present

pytestmark = pytest.mark.django_db


@pytest.fixture
def hall():
    """A session with eight delegates: six present, one on leave (请假), one not signed in."""
    term = make_term()
    session = make_session(term)
    delegates = [make_delegate(term) for _ in range(8)]
    mark_present(session, delegates[:6])
    Attendance.objects.create(session=session, member=delegates[6].member, kind=Attendance.Kind.LEAVE)
    return {"term": term, "session": session, "delegates": delegates}


def _open_motion(session):
    item = AgendaItem.objects.create(session=session, title="审议工作报告")
    return motion_services.open_motion(motion=Motion.objects.create(agenda_item=item, title="通过工作报告"))


def _open_appraisal(term, session=None, electorate=Appraisal.Electorate.DELEGATES):
    appraisal = Appraisal.objects.create(term=term, session=session, title="干部民主评议", electorate=electorate)
    leader = Appraisee.objects.create(appraisal=appraisal, member=make_member("王校长"))
    return appraisal_services.open_appraisal(appraisal=appraisal), leader


def test_only_delegates_present_cast_a_secret_ballot(hall):
    motion = _open_motion(hall["session"])
    present, on_leave, absent = hall["delegates"][0], hall["delegates"][6], hall["delegates"][7]
    motion_services.cast_ballot(motion=motion, member=present.member, choice="for")
    with pytest.raises(ValidationError, match="登记为请假，只有出席的代表可以投票"):
        motion_services.cast_ballot(motion=motion, member=on_leave.member, choice="for")
    with pytest.raises(ValidationError, match="未登记出席本次会议"):
        motion_services.cast_ballot(motion=motion, member=absent.member, choice="for")
    assert dict(motion.tallies.values_list("choice", "count")) == {"for": 1, "against": 0, "abstain": 0}
    assert motion.receipts.count() == 1


def test_a_delegate_sitting_as_observer_does_not_vote(hall):
    motion = _open_motion(hall["session"])
    observer = hall["delegates"][7]
    session_services.record_attendance(session=hall["session"], member=observer.member, kind=Attendance.Kind.OBSERVER)
    with pytest.raises(ValidationError, match="登记为列席"):
        motion_services.cast_ballot(motion=motion, member=observer.member, choice="against")
    assert motion.receipts.count() == 0


def test_appraisal_at_a_session_takes_ballots_from_those_present_only(hall):
    appraisal, leader = _open_appraisal(hall["term"], hall["session"])
    appraisal_services.cast_appraisal_ballot(
        appraisal=appraisal, member=hall["delegates"][1].member, grades={leader.pk: "mostly"}
    )
    for delegate, reason in [(hall["delegates"][6], "登记为请假"), (hall["delegates"][7], "未登记出席")]:
        with pytest.raises(ValidationError, match=reason):
            appraisal_services.cast_appraisal_ballot(
                appraisal=appraisal, member=delegate.member, grades={leader.pk: "satisfied"}
            )
    assert appraisal.receipts.count() == 1


def test_appraisal_outside_a_session_or_by_all_members_needs_no_sign_in(hall):
    without_session, leader = _open_appraisal(hall["term"])
    appraisal_services.cast_appraisal_ballot(
        appraisal=without_session, member=hall["delegates"][7].member, grades={leader.pk: "satisfied"}
    )
    by_members, leader = _open_appraisal(hall["term"], hall["session"], Appraisal.Electorate.MEMBERS)
    staff = make_member(is_union_member=True)
    appraisal_services.cast_appraisal_ballot(appraisal=by_members, member=staff, grades={leader.pk: "satisfied"})
    assert without_session.receipts.count() == by_members.receipts.count() == 1


def test_a_replacement_delegate_cannot_vote_again_for_a_seat_that_voted(hall):
    appraisal, leader = _open_appraisal(hall["term"], hall["session"])
    leaving = hall["delegates"][0]
    appraisal_services.cast_appraisal_ballot(
        appraisal=appraisal, member=leaving.member, grades={leader.pk: "unsatisfied"}
    )
    newcomer = session_services.replace_delegate(delegate=leaving, member=make_member("接替者"))
    mark_present(hall["session"], [newcomer])
    with pytest.raises(ValidationError, match="同一代表席位只投一票"):
        appraisal_services.cast_appraisal_ballot(
            appraisal=appraisal, member=newcomer.member, grades={leader.pk: "satisfied"}
        )
    # and down a chain of two replacements
    third = session_services.replace_delegate(delegate=newcomer, member=make_member("再接替者"))
    mark_present(hall["session"], [third])
    with pytest.raises(ValidationError, match="同一代表席位只投一票"):
        appraisal_services.cast_appraisal_ballot(
            appraisal=appraisal, member=third.member, grades={leader.pk: "satisfied"}
        )
    assert appraisal.receipts.count() == 1
    assert leader.tallies.get(grade="unsatisfied").count == 1


def test_a_replacement_delegate_votes_for_a_seat_that_had_not_voted(hall):
    appraisal, leader = _open_appraisal(hall["term"], hall["session"])
    newcomer = session_services.replace_delegate(delegate=hall["delegates"][2], member=make_member("接替者"))
    mark_present(hall["session"], [newcomer])
    appraisal_services.cast_appraisal_ballot(
        appraisal=appraisal, member=newcomer.member, grades={leader.pk: "satisfied"}
    )
    assert appraisal.receipts.count() == 1


def test_the_dashboard_asks_only_those_who_may_vote(hall):
    motion = _open_motion(hall["session"])
    appraisal, _leader = _open_appraisal(hall["term"], hall["session"])
    present, on_leave = hall["delegates"][0].member, hall["delegates"][6].member
    assert list(selectors.motions_to_vote(present)) == [motion]
    assert appraisal_selectors.appraisals_to_vote(present) == [appraisal]
    assert not selectors.motions_to_vote(on_leave).exists()
    assert appraisal_selectors.appraisals_to_vote(on_leave) == []


def test_the_ballot_page_says_why_a_delegate_on_leave_cannot_vote(client, users, hall):
    delegate = make_delegate(hall["term"], users["delegate"].member)
    Attendance.objects.create(session=hall["session"], member=delegate.member, kind=Attendance.Kind.LEAVE)
    motion = _open_motion(hall["session"])
    client.force_login(users["delegate"])
    page = client.get(f"/congress/motions/{motion.pk}/").text
    assert 'data-testid="ballot"' not in page
    assert "您本次会议登记为请假，只有出席的代表可以投票。" in page
    response = client.post(f"/congress/motions/{motion.pk}/vote/", {"choice": "for"}, follow=True)
    assert "只有出席的代表可以投票" in response.text
    assert motion.receipts.count() == 0
    appraisal, _leader = _open_appraisal(hall["term"], hall["session"])
    page = client.get(appraisal.get_absolute_url()).text
    assert 'data-testid="appraisal-ballot"' not in page and "登记为请假" in page


def test_an_appraisal_voter_is_checked_in_one_query_down_a_chain_of_replacements(hall, django_assert_num_queries):
    appraisal, leader = _open_appraisal(hall["term"], hall["session"])
    seat = hall["delegates"][3]
    appraisal_services.cast_appraisal_ballot(appraisal=appraisal, member=seat.member, grades={leader.pk: "mostly"})
    first = session_services.replace_delegate(delegate=seat, member=make_member("接替者"))
    second = session_services.replace_delegate(delegate=first, member=make_member("再接替者"))
    mark_present(hall["session"], [first, second])
    with django_assert_num_queries(1), pytest.raises(ValidationError, match="同一代表席位只投一票"):
        appraisal_services.check_appraisal_ballot(appraisal, second.member)
    with django_assert_num_queries(1), pytest.raises(ValidationError, match="不在本次评议的参评人员之中"):
        appraisal_services.check_appraisal_ballot(appraisal, first.member)  # replaced in turn: no seat now
