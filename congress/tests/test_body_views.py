"""The bodies' pages as their members use them."""

import pytest

from congress.models import DelegateGroup, MeetingDecision, Proposal
from members.models import Committee

from .test_bodies import TODAY, make_body, submitted_proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee(users):
    return make_body(members=[users["delegate"].member, users["member"].member])


def test_a_member_of_the_committee_holds_a_meeting_and_registers_a_proposal(client, users, committee):
    proposal = submitted_proposal()
    client.force_login(users["delegate"])
    response = client.post(
        f"/congress/bodies/{committee.pk}/meetings/new/",
        {
            "kind": "plenary",
            "held_on": TODAY.isoformat(),
            "place": "会议室",
            "attendees": [users["delegate"].member.pk, users["member"].member.pk],
        },
    )
    meeting = committee.meetings.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    page = client.get(meeting.get_absolute_url())
    assert "到会成员 2/2" in page.text and proposal.title in page.text
    client.post(f"/congress/meetings/{meeting.pk}/proposals/{proposal.pk}/", {"action": "register", "note": ""})
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.REGISTERED
    assert "立案号1" in client.get(meeting.get_absolute_url()).text


def test_staff_see_no_register_button_once_the_committee_exists(client, users, committee):
    proposal = submitted_proposal()
    client.force_login(users["staff"])
    page = client.get(proposal.get_absolute_url())
    assert f'action="/congress/proposals/{proposal.pk}/register/"' not in page.text
    client.post(f"/congress/proposals/{proposal.pk}/register/", {"note": ""})
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED


def test_a_decision_below_quorum_is_refused_in_chinese_and_nothing_is_written(client, users, committee):
    client.force_login(users["delegate"])
    client.post(
        f"/congress/bodies/{committee.pk}/meetings/new/",
        {"kind": "plenary", "held_on": TODAY.isoformat(), "attendees": [users["delegate"].member.pk]},
    )
    meeting = committee.meetings.get()
    response = client.post(f"/congress/meetings/{meeting.pk}/decisions/", {"text": "通过计划"}, follow=True)
    assert "未达到法定人数（过半数成员到会），不能作出决定" in response.text
    assert not MeetingDecision.objects.exists()
    response = client.post(f"/congress/meetings/{meeting.pk}/decisions/", {"text": ""}, follow=True)
    assert "决定内容：请填写。" in response.text


def test_who_is_not_on_the_body_cannot_record_its_decisions(client, users, committee):
    meeting = committee.meetings.create(number=1, held_on=TODAY)
    client.force_login(users["staff"])
    assert client.post(f"/congress/meetings/{meeting.pk}/decisions/", {"text": "x"}).status_code == 403
    assert client.get(meeting.get_absolute_url()).status_code == 200


def test_the_bodies_page_lists_each_body_with_its_seats_and_meetings(
    client, users, committee, django_assert_max_num_queries
):
    presidium = make_body(Committee.Kind.PRESIDIUM, members=[users["chair"].member])
    for number in range(1, 4):
        presidium.meetings.create(number=number, held_on=TODAY)
    client.force_login(users["member"])
    with django_assert_max_num_queries(12):
        page = client.get("/congress/bodies/")
    assert "主席团" in page.text and "第3次全体会议" in page.text and "主任 delegate" in page.text


def test_staff_set_up_a_delegate_group_and_its_leader(client, users):
    from .factories import make_delegate, make_term

    term = make_term()
    client.force_login(users["staff"])
    client.post(f"/congress/terms/{term.pk}/groups/new/", {"name": "第一代表组", "seats": 3, "sort_order": 1})
    group = term.delegate_groups.get()
    delegate = make_delegate(term, users["delegate"].member, group=group)
    response = client.post(
        f"/congress/terms/{term.pk}/groups/{group.pk}/edit/",
        {"name": "第一代表组", "seats": 3, "sort_order": 1, "leader": delegate.member.pk},
    )
    assert response.status_code == 302
    roster = client.get(f"/congress/terms/{term.pk}/delegates/").text
    assert "第一代表组" in roster and "组长" in roster


def test_the_appraisal_voters_page_lists_delegates_by_their_group(client, users):
    from congress.models import Appraisal

    from .factories import make_delegate, make_member, make_term

    term = make_term()
    second = DelegateGroup.objects.create(term=term, name="第二代表组", sort_order=2)
    first = DelegateGroup.objects.create(term=term, name="第一代表组", sort_order=1)
    make_delegate(term, make_member("乙"), group=second)
    make_delegate(term, make_member("甲"), group=first)
    appraisal = Appraisal.objects.create(term=term, title="评议")
    client.force_login(users["staff"])
    text = client.get(f"/congress/appraisals/{appraisal.pk}/voters/").text
    assert text.index("第一代表组") < text.index("第二代表组")


def test_a_member_deciding_on_the_proposal_page_names_the_meeting(client, users, committee):
    proposal = submitted_proposal()
    meeting = committee.meetings.create(number=1, held_on=TODAY)
    meeting.attendees.set([users["delegate"].member, users["member"].member])
    client.force_login(users["delegate"])
    page = client.get(proposal.get_absolute_url()).text
    assert "决定会议" in page and 'data-action="register"' in page
    response = client.post(f"/congress/proposals/{proposal.pk}/register/", {"note": ""}, follow=True)
    assert "决定会议：请选择作出决定的提案工作委员会会议。" in response.text
    client.post(f"/congress/proposals/{proposal.pk}/register/", {"note": "", "meeting": meeting.pk})
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.REGISTERED
    assert meeting.decisions.get().proposal == proposal
