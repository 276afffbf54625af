"""Elections: nomination, the secret ballot, the thresholds of 《工会基层组织选举工作条例》, further rounds,
and the elected seated as delegates or committee members."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from congress import election_flows, election_reminders, elections
from congress.models import Candidate, Delegate, DelegateGroup, Election, ElectionReceipt, ElectionTally
from members import registration
from members.models import Committee, CommitteeSeat, CommitteeTerm, Member, UnionGroup

from .factories import make_delegate, make_member, make_term

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def voters(count, group):
    return [make_member(union_group=group, is_union_member=True) for _ in range(count)]


@pytest.fixture
def group():
    """第一代表组 of a term, quota 2, elected by the 语文组 of nine members."""
    term = make_term(start_year=TODAY.year - 1, end_year=TODAY.year + 3)
    delegate_group = DelegateGroup.objects.create(term=term, name="第一代表组", seats=2)
    union_group = UnionGroup.objects.create(name="语文组")
    delegate_group.union_groups.add(union_group)
    voters(9, union_group)
    return delegate_group


def delegate_election(group, candidates=3, **fields):
    election = elections.create_election(
        election=Election(title="第一代表组代表选举", delegate_group=group, held_on=TODAY, **fields)
    )
    for member in Member.objects.filter(union_group__in=group.union_groups.all())[:candidates]:
        elections.nominate(election=election, member=member, nominated_by="小组提名")
    return election


def vote(election, ballots):
    """``ballots``: one list of candidate indexes per voter, in the electorate's order."""
    candidates = list(election.candidates.order_by("pk"))
    for member, marks in zip(elections.electorate(election).order_by("pk"), ballots, strict=False):
        elections.cast_ballot(election=election, member=member, chosen=[candidates[i].pk for i in marks])
    return candidates


def test_seats_come_from_the_groups_quota_less_its_serving_delegates(group):
    make_delegate(group.term, group=group)
    assert delegate_election(group, candidates=0).seats == 1
    with pytest.raises(ValidationError, match="尚缺1名代表，不能选出2名"):
        elections.create_election(election=Election(title="x", delegate_group=group, held_on=TODAY, seats=2))


def test_a_candidate_is_one_of_the_groups_voters_and_nominated_once(group):
    election = delegate_election(group, candidates=1)
    with pytest.raises(ValidationError, match="不在第一代表组的选举范围内"):
        elections.nominate(election=election, member=make_member(is_union_member=True))
    with pytest.raises(ValidationError, match="已是候选人"):
        elections.nominate(election=election, member=election.candidates.get().member)


def test_a_competitive_election_needs_more_candidates_than_seats(group):
    election = delegate_election(group, candidates=2, competitive=True)
    refusal = "差额选举的候选人须比应选名额至少多1人（差额比例不低于5%），应选2人，现有候选人2人，请再提名1人。"
    with pytest.raises(ValidationError, match=refusal):
        elections.open_voting(election=election)
    assert Election.objects.get(pk=election.pk).status == Election.Status.NOMINATING
    elections.nominate(
        election=election, member=elections.electorate(election).exclude(candidacies__election=election)[0]
    )
    assert elections.open_voting(election=election).entitled == 9


@pytest.mark.parametrize(
    ("share", "minimum", "seats", "more"),
    [("5/100", 1, 2, 1), ("5/100", 1, 20, 1), ("5/100", 1, 21, 2), ("1/10", 1, 15, 2), ("0", 2, 7, 2)],
)
def test_the_competitive_margin_is_the_share_of_seats_rounded_up_and_at_least_the_minimum(
    settings, share, minimum, seats, more
):
    settings.ELECTION_MARGIN_SHARE, settings.ELECTION_MARGIN_MIN = share, minimum
    assert elections.margin(seats) == more


def test_a_union_asking_a_larger_margin_needs_more_candidates(group, settings):
    settings.ELECTION_MARGIN_SHARE, settings.ELECTION_MARGIN_MIN = "1/10", 2
    election = delegate_election(group, candidates=3, competitive=True)
    with pytest.raises(ValidationError, match="至少多2人（差额比例不低于10%）.*请再提名1人"):
        elections.open_voting(election=election)
    elections.nominate(
        election=election, member=elections.electorate(election).exclude(candidacies__election=election)[0]
    )
    assert elections.open_voting(election=election).status == Election.Status.VOTING


def test_the_ballot_is_secret_one_per_voter_and_no_more_marks_than_seats(group):
    election = elections.open_voting(election=delegate_election(group))
    member = elections.electorate(election).first()
    pks = list(election.candidates.values_list("pk", flat=True))
    with pytest.raises(ValidationError, match="所选3人超过应选名额2人，选票无效"):
        elections.cast_ballot(election=election, member=member, chosen=pks)
    elections.cast_ballot(election=election, member=member, chosen=pks[:1])
    with pytest.raises(ValidationError, match="您已投过票"):
        elections.cast_ballot(election=election, member=member, chosen=pks[1:2])
    with pytest.raises(ValidationError, match="不在本次选举的选举人范围内"):
        elections.cast_ballot(election=election, member=make_member(is_union_member=True), chosen=[])
    receipt_fields = {field.name for field in ElectionReceipt._meta.get_fields()}
    assert receipt_fields == {"id", "election", "member"}  # nothing of the choice
    assert set(ElectionTally.objects.values_list("count", flat=True)) == {0, 1}
    assert not election.candidates.exclude(votes=None).exists()  # results hidden until the count


def test_a_blank_ballot_counts_as_cast_and_a_ballot_on_a_closed_election_is_refused_with_nothing_stored(group):
    election = elections.open_voting(election=delegate_election(group))
    first, second = elections.electorate(election).order_by("pk")[:2]
    elections.cast_ballot(election=election, member=first, chosen=[])
    assert election.receipts.count() == 1 and set(ElectionTally.objects.values_list("count", flat=True)) == {0}
    Election.objects.filter(pk=election.pk).update(status=Election.Status.COUNTED)  # closed after the page was read
    with pytest.raises(ValidationError, match="此选举当前不接受投票"):
        elections.cast_ballot(election=election, member=second, chosen=[election.candidates.first().pk])
    assert election.receipts.count() == 1 and set(ElectionTally.objects.values_list("count", flat=True)) == {0}


def test_elected_with_more_than_half_of_those_entitled_and_seated_as_delegates_of_the_group(group):
    election = elections.open_voting(election=delegate_election(group))
    # nine entitled, seven vote: 0 gets 6, 1 gets 5, 2 gets 2
    vote(election, [[0, 1], [0, 1], [0, 1], [0, 1], [0, 1], [0, 2], [2]])
    election = elections.close_voting(election=election)
    assert election.status == Election.Status.COUNTED and election.ballots == 7
    assert list(election.candidates.order_by("pk").values_list("votes", "elected")) == [
        (6, True),
        (5, True),
        (2, False),
    ]
    elections.seat_elected(election=election)
    seated = Delegate.objects.filter(term=group.term, group=group, active=True)
    assert seated.count() == 2
    assert {d.elected_as.election for d in seated} == {election}
    assert list(election.steps.values_list("action", flat=True)) == ["open", "close", "seat"]


def test_half_of_those_entitled_is_not_enough_though_it_is_more_than_half_of_the_voters(group, settings):
    second = elections.open_voting(election=delegate_election(group, candidates=1, seats=1))
    vote(second, [[0], [0], [0], [0], [], [], []])  # seven vote; 4 of 9 entitled is not more than half
    second = elections.close_voting(election=second)
    assert not second.candidates.get().elected
    settings.ELECTION_MAJORITY_BASE = "voted"
    assert elections.majority_line(second) == 3.5  # a union counting those who voted would elect her


def test_an_election_with_two_thirds_or_fewer_voting_is_void(group):
    election = elections.open_voting(election=delegate_election(group))
    vote(election, [[0]] * 6)  # 6 of 9 is exactly two thirds: not more
    election = elections.close_voting(election=election)
    assert election.status == Election.Status.VOID and "选举无效" in election.result_note
    assert not election.candidates.filter(elected=True).exists()
    with pytest.raises(ValidationError, match="不能宣布当选人就任"):
        elections.seat_elected(election=election)


def test_a_tie_for_the_last_seat_elects_neither_and_a_further_round_takes_the_others(group):
    election = elections.open_voting(election=delegate_election(group))
    candidates = vote(election, [[0, 1]] * 3 + [[0, 2]] * 3 + [[1, 2]] * 2 + [[0]])  # 7, 5 and 5 of 9
    counted = elections.close_voting(election=election)
    assert list(counted.candidates.order_by("pk").values_list("elected", flat=True)) == [True, False, False]
    assert "末位得票相等" in counted.result_note
    assert elections.elected_from([(1, 7), (2, 5), (3, 5)], seats=2, line=4.5) == ({1}, True)
    assert elections.elected_from([(1, 7), (2, 6), (3, 5)], seats=2, line=4.5) == ({1, 2}, False)
    assert elections.elected_from([(1, 7), (2, 4)], seats=2, line=4.5) == ({1}, False)
    elections.seat_elected(election=counted)
    following = elections.next_round(election=counted)
    assert following.round == 2 and following.previous == counted
    assert following.seats == counted.seats - counted.candidates.filter(elected=True).count()
    assert set(following.candidates.values_list("member", flat=True)) == {c.member_id for c in candidates[1:]}
    with pytest.raises(ValidationError, match="已开始下一轮选举"):
        elections.next_round(election=counted)


def test_seating_more_than_the_group_still_lacks_is_refused_and_nothing_is_written(group):
    election = elections.open_voting(election=delegate_election(group))
    vote(election, [[0, 1]] * 9)
    election = elections.close_voting(election=election)
    make_delegate(group.term, group=group)  # a delegate was added by hand meanwhile
    with pytest.raises(ValidationError, match="第一代表组只缺1名代表，不能就任2人"):
        elections.seat_elected(election=election)
    assert Delegate.objects.filter(group=group).count() == 1
    assert Election.objects.get(pk=election.pk).status == Election.Status.COUNTED


@pytest.fixture
def committee_term(group):
    committee = Committee.objects.create(name="工会委员会", kind=Committee.Kind.UNION)
    return CommitteeTerm.objects.create(committee=committee, number=7, starts_on=TODAY)


def test_the_union_committee_and_its_chair_are_elected_by_the_delegates_into_seats(group, committee_term):
    for member in Member.objects.filter(union_group__isnull=False)[:6]:
        make_delegate(group.term, member)
    common = {"committee_term": committee_term, "congress_term": group.term, "held_on": TODAY}
    board = elections.create_election(
        election=Election(title="换届", kind=Election.Kind.COMMITTEE, electorate="delegates", seats=2, **common)
    )
    delegates = list(elections.electorate(board).order_by("pk"))
    for member in delegates[:3]:
        elections.nominate(election=board, member=member)
    elections.open_voting(election=board)
    vote(board, [[0, 1]] * 5)
    elections.seat_elected(election=elections.close_voting(election=board))
    assert list(committee_term.seats.values_list("post", flat=True)) == ["委员", "委员"]
    chair = elections.create_election(
        election=Election(title="主席", kind=Election.Kind.CHAIR, electorate="delegates", seats=3, **common)
    )
    assert (chair.seats, chair.post) == (1, "主席")
    elections.nominate(election=chair, member=delegates[0])
    elections.open_voting(election=chair)
    vote(chair, [[0]] * 6)
    elections.seat_elected(election=elections.close_voting(election=chair))
    seat = CommitteeSeat.objects.get(term=committee_term, post="主席")  # the 委员 elected chair changes post
    assert seat.member == delegates[0] and committee_term.seats.count() == 2
    assert [c.election for c in seat.elected_as.order_by("pk")] == [board, chair]


def test_a_by_election_for_a_post_already_held_is_refused_whole(group, committee_term):
    holder = make_member(is_union_member=True)
    CommitteeSeat.objects.create(term=committee_term, member=holder, post="主席")
    election = elections.create_election(
        election=Election(
            title="增补主席", kind=Election.Kind.BY_ELECTION, electorate="members", post="主席", seats=1,
            committee_term=committee_term, held_on=TODAY,
        )
    )  # fmt: skip
    elections.nominate(election=election, member=Member.objects.filter(union_group__isnull=False).first())
    elections.open_voting(election=election)
    everyone = elections.electorate(election).count()
    for member in elections.electorate(election):
        elections.cast_ballot(
            election=election, member=member, chosen=list(election.candidates.values_list("pk", flat=True))
        )
    assert everyone == 10
    election = elections.close_voting(election=election)
    with pytest.raises(ValidationError, match="本届已有主席"):
        elections.seat_elected(election=election)
    assert CommitteeSeat.objects.filter(term=committee_term).count() == 1


@pytest.mark.parametrize("action", [action.name for action in election_flows.FLOW.actions])
def test_every_move_from_a_state_the_table_does_not_allow_is_refused(group, action):
    sources = election_flows.FLOW.table[action].sources
    move = {"open": elections.open_voting, "close": elections.close_voting, "seat": elections.seat_elected}[action]
    for status in set(Election.Status.values) - set(sources):
        election = delegate_election(group, candidates=0)
        Election.objects.filter(pk=election.pk).update(status=status)
        with pytest.raises(ValidationError, match="不能"):
            move(election=election)


def test_the_yearly_registration_freezes_the_serving_delegates(group):
    seated = make_delegate(group.term, group=group)
    make_delegate(make_term(start_year=TODAY.year - 10, end_year=TODAY.year - 6))  # a past term's delegate
    frozen = registration.freeze_year(year=TODAY.year)
    assert list(frozen.delegates.values_list("member_name", "group_name")) == [(seated.member.name, "第一代表组")]


def test_reminders_name_a_term_in_its_last_year_and_a_group_short_of_delegates(group):
    group.term.end_year = TODAY.year
    group.term.save()
    found = election_reminders.reminders()
    assert found["congress_terms"] == [group.term] and found["short_groups"] == [group]
    assert found["headless"] == []
    union = CommitteeTerm.objects.create(
        committee=Committee.objects.create(name="工会委员会", kind=Committee.Kind.UNION), number=1, starts_on=TODAY
    )
    CommitteeSeat.objects.create(term=union, member=make_member(), post="委员")
    assert election_reminders.reminders()["headless"] == [union]
    assert election_reminders.reminders(today=TODAY - datetime.timedelta(days=400))["congress_terms"] == []
    assert not Candidate.objects.exists()


def test_a_by_election_takes_no_sitting_member_and_never_unseats_one(group, committee_term):
    chair = make_member(is_union_member=True)
    CommitteeSeat.objects.create(term=committee_term, member=chair, post="主席")
    election = elections.create_election(
        election=Election(
            title="增补委员", kind=Election.Kind.BY_ELECTION, electorate="members", post="委员", seats=1,
            committee_term=committee_term, held_on=TODAY,
        )
    )  # fmt: skip
    with pytest.raises(ValidationError, match="已在.*任职，增补或换届选举不能提名现任成员"):
        elections.nominate(election=election, member=chair)
    assert list(elections.seat_holders(election)) == [chair]
    # one nominated before this rule, elected: seating refuses to turn the chair into a 委员
    Candidate.objects.create(election=election, member=chair, nominated_by="旧数据")
    elections.open_voting(election=election)
    for member in elections.electorate(election):
        elections.cast_ballot(election=election, member=member, chosen=[election.candidates.get().pk])
    election = elections.close_voting(election=election)
    with pytest.raises(ValidationError, match="已在.*任主席，不能再由本次选举就任"):
        elections.seat_elected(election=election)
    assert CommitteeSeat.objects.get(member=chair).post == "主席"


def test_an_election_of_a_term_whose_time_is_over_is_refused(group):
    committee = Committee.objects.create(name="工会委员会", kind=Committee.Kind.UNION)
    old = CommitteeTerm.objects.create(
        committee=committee, number=5, starts_on=datetime.date(2021, 9, 1), ends_on=datetime.date(2024, 8, 31)
    )
    with pytest.raises(ValidationError, match="任期已于2024-08-31结束"):
        elections.create_election(
            election=Election(
                title="增补", kind=Election.Kind.BY_ELECTION, electorate="members", seats=1, committee_term=old,
                held_on=TODAY,
            )
        )  # fmt: skip


def test_the_next_round_keeps_the_way_of_voting_the_tellers_and_the_candidates_left(group):
    from congress.models import Teller

    election = delegate_election(group, mode=Election.Mode.BOTH)
    teller = Member.objects.filter(union_group__in=group.union_groups.all()).exclude(candidacies__isnull=False).first()
    Teller.objects.create(election=election, member=teller, role=Teller.Role.COUNTER)
    Election.objects.filter(pk=election.pk).update(status=Election.Status.COUNTED, entitled=9, ballots=9)
    Candidate.objects.filter(pk=election.candidates.order_by("pk").first().pk).update(elected=True)
    following = elections.next_round(election=election)
    assert following.mode == Election.Mode.BOTH
    assert list(following.tellers.values_list("member", "role")) == [(teller.pk, Teller.Role.COUNTER)]
    newcomer = Member.objects.filter(union_group__in=group.union_groups.all()).exclude(pk=teller.pk).last()
    with pytest.raises(ValidationError, match="下一轮选举在上一轮未当选的候选人中进行"):
        elections.nominate(election=following, member=newcomer)


def test_a_void_elections_votes_are_not_published(group, client_as):
    election = elections.open_voting(election=delegate_election(group))
    vote(election, [[0]] * 2)
    election = elections.close_voting(election=election)
    assert election.status == Election.Status.VOID and not election.votes_shown
    client = client_as("chair")
    for url in (election.get_absolute_url(), f"/congress/elections/{election.pk}/result/"):
        page = client.get(url).content.decode()
        assert "选举无效" in page and 'data-testid="votes"' not in page and "得票" not in page


def test_opening_the_ballot_tells_those_who_may_vote_online_and_a_teller_is_told_she_was_named(group):
    from django.contrib.auth.models import User

    from congress import election_tellers
    from congress.models import Teller
    from unionportal.notices import Notice

    voting = list(Member.objects.filter(union_group__in=group.union_groups.all()).order_by("pk"))
    for member in voting[:2]:
        member.user = User.objects.create_user(f"voter{member.pk}")
        member.save()
    election = delegate_election(group)
    teller = elections.electorate(election).exclude(candidacies__election=election).order_by("pk").last()
    teller.user = User.objects.create_user("teller")
    teller.save()
    election_tellers.name_teller(election=election, member=teller, role=Teller.Role.SCRUTINEER)
    assert Notice.objects.get(recipient=teller.user).text == f"您被确定为“{election}”的监票人。"
    Notice.objects.all().delete()
    elections.open_voting(election=election)
    told = set(Notice.objects.filter(kind="congress.election.open").values_list("recipient", flat=True))
    assert told == {voting[0].user_id, voting[1].user_id, teller.user_id}
