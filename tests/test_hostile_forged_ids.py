"""Forged ids, in the URL and in form fields: a role asks for an object it may not reach, or posts
another person's id in a field, and is refused (403/404 or a form error), with nothing changed."""

import pytest

from activities.models import Team
from activities.tests.factories import make_event
from disclosure.models import DisclosureItem
from disclosure.tests.factories import make_category, make_item
from members.models import Department, Member, UnionGroup
from unionportal.documents import services as documents
from unionportal.documents.tests.test_notice import NOTICE
from welfare import services as welfare
from welfare.models import Application
from welfare.tests.factories import make_file

pytestmark = pytest.mark.django_db


def test_a_member_posting_someone_else_as_applicant_applies_only_for_themselves(client_as, users):
    other = users["delegate"].member
    client_as("member").post(
        "/welfare/applications/new/", {"member": other.pk, "reason": "住院", "amount_requested": "500"}
    )
    assert not Application.objects.filter(member=other).exists()
    assert Application.objects.get().member == users["member"].member


@pytest.mark.parametrize(
    "url",
    [
        lambda users: f"/welfare/files/{make_file(member=users['delegate'].member).pk}/",
        lambda users: f"/welfare/files/{make_file(member=users['delegate'].member).pk}/edit/",
        lambda users: "/welfare/applications/{}/".format(
            welfare.apply_for_help(
                member=users["delegate"].member, actor=users["delegate"], reason="r", amount_requested="100"
            ).pk
        ),
        lambda users: f"/members/{users['delegate'].member.pk}/",
        lambda users: f"/members/{users['delegate'].member.pk}/edit/",
    ],
    ids=["hardship-file", "hardship-file-edit", "application", "member-page", "member-edit"],
)
def test_a_member_cannot_open_another_members_confidential_pages(url, client_as, users):
    client = client_as("member")
    path = url(users)
    assert client.get(path).status_code in (403, 404)
    assert client.post(path, {"phone": "13800000000", "name": "改名"}).status_code in (403, 404)
    assert not Member.objects.filter(name="改名").exists()


def test_a_document_job_of_another_user_answers_not_found(client, users):
    job = documents.queue_document(owner=users["chair"], kind="notice", params=NOTICE)
    client.force_login(users["staff"])  # may print notices, but this one is the chair's
    for suffix in ("", "file/"):
        assert client.get(f"/documents/{job.pk}/{suffix}").status_code == 404
    assert client.post(f"/documents/{job.pk}/retry/").status_code == 404


def test_a_handler_cannot_file_an_item_under_another_department(client_as, users):
    own, other = Department.objects.create(name="总务处"), Department.objects.create(name="教务处")
    users["handler"].member.department = own
    users["handler"].member.save()
    data = {"category": make_category().pk, "title": "伪造部门", "body": "正文", "audience": "internal"}
    response = client_as("handler").post("/disclosure/new/", {**data, "department": other.pk})
    assert response.status_code == 200 and "不在可选范围内，请重新选择" in response.content.decode()
    assert not DisclosureItem.objects.exists()


def test_a_handler_cannot_open_another_departments_draft_by_its_id(client_as):
    item = make_item("draft", department=Department.objects.create(name="教务处"))
    client = client_as("handler")
    assert client.get(f"/disclosure/{item.pk}/").status_code == 404
    assert client.post(f"/disclosure/{item.pk}/submit/").status_code in (403, 404)
    item.refresh_from_db()
    assert item.status == DisclosureItem.Status.DRAFT


def test_a_group_leader_cannot_enter_a_team_for_another_group(client_as, users):
    mine = UnionGroup.objects.create(name="语文组", leader=users["member"].member)
    theirs = UnionGroup.objects.create(name="数学组")
    users["member"].member.union_group = mine
    users["member"].member.save()
    event = make_event(is_team_event=True, capacity=4)
    response = client_as("member").post(f"/activities/{event.pk}/team/", {"union_group": theirs.pk, "name": "冒名队"})
    assert response.status_code == 200 and "不在可选范围内，请重新选择" in response.content.decode()
    assert not Team.objects.exists()


def test_a_delegate_cannot_invite_a_non_delegate_as_cosigner(client_as, users):
    from congress.models import Proposal
    from congress.tests.factories import make_delegate, make_session, make_term

    term = make_term()
    session = make_session(term)
    make_delegate(term, users["delegate"].member)
    make_delegate(term)  # someone who may be invited, so the field is shown with its error
    outsider = users["member"].member
    response = client_as("delegate").post(
        "/congress/proposals/new/",
        {"session": session.pk, "title": "改善食堂", "content": "理由", "cosigners": [outsider.pk]},
    )
    assert response.status_code == 200 and "不在可选范围内，请重新选择" in response.content.decode()
    assert not Proposal.objects.exists()


def test_a_group_leader_cannot_put_another_groups_member_in_the_team(client_as, users):
    mine = UnionGroup.objects.create(name="语文组", leader=users["member"].member)
    outsider = Member.objects.create(name="外组", gender="F", union_group=UnionGroup.objects.create(name="数学组"))
    event = make_event(is_team_event=True, capacity=4)
    response = client_as("member").post(
        f"/activities/{event.pk}/team/", {"union_group": mine.pk, "name": "语文队", "members": [outsider.pk]}
    )
    page = response.content.decode()
    assert response.status_code == 200 and ("不在语文组" in page or "不在可选范围内" in page)
    assert not Team.objects.exists()
