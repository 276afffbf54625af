import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.module_loading import import_string

from congress import motion_services, proposal_services, selectors, session_services
from congress.flows import FLOW
from congress.models import BallotReceipt, DelegateGroup, Motion, Proposal, ProposalCoSigner
from members.models import Department

from .factories import make_delegate, make_member, make_session, make_term, mark_present

S = Proposal.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(make_user):
    term = make_term()
    session = make_session(term)
    proposer_user = make_user("proposer", ["delegate"])
    make_delegate(term, proposer_user.member)
    others = [make_delegate(term).member for _ in range(3)]
    staff = make_user("staffer", ["staff"])
    handler = make_user("head", ["handler"])
    department = Department.objects.create(name="后勤处", head=handler.member)
    return {
        "term": term,
        "session": session,
        "user": proposer_user,
        "member": proposer_user.member,
        "others": others,
        "staff": staff,
        "handler": handler,
        "department": department,
    }


def drafted(setup):
    return proposal_services.draft_proposal(
        session=setup["session"], proposer=setup["member"], title="改善食堂", content="增加菜品", actor=setup["user"]
    )


def submitted(setup):
    proposal = drafted(setup)
    proposal_services.invite_cosigners(proposal=proposal, cosigners=setup["others"][:2], actor=setup["user"])
    for member in setup["others"][:2]:
        proposal_services.cosign(proposal=proposal, member=member, actor=None)
    return proposal_services.submit(proposal=proposal, actor=setup["user"])


def assigned(setup):
    proposal = proposal_services.register(proposal=submitted(setup), actor=setup["staff"])
    return proposal_services.assign(
        proposal=proposal,
        actor=setup["staff"],
        lead_department=setup["department"],
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    )


def replied(setup):
    return proposal_services.reply(proposal=assigned(setup), actor=setup["handler"], text="已增加")


def test_only_an_active_delegate_drafts(setup):
    with pytest.raises(ValidationError, match="在任代表"):
        proposal_services.draft_proposal(session=setup["session"], proposer=make_member(), title="x", content="y")


def test_drafting_outside_the_window_is_refused(setup):
    session = setup["session"]
    session.proposals_close_at = timezone.now() - datetime.timedelta(days=1)
    session.save()
    with pytest.raises(ValidationError, match="已截止"):
        drafted(setup)


def test_draft_writes_a_first_step(setup):
    proposal = drafted(setup)
    assert proposal.status == S.DRAFT
    assert proposal.steps.get().to_status == S.DRAFT


def test_invite_moves_to_collecting_and_cosign_counts(setup):
    proposal = drafted(setup)
    proposal = proposal_services.invite_cosigners(proposal=proposal, cosigners=setup["others"], actor=setup["user"])
    assert proposal.status == S.COLLECTING
    proposal_services.cosign(proposal=proposal, member=setup["others"][0], actor=None)
    proposal_services.decline(proposal=proposal, member=setup["others"][1], actor=None)
    statuses = set(proposal.cosigners.values_list("status", flat=True))
    assert statuses == {"signed", "declined", "invited"}


def test_an_invitation_still_unanswered_lapses_when_the_proposal_is_submitted(setup, make_user):
    from unionportal.notices import Notice
    from unionportal.workflow import buttons

    late = make_user("late", ["delegate"])
    make_delegate(setup["term"], late.member)
    proposal = drafted(setup)
    proposal_services.invite_cosigners(
        proposal=proposal, cosigners=[*setup["others"][:2], late.member], actor=setup["user"]
    )
    for member in setup["others"][:2]:
        proposal_services.cosign(proposal=proposal, member=member, actor=None)
    proposal_services.submit(proposal=proposal, actor=setup["user"])
    invitation = ProposalCoSigner.objects.get(proposal=proposal, member=late.member)
    assert invitation.status == ProposalCoSigner.Status.LAPSED
    assert invitation.steps.get(action="lapse").actor == setup["user"]
    assert Notice.objects.filter(recipient=late, text__contains="无需再回复").count() == 1
    assert buttons(invitation, late) == []
    signed = proposal.cosigners.filter(status=ProposalCoSigner.Status.SIGNED).count()
    assert signed == 2  # the answered ones stay as they were


def test_cannot_invite_self_or_non_delegates(setup):
    proposal = drafted(setup)
    with pytest.raises(ValidationError, match="自己"):
        proposal_services.invite_cosigners(proposal=proposal, cosigners=[setup["member"]], actor=setup["user"])
    with pytest.raises(ValidationError, match="不是本届在任代表"):
        proposal_services.invite_cosigners(proposal=proposal, cosigners=[make_member()], actor=setup["user"])


def test_uninvited_and_repeated_cosign_refused(setup):
    proposal = proposal_services.invite_cosigners(
        proposal=drafted(setup), cosigners=setup["others"][:1], actor=setup["user"]
    )
    with pytest.raises(ValidationError, match="未被邀请"):
        proposal_services.cosign(proposal=proposal, member=setup["others"][2], actor=None)
    proposal_services.cosign(proposal=proposal, member=setup["others"][0], actor=None)
    with pytest.raises(ValidationError, match="附议邀请现在是“已附议”，不能附议"):
        proposal_services.cosign(proposal=proposal, member=setup["others"][0], actor=None)


def test_submit_needs_the_minimum_cosigners(setup):
    proposal = proposal_services.invite_cosigners(
        proposal=drafted(setup), cosigners=setup["others"], actor=setup["user"]
    )
    proposal_services.cosign(proposal=proposal, member=setup["others"][0], actor=None)
    with pytest.raises(ValidationError, match="至少2位"):
        proposal_services.submit(proposal=proposal, actor=setup["user"])
    proposal_services.cosign(proposal=proposal, member=setup["others"][1], actor=None)
    proposal = proposal_services.submit(proposal=proposal, actor=setup["user"])
    assert proposal.status == S.SUBMITTED and proposal.submitted_at


def test_minimum_is_configurable(setup):
    setup["term"].min_cosigners = 0
    setup["term"].save()
    assert proposal_services.submit(proposal=drafted(setup), actor=setup["user"]).status == S.SUBMITTED


def test_register_numbers_the_proposal(setup):
    proposal = proposal_services.register(proposal=submitted(setup), actor=setup["staff"], note="内部意见")
    assert proposal.status == S.REGISTERED and proposal.number == 1
    assert proposal.steps.last().internal


def test_register_refused_from_draft(setup):
    with pytest.raises(ValidationError, match="不能立案"):
        proposal_services.register(proposal=drafted(setup), actor=setup["staff"])


def test_reject_converts_to_suggestion_and_needs_a_reason(setup):
    proposal = submitted(setup)
    with pytest.raises(ValidationError, match="理由"):
        proposal_services.reject(proposal=proposal, actor=setup["staff"], reason=" ")
    proposal = proposal_services.reject(proposal=proposal, actor=setup["staff"], reason="属个人事务")
    assert proposal.status == S.REJECTED and proposal.is_suggestion
    with pytest.raises(ValidationError):
        proposal_services.register(proposal=proposal, actor=setup["staff"])


def test_merge_into_another(setup):
    first = proposal_services.register(proposal=submitted(setup), actor=setup["staff"])
    second = submitted(setup)
    with pytest.raises(ValidationError, match="自身"):
        proposal_services.merge(proposal=second, into=second, actor=setup["staff"])
    second = proposal_services.merge(proposal=second, into=first, actor=setup["staff"])
    assert second.status == S.MERGED and second.merged_into == first


def test_assign_needs_department_and_future_deadline(setup):
    proposal = proposal_services.register(proposal=submitted(setup), actor=setup["staff"])
    with pytest.raises(ValidationError, match="主办部门"):
        proposal_services.assign(
            proposal=proposal, actor=setup["staff"], lead_department=None, deadline=timezone.localdate()
        )
    with pytest.raises(ValidationError, match="早于今天"):
        proposal_services.assign(
            proposal=proposal,
            actor=setup["staff"],
            lead_department=setup["department"],
            deadline=timezone.localdate() - datetime.timedelta(days=1),
        )
    helper = Department.objects.create(name="教务处X")
    proposal = proposal_services.assign(
        proposal=proposal,
        actor=setup["staff"],
        lead_department=setup["department"],
        deadline=timezone.localdate(),
        helping_departments=[helper, setup["department"]],
    )
    assert proposal.status == S.ASSIGNED
    assert list(proposal.helping_departments.all()) == [helper]


def test_assign_refused_before_register(setup):
    with pytest.raises(ValidationError, match="不能交办"):
        proposal_services.assign(
            proposal=submitted(setup),
            actor=setup["staff"],
            lead_department=setup["department"],
            deadline=timezone.localdate(),
        )


def test_reply_needs_text_and_assignment(setup):
    with pytest.raises(ValidationError, match="不能答复"):
        proposal_services.reply(proposal=submitted(setup), actor=setup["handler"], text="x")
    proposal = assigned(setup)
    with pytest.raises(ValidationError, match="不能为空"):
        proposal_services.reply(proposal=proposal, actor=setup["handler"], text="")
    proposal = proposal_services.reply(proposal=proposal, actor=setup["handler"], text="已落实")
    assert proposal.status == S.REPLIED and proposal.replied_at


def test_only_the_proposer_rates(setup):
    with pytest.raises(ValidationError, match="只有提案人"):
        proposal_services.rate(proposal=replied(setup), actor=setup["staff"], rating="satisfied")


def test_unsatisfied_returns_once_then_sticks(setup):
    proposal = proposal_services.rate(proposal=replied(setup), actor=setup["user"], rating="unsatisfied")
    assert proposal.status == S.ASSIGNED and proposal.returned
    proposal = proposal_services.reply(proposal=proposal, actor=setup["handler"], text="再次答复")
    proposal = proposal_services.rate(proposal=proposal, actor=setup["user"], rating="unsatisfied")
    assert proposal.status == S.RATED and proposal.rating == "unsatisfied"


def test_satisfied_then_close(setup):
    proposal = proposal_services.rate(proposal=replied(setup), actor=setup["user"], rating="satisfied")
    assert proposal.status == S.RATED
    with pytest.raises(ValidationError, match="不能评价"):
        proposal_services.rate(proposal=proposal, actor=setup["user"], rating="satisfied")
    proposal = proposal_services.close(proposal=proposal, actor=setup["staff"])
    assert proposal.status == S.CLOSED
    assert [step.to_status for step in proposal.steps.all()][-4:] == [S.ASSIGNED, S.REPLIED, S.RATED, S.CLOSED]


def test_close_refused_before_rating(setup):
    with pytest.raises(ValidationError, match="不能办结"):
        proposal_services.close(proposal=replied(setup), actor=setup["staff"])


def test_session_kpis(setup):
    proposal_services.close(
        proposal=proposal_services.rate(proposal=replied(setup), actor=setup["user"], rating="satisfied"),
        actor=setup["staff"],
    )
    proposal_services.reject(proposal=submitted(setup), actor=setup["staff"], reason="不属实")
    drafted(setup)
    kpis = selectors.session_kpis(setup["session"])
    assert {
        key: kpis[key] for key in ["received", "registered", "registered_rate", "closed_rate", "satisfied_rate"]
    } == {
        "received": 2,
        "registered": 1,
        "registered_rate": 50.0,
        "closed_rate": 100.0,
        "satisfied_rate": 100.0,
    }


def test_every_action_of_the_table_names_a_service_that_exists():
    for action in FLOW.actions:
        assert callable(import_string(action.service)), action.name


def _call(action, proposal, setup):
    later = timezone.localdate() + datetime.timedelta(days=30)
    calls = {
        "invite": lambda: proposal_services.invite_cosigners(
            proposal=proposal, cosigners=setup["others"][2:], actor=None
        ),
        "submit": lambda: proposal_services.submit(proposal=proposal, actor=setup["user"]),
        "register": lambda: proposal_services.register(proposal=proposal, actor=setup["staff"]),
        "reject": lambda: proposal_services.reject(proposal=proposal, actor=setup["staff"], reason="不属于提案范围"),
        "merge": lambda: proposal_services.merge(proposal=proposal, into=submitted(setup), actor=setup["staff"]),
        "assign": lambda: proposal_services.assign(
            proposal=proposal, actor=setup["staff"], lead_department=setup["department"], deadline=later
        ),
        "reply": lambda: proposal_services.reply(proposal=proposal, actor=setup["handler"], text="答复"),
        "rate": lambda: proposal_services.rate(proposal=proposal, actor=setup["user"], rating="satisfied"),
        "close": lambda: proposal_services.close(proposal=proposal, actor=setup["staff"]),
    }
    return calls[action]()


ILLEGAL = [
    (action.name, status)
    for action in FLOW.actions
    if action.name not in ("cosign", "decline")  # answers to an invitation, refused by their own rule
    for status in S.values
    if status not in action.sources
]


@pytest.mark.parametrize(("action", "status"), ILLEGAL)
def test_every_illegal_transition_is_refused(setup, action, status):
    proposal = drafted(setup)
    Proposal.objects.filter(pk=proposal.pk).update(status=status)
    proposal.refresh_from_db()
    steps = proposal.steps.count()
    with pytest.raises(ValidationError, match="不能"):
        _call(action, proposal, setup)
    proposal.refresh_from_db()
    assert proposal.status == status and proposal.steps.count() == steps


# ---- votes -----------------------------------------------------------------


def test_majority_is_of_all_delegates_not_of_those_present():
    assert selectors.passes(votes_for=18, delegates=35)
    assert not selectors.passes(votes_for=17, delegates=35)
    assert not selectors.passes(votes_for=17, delegates=34)


def test_exactly_half_of_all_delegates_does_not_pass():
    assert not selectors.passes(votes_for=10, delegates=20)
    assert selectors.passes(votes_for=11, delegates=20)
    assert not selectors.passes(votes_for=0, delegates=0)


def _attendance(session, delegates, present):
    from congress.models import Attendance

    for i, delegate in enumerate(delegates):
        kind = Attendance.Kind.PRESENT if i < present else Attendance.Kind.LEAVE
        Attendance.objects.create(session=session, member=delegate.member, kind=kind)


def test_quorum_two_thirds():
    term = make_term()
    session = make_session(term)
    delegates = [make_delegate(term) for _ in range(9)]
    _attendance(session, delegates, 6)
    assert selectors.quorum(session=session) == (6, 9, True)
    from congress.models import Attendance

    Attendance.objects.filter(member=delegates[0].member).update(kind=Attendance.Kind.LEAVE)
    assert selectors.quorum(session=session) == (5, 9, False)


def test_quorum_at_exactly_two_thirds_and_one_below():
    term = make_term()
    session = make_session(term)
    delegates = [make_delegate(term) for _ in range(30)]
    _attendance(session, delegates, 20)
    assert selectors.quorum(session=session) == (20, 30, True)
    from congress.models import Attendance

    Attendance.objects.filter(member=delegates[19].member).update(kind=Attendance.Kind.LEAVE)
    assert selectors.quorum(session=session) == (19, 30, False)


def test_a_vote_cannot_open_without_a_quorum():
    term = make_term()
    session = make_session(term)
    delegates = [make_delegate(term) for _ in range(9)]
    _attendance(session, delegates, 5)
    with pytest.raises(ValidationError, match="未达到应到代表9人的三分之二"):
        motion_services.open_motion(motion=_motion(session))
    with pytest.raises(ValidationError, match="不能表决"):
        motion_services.record_open_count(
            motion=_motion(session, Motion.Method.OPEN), votes_for=5, votes_against=0, abstentions=0
        )
    mark_present(session, delegates[5:6])
    motion = motion_services.open_motion(motion=_motion(session))
    assert (motion.delegates_total, motion.delegates_present) == (9, 6)


def test_no_motion_is_put_to_the_vote_before_its_session_opens():
    term = make_term()
    opening = timezone.localdate() + datetime.timedelta(days=10)
    session = make_session(term, title="四届三次教代会", starts_on=opening, ends_on=opening)
    make_delegate(term)
    mark_present(session)
    refusal = f"四届三次教代会的开幕日期是{opening:%Y-%m-%d}，会议尚未开始，不能对“通过工作报告”表决。"
    with pytest.raises(ValidationError, match=refusal):
        motion_services.open_motion(motion=_motion(session))
    with pytest.raises(ValidationError, match=refusal):
        motion_services.record_open_count(
            motion=_motion(session, Motion.Method.OPEN), votes_for=1, votes_against=0, abstentions=0
        )
    assert not Motion.objects.exclude(status=Motion.Status.DRAFT).exists()
    session.starts_on = timezone.localdate()  # the opening day has come
    session.save()
    assert motion_services.open_motion(motion=_motion(session)).status == Motion.Status.OPEN


def test_majority_of_a_past_vote_is_fixed_when_delegates_change_later():
    """18 of 35 passes; a later 补选 of a new delegate (36) or the removal of one (34) leaves it passed."""
    term = make_term()
    session = make_session(term)
    delegates = [make_delegate(term) for _ in range(35)]
    mark_present(session)
    motion = motion_services.open_motion(motion=_motion(session))
    for delegate in delegates[:18]:
        motion_services.cast_ballot(motion=motion, member=delegate.member, choice="for")
    newcomer = session_services.replace_delegate(delegate=delegates[30], member=make_member())
    make_delegate(term)  # seated after the vote opened
    with pytest.raises(ValidationError, match="表决开始后才就任"):
        motion_services.cast_ballot(motion=motion, member=newcomer.member, choice="against")
    motion = motion_services.close_motion(motion=motion)
    assert selectors.motion_result(motion) == {"delegates": 35, "present": 35, "passed": True}
    assert term.delegates.filter(active=True).count() == 36


def test_observers_do_not_count_for_quorum():
    from congress.models import Attendance

    term = make_term()
    session = make_session(term)
    delegates = [make_delegate(term) for _ in range(3)]
    _attendance(session, delegates, 2)
    Attendance.objects.create(session=session, member=make_member(), kind=Attendance.Kind.OBSERVER)
    assert selectors.quorum(session=session) == (2, 3, True)


def _motion(session, method=Motion.Method.SECRET):
    from congress.models import AgendaItem

    item = AgendaItem.objects.create(session=session, title="审议工作报告")
    return Motion.objects.create(agenda_item=item, title="通过工作报告", method=method)


def test_secret_ballot_counts_and_passes_on_all_delegates():
    term = make_term()
    session = make_session(term)
    delegates = [make_delegate(term) for _ in range(7)]
    mark_present(session)
    motion = motion_services.open_motion(motion=_motion(session))
    for delegate, choice in zip(delegates[:5], ["for", "for", "for", "against", "abstain"], strict=True):
        motion_services.cast_ballot(motion=motion, member=delegate.member, choice=choice)
    motion = motion_services.close_motion(motion=motion)
    assert (motion.votes_for, motion.votes_against, motion.abstentions) == (3, 1, 1)
    assert selectors.motion_result(motion) == {"delegates": 7, "present": 7, "passed": False}


def test_one_ballot_per_delegate_and_only_when_open():
    term = make_term()
    session = make_session(term)
    delegate = make_delegate(term)
    mark_present(session)
    motion = _motion(session)
    with pytest.raises(ValidationError, match="不接受投票"):
        motion_services.cast_ballot(motion=motion, member=delegate.member, choice="for")
    motion = motion_services.open_motion(motion=motion)
    motion_services.cast_ballot(motion=motion, member=delegate.member, choice="for")
    with pytest.raises(ValidationError, match="已投过票"):
        motion_services.cast_ballot(motion=motion, member=delegate.member, choice="against")
    with pytest.raises(ValidationError, match="在任代表"):
        motion_services.cast_ballot(motion=motion, member=make_member(), choice="for")
    assert dict(motion.tallies.values_list("choice", "count")) == {"for": 1, "against": 0, "abstain": 0}


def test_copies_read_before_the_vote_opened_still_vote_and_know_when_it_opened():
    term = make_term()
    session = make_session(term)
    delegate = make_delegate(term)
    mark_present(session)
    first_copy = _motion(session)
    second_copy = Motion.objects.select_related("agenda_item__session").get(pk=first_copy.pk)
    motion_services.open_motion(motion=Motion.objects.get(pk=first_copy.pk))
    late = make_delegate(term)  # seated after the vote opened
    motion_services.cast_ballot(motion=first_copy, member=delegate.member, choice="for")
    with pytest.raises(ValidationError, match="表决开始后才就任"):
        motion_services.cast_ballot(motion=second_copy, member=late.member, choice="for")
    assert dict(first_copy.tallies.values_list("choice", "count")) == {"for": 1, "against": 0, "abstain": 0}


def test_receipts_have_random_keys():
    term = make_term()
    session = make_session(term)
    delegate = make_delegate(term)
    mark_present(session)
    motion = motion_services.open_motion(motion=_motion(session))
    motion_services.cast_ballot(motion=motion, member=delegate.member, choice="for")
    assert BallotReceipt.objects.get().pk.version == 4


def test_open_count_cannot_exceed_those_present():
    term = make_term()
    session = make_session(term)
    delegates = [make_delegate(term) for _ in range(6)]
    _attendance(session, delegates, 5)
    motion = _motion(session, Motion.Method.OPEN)
    with pytest.raises(ValidationError, match="超过出席代表人数（5）"):
        motion_services.record_open_count(motion=motion, votes_for=4, votes_against=1, abstentions=1)
    motion = motion_services.record_open_count(motion=motion, votes_for=3, votes_against=1, abstentions=1)
    assert selectors.motion_result(motion) == {"delegates": 6, "present": 5, "passed": False}
    motion = motion_services.record_open_count(
        motion=_motion(session, Motion.Method.OPEN), votes_for=4, votes_against=1, abstentions=0
    )
    assert selectors.motion_result(motion)["passed"]


def test_cosigner_model_default_is_invited():
    assert ProposalCoSigner._meta.get_field("status").default == "invited"


def test_staff_enter_a_paper_rating_on_behalf(setup):
    proposal = proposal_services.rate(proposal=replied(setup), actor=setup["staff"], rating="mostly", on_behalf=True)
    assert proposal.status == S.RATED
    assert "代录" in proposal.steps.last().note


def test_attendance_only_delegates_present_others_observe():
    from congress.models import Attendance

    term = make_term()
    session = make_session(term)
    delegate = make_delegate(term)
    outsider = make_member()
    session_services.record_attendance(session=session, member=delegate.member, kind="present")
    with pytest.raises(ValidationError, match="只能列席"):
        session_services.record_attendance(session=session, member=outsider, kind="present")
    session_services.record_attendance(session=session, member=outsider, kind="observer")
    session_services.record_attendance(session=session, member=delegate.member, kind="leave")
    assert Attendance.objects.get(member=delegate.member).kind == "leave"


def test_replacement_keeps_the_old_delegate_record():
    term = make_term()
    old = make_delegate(term, group=DelegateGroup.objects.create(term=term, name="第一组"))
    newcomer = session_services.replace_delegate(delegate=old, member=make_member())
    old.refresh_from_db()
    assert not old.active and old.replaced_by == newcomer and newcomer.group.name == "第一组"
    with pytest.raises(ValidationError, match="已离任"):
        session_services.replace_delegate(delegate=old, member=make_member())
    with pytest.raises(ValidationError, match="已是本届代表"):
        session_services.replace_delegate(delegate=newcomer, member=old.member)


def test_rejected_proposal_lands_in_the_suggestion_list_with_its_handler(setup):
    from congress.models import Suggestion
    from unionportal.notices import Notice

    proposal = proposal_services.reject(
        proposal=submitted(setup), actor=setup["staff"], reason="属于日常管理", handler=setup["department"]
    )
    suggestion = Suggestion.objects.get()
    assert proposal.is_suggestion and suggestion.handler == setup["department"]
    assert suggestion.author == proposal.proposer and "属于日常管理" in suggestion.content
    assert Notice.objects.filter(recipient=setup["handler"], kind="congress.suggestion.assigned").exists()
    assert setup["handler"].has_perm("congress.answer_suggestion", suggestion)
