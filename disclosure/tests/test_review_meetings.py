"""预审 as a decision of the 校务公开领导小组 once the union has set it up: numbered, at a meeting with its
quorum, recorded by a member of the group and noted on the item's timeline; without the group, as before."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from congress.models import MeetingDecision
from congress.tests.test_bodies import make_body
from disclosure import services
from disclosure.models import DisclosureItem
from members.models import Committee

from .factories import make_item

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
WEEK = TODAY + datetime.timedelta(days=6)
S = DisclosureItem.Status


@pytest.fixture
def group(users):
    """A 校务公开领导小组 of two (the member user leads it, the delegate sits in it); quorum more than half."""
    return make_body(
        Committee.Kind.DISCLOSURE, members=[users["member"].member, users["delegate"].member], name="校务公开领导小组"
    )


def meeting_of(group, *attendees):
    meeting = group.meetings.create(number=group.meetings.count() + 1, held_on=TODAY)
    meeting.attendees.set([user.member for user in attendees])
    return meeting


def test_approval_at_a_meeting_is_its_numbered_decision_noted_on_the_timeline(group, users):
    meeting = meeting_of(group, users["member"], users["delegate"])
    first, second = make_item("pending", title="食堂招标结果"), make_item("pending", title="招待费开支")
    services.return_item(item=first, actor=users["member"], comment="补充明细", meeting=meeting)
    item = services.approve(item=second, actor=users["delegate"], period_start=TODAY, period_end=WEEK, meeting=meeting)
    assert item.status == S.PUBLISHED
    returned, approved = meeting.decisions.order_by("number")
    assert (returned.number, returned.subject) == (1, MeetingDecision.Subject.RETURN)
    assert returned.text == "《食堂招标结果》：预审未通过，退回修改。意见：补充明细"
    assert (approved.number, approved.subject, approved.recorded_by) == (2, "approve", users["delegate"])
    assert approved.text.startswith("《招待费开支》：预审通过，公示期")
    step = item.steps.get(action="approve")
    assert step.note == f"（{meeting}决定第2号）"
    assert first.steps.get(action="return").note == f"补充明细（{meeting}决定第1号）"


def test_a_meeting_without_its_quorum_or_a_non_member_decides_nothing(group, users):
    item = make_item("pending")
    thin = meeting_of(group, users["member"])
    with pytest.raises(ValidationError, match="到会成员1人（共2人），未达到法定人数"):
        services.approve(item=item, actor=users["member"], period_start=TODAY, period_end=WEEK, meeting=thin)
    full = meeting_of(group, users["member"], users["delegate"])
    with pytest.raises(ValidationError, match="只有校务公开领导小组的成员可以记录其会议决定"):
        services.approve(item=item, actor=users["staff"], period_start=TODAY, period_end=WEEK, meeting=full)
    item.refresh_from_db()
    assert item.status == S.PENDING and not MeetingDecision.objects.exists()


def test_a_meeting_of_another_body_cannot_decide_a_review(users):
    committee = make_body(members=[users["member"].member])
    meeting = meeting_of(committee, users["member"])
    item = make_item("pending")
    with pytest.raises(ValidationError, match="只有公开领导小组的会议可以作出预审决定"):
        services.return_item(item=item, actor=users["member"], comment="补充", meeting=meeting)
    assert DisclosureItem.objects.get(pk=item.pk).status == S.PENDING


def test_on_the_page_a_member_of_the_group_names_the_meeting(client, group, users):
    meeting = meeting_of(group, users["member"], users["delegate"])
    item = make_item("pending")
    client.force_login(users["member"])
    assert "决定会议" in client.get(f"/disclosure/{item.pk}/").text
    period = {"period_start": TODAY, "period_end": WEEK}
    refused = client.post(f"/disclosure/{item.pk}/approve/", period, follow=True)
    assert "决定会议：请选择作出决定的校务公开领导小组会议。" in refused.text
    assert DisclosureItem.objects.get(pk=item.pk).status == S.PENDING
    client.post(f"/disclosure/{item.pk}/approve/", {**period, "meeting": meeting.pk})
    assert DisclosureItem.objects.get(pk=item.pk).status == S.PUBLISHED
    assert meeting.decisions.get().subject == MeetingDecision.Subject.APPROVE


def test_without_the_group_union_staff_review_as_before(client, users):
    item = make_item("pending")
    client.force_login(users["staff"])
    assert "决定会议" not in client.get(f"/disclosure/{item.pk}/").text
    client.post(f"/disclosure/{item.pk}/approve/", {"period_start": TODAY, "period_end": WEEK})
    item.refresh_from_db()
    assert item.status == S.PUBLISHED and item.steps.get(action="approve").note == ""
    assert not MeetingDecision.objects.exists()


def test_a_member_of_the_group_finds_the_items_awaiting_review_and_no_drafts(client, group, users):
    pending, draft = make_item("pending", title="食堂招标结果"), make_item("draft", title="招待费开支")
    client.force_login(users["member"])
    work = client.get("/disclosure/work/").text
    assert "食堂招标结果" in work and "招待费开支" not in work
    assert client.get(f"/disclosure/{draft.pk}/").status_code == 404
    client.force_login(users["staff"])  # union staff still see every item in the making
    work = client.get("/disclosure/work/").text
    assert "食堂招标结果" in work and "招待费开支" in work
    assert pending.status == S.PENDING


def test_an_item_to_review_is_announced_to_the_group_once_it_is_set_up(users):
    from unionportal.notices import Notice

    def told_of(item):
        notices = Notice.objects.filter(kind="disclosure.disclosureitem.submit", url=item.get_absolute_url())
        return set(notices.values_list("recipient__username", flat=True))

    assert told_of(make_item("pending", title="无小组时")) == {"chair", "staff"}
    make_body(
        Committee.Kind.DISCLOSURE, members=[users["member"].member, users["delegate"].member], name="校务公开领导小组"
    )
    assert told_of(make_item("pending", title="有小组时")) == {"member", "delegate"}
