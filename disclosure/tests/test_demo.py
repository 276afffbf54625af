"""The demo board with its 校务公开领导小组: 预审 is the group's, so the demo holds its meetings, and a drafter's
item goes draft → 预审 → 公示 in the demo by the people the rules name. Loads only the loaders the board stands
on (the union, its members and committees, the board), not the whole demo."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from congress.models import BodyMeeting, MeetingDecision
from disclosure import demo
from disclosure.models import Category, DisclosureItem
from members import demo as members_demo
from members.committees import current_body_term
from members.models import Committee
from unionportal import demo as union_demo

pytestmark = [pytest.mark.django_db, pytest.mark.demo]
S = DisclosureItem.Status
TODAY = timezone.localdate()


@pytest.fixture
def board():
    for load in (union_demo.load, members_demo.load, demo.load):
        load(StringIO())
    return {user.username: user for user in User.objects.filter(username__in=["chair", "staff", "handler"])}


def test_the_demo_group_reviews_and_has_met_today_with_its_members_present(board):
    term = current_body_term(Committee.Kind.DISCLOSURE)
    assert term is not None and str(term.committee) == "校务公开领导小组"
    meetings = list(BodyMeeting.objects.filter(term=term).order_by("number"))
    assert [meeting.held_on for meeting in meetings] == [TODAY - datetime.timedelta(days=3), TODAY]
    seated = {seat.member_id for seat in term.seats.all()}
    assert all({m.pk for m in meeting.attendees.all()} == seated for meeting in meetings)
    # the items of the week were decided at the first meeting, numbered, and their timelines say so
    decided = MeetingDecision.objects.filter(meeting=meetings[0])
    assert (
        decided.filter(subject=MeetingDecision.Subject.APPROVE).count()
        == DisclosureItem.objects.filter(status=S.PUBLISHED).count()
    )
    returned = DisclosureItem.objects.filter(status=S.RETURNED).first()
    assert str(meetings[0]) in returned.steps.get(action="return").note
    demo.load(StringIO())  # again: nothing more
    assert BodyMeeting.objects.filter(term=term).count() == 2


def test_in_the_demo_a_handlers_draft_goes_through_pre_review_to_the_board(board, client):
    category = Category.objects.get(name="考核、奖惩办法及结果")  # 教务处's, the handler's department
    client.force_login(board["handler"])
    client.post(
        "/disclosure/new/",
        {"category": category.pk, "title": "优秀班主任评选结果", "body": "名单如下", "audience": "internal",
         "department": board["handler"].member.department_id},
    )  # fmt: skip
    item = DisclosureItem.objects.get(title="优秀班主任评选结果")
    client.post(f"/disclosure/{item.pk}/submit/")
    assert DisclosureItem.objects.get(pk=item.pk).status == S.PENDING
    assert "预审通过并公示" not in client.get(item.get_absolute_url()).content.decode()  # not her own draft
    client.force_login(board["chair"])
    form = client.get(item.get_absolute_url()).context["buttons"]
    approve = next(button for button in form if button.action.name == "approve")
    today = approve.form.fields["meeting"].queryset.get(held_on=TODAY)
    period = {"period_start": TODAY, "period_end": TODAY + datetime.timedelta(days=6), "meeting": today.pk}
    client.post(f"/disclosure/{item.pk}/approve/", period)
    item.refresh_from_db()
    assert item.status == S.PUBLISHED
    assert today.decisions.get().subject == MeetingDecision.Subject.APPROVE
    assert item.title in client.get("/disclosure/").content.decode()
