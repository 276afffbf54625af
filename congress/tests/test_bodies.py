"""The congress's bodies: meetings within the term, decisions only with a quorum and by a member, 立案 as a
decision of the 提案工作委员会, 预审 by the 公开领导小组, delegate groups with their leader."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone

from congress import bodies
from congress.models import BodyMeeting, DelegateGroup, MeetingDecision, Proposal
from congress.rules import registers_proposals
from members import committees
from members.models import Committee, CommitteeSeat, CommitteeTerm
from unionportal.roles import roles_of

from .factories import make_delegate, make_member, make_session

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def make_body(kind=Committee.Kind.PROPOSALS, quorum=Committee.Quorum.HALF, members=(), name=None):
    committee = Committee.objects.create(name=name or str(Committee.Kind(kind).label), kind=kind, quorum=quorum)
    term = CommitteeTerm.objects.create(committee=committee, number=1, starts_on=TODAY - datetime.timedelta(days=100))
    for order, member in enumerate(members):
        post = "主任" if order == 0 else "委员"
        CommitteeSeat.objects.create(term=term, member=member, post=post, sort_order=order)
    return term


def submitted_proposal(title="改善食堂", session=None):
    session = session or make_session()
    proposer = make_delegate(session.term).member
    return Proposal.objects.create(
        session=session, proposer=proposer, title=title, content="内容", status=Proposal.Status.SUBMITTED
    )


@pytest.fixture
def committee(users):
    """A 提案工作委员会 of three: the delegate (主任), the staff user and one more; quorum more than half."""
    return make_body(members=[users["delegate"].member, users["staff"].member, make_member("委员丙")])


def test_meetings_are_numbered_in_the_term_and_held_within_it(committee, users):
    first = bodies.hold_meeting(term=committee, held_on=TODAY, place="工会会议室")
    second = bodies.hold_meeting(term=committee, held_on=TODAY)
    assert (first.number, second.number) == (1, 2)
    with pytest.raises(ValidationError, match="须在.*任期之内"):
        bodies.hold_meeting(term=committee, held_on=committee.starts_on - datetime.timedelta(days=1))
    assert BodyMeeting.objects.count() == 2


def test_a_meeting_below_its_quorum_makes_no_decision(committee, users):
    meeting = bodies.hold_meeting(term=committee, held_on=TODAY, attendees=[users["delegate"].member])
    with pytest.raises(ValidationError, match="到会成员1人（共3人），未达到法定人数（过半数成员到会）"):
        bodies.add_decision(meeting=meeting, text="通过工作计划", actor=users["delegate"])
    assert not MeetingDecision.objects.exists()


def test_exactly_half_is_not_more_than_half_but_two_thirds_includes_the_bound():
    half = Committee(quorum=Committee.Quorum.HALF)
    two_thirds = Committee(quorum=Committee.Quorum.TWO_THIRDS)
    assert not half.quorum_reached(2, 4) and half.quorum_reached(3, 4)
    assert two_thirds.quorum_reached(2, 3) and not two_thirds.quorum_reached(1, 3)
    assert Committee(quorum=Committee.Quorum.NONE).quorum_reached(1, 9)


def test_observers_do_not_count_toward_the_quorum(committee, users):
    observers = [make_member() for _ in range(3)]
    meeting = bodies.hold_meeting(term=committee, held_on=TODAY, attendees=[users["delegate"].member, *observers])
    assert bodies.attendance(bodies.meeting_detail(meeting.pk))["present"] == 1


def test_only_a_member_of_the_body_records_its_decisions_and_they_are_numbered(committee, users):
    meeting = bodies.hold_meeting(
        term=committee, held_on=TODAY, attendees=[users["delegate"].member, users["staff"].member]
    )
    with pytest.raises(ValidationError, match="只有提案工作委员会的成员"):
        bodies.add_decision(meeting=meeting, text="通过工作计划", actor=users["chair"])
    first = bodies.add_decision(meeting=meeting, text="通过工作计划", actor=users["delegate"])
    second = bodies.add_decision(meeting=meeting, text="确定征集时间", actor=users["staff"])
    assert (first.number, second.number) == (1, 2)


def test_the_proposal_committee_registers_a_proposal_at_its_meeting(committee, users):
    proposal = submitted_proposal()
    meeting = bodies.hold_meeting(
        term=committee, held_on=TODAY, attendees=[users["delegate"].member, users["staff"].member]
    )
    decision = bodies.decide_proposal(meeting=meeting, proposal=proposal, action="register", actor=users["delegate"])
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.REGISTERED and proposal.number == 1
    assert decision.subject == MeetingDecision.Subject.REGISTER and decision.proposal == proposal
    assert proposal.steps.last().note.endswith(bodies.decided_at(decision))
    assert "第1次全体会议决定第1号" in proposal.steps.last().note


def test_not_registered_and_merged_are_decisions_too(committee, users):
    meeting = bodies.hold_meeting(
        term=committee, held_on=TODAY, attendees=[users["delegate"].member, users["staff"].member]
    )
    first = submitted_proposal("甲")
    second = submitted_proposal("乙", session=first.session)
    third = submitted_proposal("丙", session=first.session)
    bodies.decide_proposal(meeting=meeting, proposal=first, action="register", actor=users["staff"])
    bodies.decide_proposal(meeting=meeting, proposal=second, action="merge", into=first, actor=users["staff"])
    with pytest.raises(ValidationError, match="不立案必须说明理由"):
        bodies.decide_proposal(meeting=meeting, proposal=third, action="reject", actor=users["staff"])
    bodies.decide_proposal(meeting=meeting, proposal=third, action="reject", note="属个人诉求", actor=users["staff"])
    assert list(meeting.decisions.values_list("number", "subject")) == [
        (1, "register"),
        (2, "merge"),
        (3, "reject"),
    ]


def test_a_meeting_still_to_come_decides_nothing(committee, users):
    meeting = bodies.hold_meeting(
        term=committee,
        held_on=TODAY + datetime.timedelta(days=30),
        attendees=[users["delegate"].member, users["staff"].member],
    )
    with pytest.raises(ValidationError, match="尚未举行，不能作出决定"):
        bodies.add_decision(meeting=meeting, text="通过工作计划", actor=users["delegate"])
    assert not MeetingDecision.objects.exists()


def test_no_one_decides_on_her_own_proposal(committee, users):
    from congress.flows import FLOW

    proposal = submitted_proposal()
    proposal.proposer = users["delegate"].member
    proposal.save()
    meeting = bodies.hold_meeting(
        term=committee, held_on=TODAY, attendees=[users["delegate"].member, users["staff"].member]
    )
    with pytest.raises(ValidationError, match="您是《.*》的提案人，不能决定立案与否"):
        bodies.decide_proposal(meeting=meeting, proposal=proposal, action="register", actor=users["delegate"])
    assert not {"register", "reject", "merge"} & {a.name for a in FLOW.available(proposal, users["delegate"])}
    bodies.decide_proposal(meeting=meeting, proposal=proposal, action="register", actor=users["staff"])


def test_a_proposal_decision_below_quorum_leaves_the_proposal_submitted(committee, users):
    proposal = submitted_proposal()
    meeting = bodies.hold_meeting(term=committee, held_on=TODAY, attendees=[users["delegate"].member])
    with pytest.raises(ValidationError, match="未达到法定人数"):
        bodies.decide_proposal(meeting=meeting, proposal=proposal, action="register", actor=users["delegate"])
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED and not MeetingDecision.objects.exists()


def test_another_body_cannot_register_proposals(users):
    presidium = make_body(Committee.Kind.PRESIDIUM, members=[users["chair"].member])
    meeting = bodies.hold_meeting(term=presidium, held_on=TODAY, attendees=[users["chair"].member])
    with pytest.raises(ValidationError, match="只有提案工作委员会的会议可以决定立案"):
        bodies.decide_proposal(meeting=meeting, proposal=submitted_proposal(), action="register", actor=users["chair"])


def next_request(users):
    """The users as the next request loads them: a seat's duties are read once per request."""
    return {role: User.objects.get(pk=user.pk) for role, user in users.items()}


def test_union_staff_register_until_a_proposal_committee_is_set_up_then_its_members(users):
    assert registers_proposals.test(users["staff"]) and not registers_proposals.test(users["delegate"])
    make_body(members=[users["delegate"].member])
    users = next_request(users)
    assert not registers_proposals.test(users["staff"]) and not registers_proposals.test(users["chair"])
    assert registers_proposals.test(users["delegate"])
    assert users["staff"].has_perm("congress.review_proposal")  # 交办 and 办结 stay with union staff


def test_a_committee_without_seats_or_out_of_office_changes_nothing(users):
    make_body(members=[])
    assert registers_proposals.test(users["staff"])
    old = make_body(name="上届提案工作委员会", members=[users["delegate"].member])
    old.ends_on = TODAY - datetime.timedelta(days=1)
    old.save()
    assert registers_proposals.test(users["staff"])


def test_disclosure_review_follows_the_leading_group_once_set_up(users):
    assert users["staff"].has_perm("disclosure.review") and not users["member"].has_perm("disclosure.review")
    make_body(Committee.Kind.DISCLOSURE, members=[users["member"].member])
    users = next_request(users)
    assert users["member"].has_perm("disclosure.review")
    assert not users["staff"].has_perm("disclosure.review")


def test_a_seat_duty_is_one_query_whether_or_not_the_body_is_set_up(users, django_assert_num_queries):
    """The menu asks every page whether a plain member reviews (disclosure.review): one query, seated or not."""
    for seated in (False, True):
        if seated:
            make_body(Committee.Kind.DISCLOSURE, members=[users["member"].member])
        member = next_request(users)["member"]
        roles_of(member), member.member  # read by every page before the menu (roles, the name in the header)
        with django_assert_num_queries(1):
            assert member.has_perm("disclosure.review") is seated


def test_overlapping_terms_of_one_body_are_refused(committee):
    with pytest.raises(ValidationError, match="任期与第1届.*重叠"):
        committees.save_term(CommitteeTerm(committee=committee.committee, number=2, starts_on=TODAY))
    assert committee.committee.terms.count() == 1


def test_a_delegate_group_leader_is_one_of_its_delegates(users):
    session = make_session()
    group = bodies.save_delegate_group(group=DelegateGroup(term=session.term, name="第一代表组", seats=3))
    outsider = make_delegate(session.term)
    group.leader = outsider.member
    with pytest.raises(ValidationError, match="组长：须是本组的在任代表"):
        bodies.save_delegate_group(group=group)
    outsider.group = group
    outsider.save()
    assert bodies.save_delegate_group(group=group).leader == outsider.member
    with pytest.raises(ValidationError, match="本届已有“第一代表组”"):
        bodies.save_delegate_group(group=DelegateGroup(term=session.term, name="第一代表组"))
