"""Tellers (监票人, 计票人) and the paper ballot: a count entered by a teller, confirmed by another 监票人,
refused when its totals disagree, added to the online ballots at the close; the result sheet names them."""

import pytest
from django.core.exceptions import ValidationError

from congress import election_tellers, elections
from congress.models import Election, PaperCount, Teller
from members.models import Member

from .factories import make_member
from .test_elections import delegate_election, group, vote  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
SCRUTINEER, COUNTER = Teller.Role.SCRUTINEER, Teller.Role.COUNTER


@pytest.fixture
def tellers(users):
    """Two 监票人 (the staff and delegate users) and a 计票人 (the member user), none of them voters."""
    return {"staff": SCRUTINEER, "delegate": SCRUTINEER, "member": COUNTER}


def with_tellers(election, users, tellers):
    for role, duty in tellers.items():
        election_tellers.name_teller(election=election, member=users[role].member, role=duty)
    return election


def paper_election(group, users, tellers, mode=Election.Mode.PAPER):  # noqa: F811
    election = with_tellers(delegate_election(group, mode=mode), users, tellers)
    return elections.open_voting(election=election)


def votes(election, *numbers):
    return dict(zip(election.candidates.order_by("pk").values_list("pk", flat=True), numbers, strict=True))


def enter(election, user, *, issued=9, returned=8, spoiled=1, blank=1, per_candidate=(6, 5, 1)):
    return election_tellers.enter_paper_count(
        election=election, actor=user, issued=issued, returned=returned, spoiled=spoiled, blank=blank,
        votes=votes(election, *per_candidate),
    )  # fmt: skip


def test_a_teller_is_never_a_candidate(group, users):  # noqa: F811
    election = delegate_election(group)
    candidate = election.candidates.first().member
    with pytest.raises(ValidationError, match="是候选人，不能担任监票人或计票人"):
        election_tellers.name_teller(election=election, member=candidate, role=SCRUTINEER)
    voter = elections.electorate(election).exclude(candidacies__election=election).first()
    election_tellers.name_teller(election=election, member=voter, role=SCRUTINEER)
    with pytest.raises(ValidationError, match="已是本次选举的监票人或计票人"):
        election_tellers.name_teller(election=election, member=voter, role=COUNTER)
    with pytest.raises(ValidationError, match="是本次选举的监票人或计票人，不能作为候选人"):
        elections.nominate(election=election, member=voter)


@pytest.mark.parametrize(
    ("counts", "refusal"),
    [
        ({"issued": 7, "returned": 8}, "收回选票：8张多于发出的7张"),
        ({"spoiled": 5, "blank": 4}, "无效票5张与空白票4张合计多于收回的8张"),
        ({"issued": 10, "returned": 9}, "发出选票：10张加上网上已投票的0人，超过应到选举人9人"),
        ({"per_candidate": (7, 5, 1)}, "得票7张，多于有效且非空白的选票6张"),
        ({"per_candidate": (6, 6, 1)}, "候选人得票合计13票，超过6张有效选票每张最多选2人的12票"),
        ({"per_candidate": (2, 2, 1)}, "候选人得票合计5票不应少于此数"),
    ],
)
def test_a_count_whose_totals_disagree_is_refused_and_nothing_is_written(group, users, tellers, counts, refusal):  # noqa: F811
    election = paper_election(group, users, tellers)
    with pytest.raises(ValidationError, match=refusal):
        enter(election, users["member"], **counts)
    assert not PaperCount.objects.exists() and not election.candidates.exclude(paper_votes=None).exists()


def test_only_a_teller_enters_and_another_scrutineer_confirms(group, users, tellers):  # noqa: F811
    election = paper_election(group, users, tellers)
    with pytest.raises(ValidationError, match="只有本次选举的监票人、计票人可以录入"):
        enter(election, users["chair"])
    enter(election, users["staff"], per_candidate=(1, 1, 6))
    enter(election, users["staff"])  # corrected before it is confirmed
    assert election_tellers.count_missing(election) == "纸质选票的清点结果尚待另一位监票人核对。"
    with pytest.raises(ValidationError, match="尚待另一位监票人核对"):
        elections.close_voting(election=election)
    with pytest.raises(ValidationError, match="只有本次选举的监票人可以核对"):
        election_tellers.confirm_paper_count(election=election, actor=users["member"])  # a 计票人
    with pytest.raises(ValidationError, match="录入人以外的另一位监票人"):
        election_tellers.confirm_paper_count(election=election, actor=users["staff"])
    count = election_tellers.confirm_paper_count(election=election, actor=users["delegate"])
    assert count.confirmed_by == users["delegate"].member and election_tellers.count_missing(election) is None
    with pytest.raises(ValidationError, match="已由监票人.*核对，不能再改"):
        enter(election, users["member"])


def test_a_paper_election_refuses_online_ballots_and_counts_the_paper(group, users, tellers):  # noqa: F811
    election = paper_election(group, users, tellers)
    voter = elections.electorate(election).first()
    with pytest.raises(ValidationError, match="使用纸质选票，不接受网上投票"):
        elections.cast_ballot(election=election, member=voter, chosen=[])
    enter(election, users["member"])  # 8 of 9 returned: 6, 5 and 1 votes
    election_tellers.confirm_paper_count(election=election, actor=users["staff"])
    election = elections.close_voting(election=election)
    assert election.status == Election.Status.COUNTED and election.ballots == 8
    assert list(election.candidates.order_by("pk").values_list("votes", "elected")) == [
        (6, True), (5, True), (1, False),
    ]  # fmt: skip
    assert "纸质选票发出9张，收回8张，无效票1张，空白票1张" in election.result_note


def test_online_and_paper_ballots_are_counted_together(group, users, tellers):  # noqa: F811
    election = paper_election(group, users, tellers, mode=Election.Mode.BOTH)
    vote(election, [[0, 1], [0], [2]])  # three vote online
    with pytest.raises(ValidationError, match="加上网上已投票的3人，超过应到选举人9人"):
        enter(election, users["member"], issued=7, returned=6, spoiled=0, blank=0, per_candidate=(6, 0, 0))
    enter(election, users["member"], issued=6, returned=6, spoiled=1, blank=0, per_candidate=(3, 5, 0))
    election_tellers.confirm_paper_count(election=election, actor=users["delegate"])
    election = elections.close_voting(election=election)
    assert election.ballots == 9
    assert list(election.candidates.order_by("pk").values_list("votes", "paper_votes", "elected")) == [
        (5, 3, True), (6, 5, True), (1, 0, False),
    ]  # fmt: skip


def test_an_online_election_needs_no_paper_count(group, users):  # noqa: F811
    election = elections.open_voting(election=delegate_election(group))
    assert election_tellers.count_missing(election) is None
    with pytest.raises(ValidationError, match="不使用纸质选票"):
        enter(election, users["member"])


def test_the_tellers_enter_the_count_on_their_page_and_the_result_sheet_names_them(client, group, users, tellers):  # noqa: F811
    election = paper_election(group, users, tellers)
    url = f"/congress/elections/{election.pk}/"
    client.force_login(users["chair"])
    assert client.get(url + "paper-count/").status_code == 403
    client.force_login(users["member"])
    page = client.get(url).text
    assert "计票人：" in page and "录入清点结果" in page
    assert "使用纸质选票，在选举会场投票" in page and 'data-testid="ballot"' not in page
    posted = {"issued": 9, "returned": 10, "spoiled": 0, "blank": 0}
    posted |= {f"votes_{pk}": n for pk, n in votes(election, 6, 5, 1).items()}
    refused = client.post(url + "paper-count/", posted)
    assert "收回选票：10张多于发出的9张" in refused.text and not PaperCount.objects.exists()
    refused = client.post(url + "paper-count/", {**posted, "returned": "", "spoiled": -1})
    assert "收回选票：请填写（没有填0）。" in refused.text and "无效票：不能是负数。" in refused.text
    client.post(url + "paper-count/", {**posted, "returned": 8, "spoiled": 1, "blank": 1})
    assert PaperCount.objects.get().entered_by == users["member"].member
    client.force_login(users["delegate"])
    client.post(url + "paper-count/confirm/")
    assert PaperCount.objects.get().confirmed_by == users["delegate"].member
    assert client.get(url + "result/").status_code == 404  # not before the count
    client.force_login(users["staff"])
    client.post(url + "close/", {"state": "voting"})
    sheet = client.get(url + "result/").text
    assert "计票结果报告单" in sheet and "纸质选票得票" in sheet
    for user in ("staff", "delegate", "member"):
        assert Member.objects.get(user=users[user]).name in sheet
    assert sheet.count("监票人") == 2 and sheet.count("计票人") == 1


def test_staff_name_the_tellers_on_the_election_page(client, group, users):  # noqa: F811
    election = delegate_election(group)
    client.force_login(users["staff"])
    client.post(f"/congress/elections/{election.pk}/tellers/", {"member": users["member"].member.pk, "role": COUNTER})
    assert Teller.objects.get().member == users["member"].member
    candidate = election.candidates.first().member
    response = client.post(
        f"/congress/elections/{election.pk}/tellers/", {"member": candidate.pk, "role": SCRUTINEER}, follow=True
    )
    assert (
        "姓名：不在可选人员中（候选人和已担任监票人、计票人的除外）。" in response.text and Teller.objects.count() == 1
    )
    client.force_login(users["member"])
    assert client.post(f"/congress/elections/{election.pk}/tellers/", {"member": make_member().pk}).status_code == 403
