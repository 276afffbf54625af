"""Person pickers: searchable by name, pinyin initials and phone ending, each person told apart by
department and, where that still ties, the last four digits of the phone; only the chosen are rendered."""

import pytest

from members import pickers
from members.models import Department, Member
from welfare.forms import VisitForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def namesakes():
    office, teachers = Department.objects.create(name="校长室"), Department.objects.create(name="语文组")
    return {
        "office": Member.objects.create(name="张伟", gender="M", department=office, phone="13800001111"),
        "teacher": Member.objects.create(name="张伟", gender="M", department=teachers, phone="13800002222"),
        "twin": Member.objects.create(name="张伟", gender="M", department=teachers, phone="13900003333"),
        "retired": Member.objects.create(name="张卫", gender="M", status=Member.Status.RETIRED, phone="13700004444"),
    }


def test_namesakes_are_told_apart_by_department_then_phone_ending(namesakes):
    labels = pickers.labels(namesakes.values())
    assert labels[namesakes["office"].pk] == "张伟（校长室）"
    assert labels[namesakes["teacher"].pk] == "张伟（语文组） 尾号2222"
    assert labels[namesakes["twin"].pk] == "张伟（语文组） 尾号3333"
    assert labels[namesakes["retired"].pk] == "张卫"


def test_search_by_name_initials_pinyin_and_phone_ending_within_the_scope(namesakes):
    def found(text, scope="all"):
        return sorted(row["label"] for row in pickers.search(text, scope))

    assert found("张") == ["张伟（校长室）", "张伟（语文组） 尾号2222", "张伟（语文组） 尾号3333", "张卫"]
    assert found("zw", "active") == ["张伟（校长室）", "张伟（语文组） 尾号2222", "张伟（语文组） 尾号3333"]
    assert found("zhangwei", "current") == found("zw")
    assert found("3333") == ["张伟（语文组） 尾号3333"]
    assert found("") == [] and found("张", "nobody") == []


def test_search_endpoint_answers_json(client_as, namesakes):
    response = client_as("welfare").get("/members/pick/", {"q": "1111", "scope": "active"})
    assert response.json() == {"results": [{"id": namesakes["office"].pk, "label": "张伟（校长室）"}]}


def test_the_visitors_picker_renders_only_the_people_chosen(namesakes):
    for i in range(120):
        Member.objects.create(name=f"会员{i}", gender="F")
    form = VisitForm(initial={"visitors": [namesakes["teacher"].pk, namesakes["twin"].pk]})
    html = str(form["visitors"])
    assert html.count("<option") == 2 and "张伟（语文组） 尾号2222" in html and 'name="visitors"' in html
    assert "data-person-picker" in html and 'data-scope="active"' in html


def test_a_person_outside_the_scope_is_refused_in_chinese(namesakes):
    form = VisitForm(data={"visitors": [namesakes["retired"].pk]})
    form.is_valid()
    assert form.errors["visitors"] == ["所选人员不在可选范围内，请重新选择。"]
