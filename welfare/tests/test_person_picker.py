"""The person picker of welfare's forms (申请人, 职工, 慰问对象, 人员): a refused person is told beside the picker,
in Chinese naming the field and the person, and what was chosen or typed is not lost."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from members.models import Member
from welfare import care, services
from welfare.models import HardshipFile, Visit

from .factories import make_file, make_member, visit_occasion

pytestmark = pytest.mark.django_db
SHOWN_REFUSED = 'class="person-picker position-relative is-invalid"'


def test_the_persons_refusals_are_keyed_to_the_person(users):
    member = make_member()
    make_file(member=member)
    with pytest.raises(ValidationError) as refused:
        make_file(member=member)
    assert refused.value.message_dict == {"member": ["张三已有帮扶中的困难档案。"]}
    services.apply_for_help(member=member, actor=users["welfare"], reason="住院", amount_requested="500")
    with pytest.raises(ValidationError) as refused:
        services.apply_for_help(member=member, actor=users["welfare"], reason="住院", amount_requested="500")
    assert list(refused.value.message_dict) == ["member"]
    gone = make_member("调走", status=Member.Status.TRANSFERRED)
    with pytest.raises(ValidationError) as refused:
        care.record_life_event(member=gone, occasion=visit_occasion(), happened_on=timezone.localdate())
    assert refused.value.message_dict == {"member": ["调走已调出本单位，不再由本会走访慰问。"]}


def test_a_person_outside_the_pickers_scope_is_named_beside_it_and_the_rest_is_kept(client_as, users):
    gone = make_member("调走", status=Member.Status.TRANSFERRED)
    data = {
        "member": gone.pk,
        "occasion": visit_occasion().pk,
        "visited_on": timezone.localdate().isoformat(),
        "visitors": [users["chair"].member.pk],
        "notes": "病房探望",
    }
    response = client_as("welfare").post("/welfare/visits/new/", data)
    assert response.status_code == 200 and not Visit.objects.exists()
    assert response.context["form"].errors["member"] == ["慰问对象：调走（调出）不在可选范围内，请重新选择。"]
    page = response.content.decode()
    assert SHOWN_REFUSED in page  # Bootstrap shows the invalid-feedback that follows
    assert 'value="调走"' in page and 'aria-invalid="true" aria-describedby="id_member_error"' in page
    assert "病房探望" in page and f'<option value="{users["chair"].member.pk}" selected>' in page


def test_a_refused_visitor_is_told_beside_the_picker(client_as, users):
    retired = make_member("老周", status=Member.Status.RETIRED)
    data = {
        "member": make_member().pk,
        "occasion": visit_occasion().pk,
        "visited_on": timezone.localdate().isoformat(),
        "visitors": [retired.pk],
    }
    response = client_as("welfare").post("/welfare/visits/new/", data)
    assert response.context["form"].errors["visitors"] == ["所选人员不在可选范围内，请重新选择。"]
    page = response.content.decode()
    assert 'data-scope="active"' in page and page.count(SHOWN_REFUSED) == 1  # the visitors', not the person's


def test_a_service_refusing_the_person_shows_beside_the_picker_with_the_person_still_chosen(client_as, users):
    member = make_member("王芳")
    make_file(member=member)
    data = {
        "member": member.pk,
        "causes": [HardshipFile.Cause.ILLNESS],
        "level": HardshipFile.Level.HARD,
        "household_size": "3",
        "monthly_income_per_capita": "800",
        "status": HardshipFile.Status.HELPING,
        "next_review_on": timezone.localdate().replace(year=timezone.localdate().year + 1).isoformat(),
    }
    response = client_as("welfare").post("/welfare/files/new/", data)
    form = response.context["form"]
    assert form.errors["member"] == ["王芳已有帮扶中的困难档案。"] and not form.non_field_errors()
    page = response.content.decode()
    assert SHOWN_REFUSED in page and f'<option value="{member.pk}" selected>王芳</option>' in page


def test_a_pending_application_is_told_beside_the_applicant_or_atop_a_members_own_form(client_as, users):
    member = users["member"].member
    services.apply_for_help(member=member, actor=users["member"], reason="住院", amount_requested="500")
    data = {"member": member.pk, "reason": "住院", "amount_requested": "500"}
    on_behalf = client_as("welfare").post("/welfare/applications/new/", data).context["form"]
    assert "已有一份未办结的帮扶申请" in on_behalf.errors["member"][0] and not on_behalf.non_field_errors()
    own = client_as("member").post("/welfare/applications/new/?for=me", data).context["form"]
    assert "已有一份未办结的帮扶申请" in own.non_field_errors()[0]


def test_an_application_is_not_filed_for_someone_who_left(client_as, users):
    gone = make_member("调走", status=Member.Status.TRANSFERRED)
    data = {"member": gone.pk, "reason": "住院", "amount_requested": "500"}
    form = client_as("welfare").post("/welfare/applications/new/", data).context["form"]
    assert form.errors["member"] == ["申请人：调走（调出）不在可选范围内，请重新选择。"]


def test_the_care_page_tells_a_refused_person_beside_the_picker(client_as, users):
    gone = make_member("调走", status=Member.Status.TRANSFERRED)
    data = {"member": gone.pk, "occasion": visit_occasion().pk, "happened_on": timezone.localdate().isoformat()}
    response = client_as("welfare").post("/welfare/care/", data)
    assert response.context["form"].errors["member"] == ["调走已调出本单位，不再由本会走访慰问。"]
    assert SHOWN_REFUSED in response.content.decode()
