"""The ID number agrees with the person: gender and birth date come from it when left blank, a contradiction
is refused, and no date of the person's working life comes before their birth."""

import datetime

import pytest

from members.forms import MemberForm
from members.validators import contradictions, gender_from_id

pytestmark = pytest.mark.django_db

MAN = "110105194912310011"  # born 1949-12-31, 17th digit odd
WOMAN = "11010519491231002X"


def form(**data):
    return MemberForm(data={"name": "张三", "employment_type": "established", **data})


def test_gender_and_birth_date_are_read_from_the_id_number():
    filled = form(id_number=MAN)
    assert filled.is_valid(), filled.errors
    member = filled.save()
    assert (member.gender, member.birth_date) == ("M", datetime.date(1949, 12, 31))
    assert gender_from_id(WOMAN) == "F"


def test_a_contradiction_with_the_id_number_is_refused():
    wrong = form(id_number=WOMAN, gender="M", birth_date="1950-01-01")
    assert not wrong.is_valid()
    assert wrong.errors["gender"] == ["性别与身份证号不符（身份证号为女性）。"]
    assert wrong.errors["birth_date"] == ["出生日期与身份证号不符（身份证号为1949-12-31）。"]


def test_work_and_membership_cannot_start_before_birth():
    early = form(gender="F", birth_date="1990-05-01", hire_date="1989-09-01")
    assert not early.is_valid()
    assert early.errors["hire_date"] == ["参加工作日期不能早于出生日期（1990-05-01）。"]
    born = datetime.date(1990, 5, 1)
    found = contradictions(
        id_number=None, gender="F", birth_date=born, hire_date=None, joined_on=born.replace(year=1980)
    )
    assert found == {"joined_on": "入会日期不能早于出生日期（1990-05-01）。"}


def test_without_gender_or_id_number_the_form_asks_for_one():
    assert form().errors["gender"] == ["请选择性别，或填写身份证号自动识别。"]


def test_nothing_to_compare_is_no_contradiction():
    none = {"id_number": None, "gender": "F", "birth_date": None, "hire_date": None, "joined_on": None}
    assert contradictions(**none) == {}


def test_member_page_shows_post_hire_date_notes_and_the_roster_facts(client_as):
    from members import services

    member = services.create_member(
        name="吴十", gender="F", post="教研组长", hire_date=datetime.date(2010, 9, 1), notes="借调区教研室",
        ethnicity="回族", political_status="中共党员", education="硕士研究生",
    )  # fmt: skip
    page = client_as("staff").get(f"/members/{member.pk}/").content.decode()
    for text in ("教研组长", "2010年9月1日", "借调区教研室", "回族", "中共党员", "硕士研究生"):
        assert text in page, text


def test_a_second_entry_with_the_same_name_and_phone_is_pointed_out():
    from members.models import Department, Member

    Member.objects.create(
        name="张三", gender="M", phone="13912345678", department=Department.objects.create(name="教务处")
    )
    again = form(gender="M", phone="13912345678")
    assert not again.is_valid()
    assert again.non_field_errors() == [
        "名册中已有张三（教务处，手机号13912345678），请勿重复录入；如是同一人请编辑原记录。"
    ]
    assert form(gender="M", phone="13900000000").is_valid()
    same_id = form(id_number=MAN)
    Member.objects.create(name="李四", gender="M", id_number=MAN)
    assert same_id.errors["id_number"] == ["该身份证号已在名册中，请勿重复录入。"]
