"""An election through its pages: staff set it up and run it, the group's members vote, the elected are seated."""

import pytest

from congress.models import Delegate, DelegateGroup, Election, ElectionTally
from members.models import UnionGroup

from .factories import make_term
from .test_elections import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(users):
    """第一代表组 (quota 1) elected by the 语文组: the delegate, member and handler users."""
    term = make_term(start_year=TODAY.year, end_year=TODAY.year + 4)
    delegate_group = DelegateGroup.objects.create(term=term, name="第一代表组", seats=1)
    union_group = UnionGroup.objects.create(name="语文组")
    delegate_group.union_groups.add(union_group)
    for role in ("delegate", "member", "handler"):
        users[role].member.union_group = union_group
        users[role].member.save()
    return delegate_group


def test_an_election_from_nomination_to_a_seated_delegate(client, users, group, django_assert_max_num_queries):
    client.force_login(users["staff"])
    response = client.post(
        "/congress/elections/new/",
        {"title": "第一代表组代表选举", "kind": "delegates", "electorate": "group", "delegate_group": group.pk,
         "post": "委员", "held_on": TODAY.isoformat()},
    )  # fmt: skip
    election = Election.objects.get()
    assert response["Location"] == election.get_absolute_url() and election.seats == 1
    for role in ("delegate", "member"):
        client.post(f"/congress/elections/{election.pk}/nominate/", {"member": users[role].member.pk})
    client.post(f"/congress/elections/{election.pk}/open/", {"state": "nominating"})
    assert Election.objects.get().entitled == 3
    for role, chosen in (("delegate", "delegate"), ("member", "delegate"), ("handler", "member")):
        client.force_login(users[role])
        candidate = election.candidates.get(member=users[chosen].member)
        client.post(f"/congress/elections/{election.pk}/vote/", {"chosen": [candidate.pk]})
    page = client.get(election.get_absolute_url()).text
    assert "您已投票" in page and "得票" not in page  # results hidden while voting
    client.force_login(users["staff"])
    with django_assert_max_num_queries(30):
        assert "handler" in client.get(f"/congress/elections/{election.pk}/voters/").text
    client.post(f"/congress/elections/{election.pk}/close/", {"state": "voting"})
    client.post(f"/congress/elections/{election.pk}/seat/", {"state": "counted"})
    delegate = Delegate.objects.get(term=group.term)
    assert delegate.member == users["delegate"].member and delegate.group == group
    page = client.get(election.get_absolute_url()).text
    assert "当选" in page and "已就任" in page and "宣布当选人就任" in page


def test_a_ballot_with_more_marks_than_seats_is_refused_on_the_page(client, users, group):
    election = Election.objects.create(
        title="选举",
        delegate_group=group,
        congress_term=group.term,
        seats=1,
        held_on=TODAY,
        status="voting",
        entitled=3,
    )
    candidates = [election.candidates.create(member=users[role].member) for role in ("delegate", "member")]
    ElectionTally.objects.bulk_create(ElectionTally(candidate=c) for c in candidates)
    client.force_login(users["handler"])
    response = client.post(
        f"/congress/elections/{election.pk}/vote/", {"chosen": [c.pk for c in candidates]}, follow=True
    )
    assert "所选2人超过应选名额1人，选票无效" in response.text
    assert not election.receipts.exists()


def test_a_delegate_election_needs_its_group_in_chinese(client, users):
    client.force_login(users["staff"])
    response = client.post(
        "/congress/elections/new/",
        {"title": "代表选举", "kind": "delegates", "electorate": "group", "post": "委员", "held_on": TODAY.isoformat()},
    )
    assert "代表组：代表选举须选择代表组。" in response.text and not Election.objects.exists()


def test_staff_are_reminded_of_a_group_short_of_delegates_and_a_term_in_its_last_year(client, users, group):
    group.term.end_year = TODAY.year
    group.term.save()
    client.force_login(users["staff"])
    home = client.get("/").text
    assert "代表缺额" in home and "换届提醒" in home
    client.force_login(users["member"])
    assert "代表缺额" not in client.get("/").text


def test_the_election_list_is_a_fixed_number_of_queries(client, users, group, django_assert_max_num_queries):
    for i in range(15):
        Election.objects.create(title=f"选举{i}", delegate_group=group, seats=1, held_on=TODAY)
    client.force_login(users["member"])
    with django_assert_max_num_queries(10):
        assert client.get("/congress/elections/").status_code == 200
