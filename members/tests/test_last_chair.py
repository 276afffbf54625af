"""The union is never left without a chair: its only chair leaves, retires or dies on the roster only after
the roles page has named a successor; in the service, on the member page's form, and never by an import."""

from io import BytesIO

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl import Workbook

from accounts import assignments
from members import services
from members.models import Member
from unionportal.roles import Role

CHAIR_ID = "110105194912310011"
ARGUMENTS = {"retire": {}, "record_death": {}, "transfer_out": {"to_union": "区教育工会"}}
KIND = {"retire": "退休", "record_death": "去世", "transfer_out": "转出"}


@pytest.fixture
def chair(users):
    member = users["chair"].member
    member.name = "张某"
    member.id_number = CHAIR_ID
    member.gender = Member.Gender.MALE
    member.save()
    return member


@pytest.mark.parametrize("service", ARGUMENTS)
def test_the_only_chair_cannot_leave_the_roster(chair, service):
    with pytest.raises(ValidationError) as refused:
        getattr(services, service)(member=chair, on=timezone.localdate(), **ARGUMENTS[service])
    assert refused.value.messages == [f"张某是工会唯一的主席，请先在角色页指定新的主席，再办理{KIND[service]}。"]
    chair.refresh_from_db()
    assert chair.status == Member.Status.ACTIVE and chair.user.is_active
    assert not chair.events.exists()


def test_with_a_successor_named_the_former_chair_retires(chair, users):
    assignments.assign_role(
        member=users["staff"].member, role=Role.CHAIR, reason="会员代表大会选举", actor=users["chair"]
    )
    services.retire(member=chair, on=timezone.localdate())
    chair.refresh_from_db()
    assert chair.status == Member.Status.RETIRED and not chair.user.is_active


def test_a_closed_second_chair_login_does_not_count_as_a_successor(chair, make_user):
    other = make_user("former", [Role.CHAIR])
    other.is_active = False
    other.save()
    with pytest.raises(ValidationError, match="唯一的主席"):
        services.retire(member=chair, on=timezone.localdate())


def test_someone_not_chair_retires_as_before(users):
    member = users["staff"].member
    services.retire(member=member, on=timezone.localdate())
    member.refresh_from_db()
    assert member.status == Member.Status.RETIRED
    assert Group.objects.get(name=Role.CHAIR).user_set.filter(is_active=True).exists()


def test_an_edit_that_bypasses_the_services_is_refused_too(chair):
    """The Django admin's form saves the status itself; the model's own check refuses it."""
    chair.status = Member.Status.TRANSFERRED
    with pytest.raises(ValidationError, match="张某是工会唯一的主席，请先在角色页指定新的主席，再办理调出。"):
        chair.full_clean()


def test_the_member_page_form_shows_the_refusal(chair, client_as):
    response = client_as("staff").post(
        f"/members/{chair.pk}/events/new/",
        {"kind": "retire", "occurred_on": timezone.localdate().isoformat()},
        follow=True,
    )
    assert "张某是工会唯一的主席，请先在角色页指定新的主席，再办理退休。" in response.content.decode()
    chair.refresh_from_db()
    assert chair.status == Member.Status.ACTIVE


def test_an_import_never_changes_the_chair(chair):
    """The import adds people and changes nobody on the roster: a row for the chair marked 退休 is refused."""
    book = Workbook()
    book.active.append(["姓名", "身份证号", "人员状态"])
    book.active.append(["张某", CHAIR_ID, "退休"])
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    with pytest.raises(ValidationError, match="第2行 身份证号已在名册中（张某）"):
        services.import_roster(file=buffer)
    chair.refresh_from_db()
    assert chair.status == Member.Status.ACTIVE
