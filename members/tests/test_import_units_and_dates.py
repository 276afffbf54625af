"""An import names departments and groups the union does not have yet: listed once in the preview and created
in the same confirmation when ticked, all or nothing; 会员=是 without 入会日期 gets the import date, with a
warning naming the rows."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from members import services
from members.models import Department, Member, MembershipEvent, UnionGroup

HEADER = ["姓名", "性别", "部门", "工会小组", "是否会员", "入会日期"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def sheet(*rows):
    book = Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(list(row))
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def upload(buffer):
    return SimpleUploadedFile("roster.xlsx", buffer.getvalue())


NEW_UNITS = (
    ["王芳", "女", "教务处", "语文组", "是", "2010-09-01"],
    ["李强", "男", "教务处", "数学组", "否", ""],
    ["赵敏", "女", "总务处", "语文组", "否", ""],
)


def test_without_the_tick_the_rows_naming_new_units_are_refused(db):
    with pytest.raises(ValidationError) as refused:
        services.import_roster(file=sheet(*NEW_UNITS))
    text = " ".join(refused.value.messages)
    assert "第2行 工会小组“语文组”不存在；部门“教务处”不存在" in text and "第4行" in text
    assert not Member.objects.exists() and not Department.objects.exists() and not UnionGroup.objects.exists()


def test_with_the_tick_the_units_are_created_once_and_the_people_put_in_them(db):
    services.import_roster(file=sheet(*NEW_UNITS), create_missing=True)
    assert sorted(Department.objects.values_list("name", flat=True)) == ["总务处", "教务处"]
    assert sorted(UnionGroup.objects.values_list("name", flat=True)) == ["数学组", "语文组"]
    wang, zhao = Member.objects.get(name="王芳"), Member.objects.get(name="赵敏")
    assert wang.union_group == zhao.union_group and wang.union_group.name == "语文组"
    assert Member.objects.get(name="李强").department.name == "教务处"


def test_a_bad_row_creates_no_unit_either(db):
    with pytest.raises(ValidationError, match="第5行 缺少姓名"):
        services.import_roster(file=sheet(*NEW_UNITS, ["", "女", "新处", "新组", "否", ""]), create_missing=True)
    assert not Department.objects.exists() and not UnionGroup.objects.exists() and not Member.objects.exists()


def test_a_unit_name_too_long_is_refused_by_name(db):
    with pytest.raises(ValidationError, match="第2行 部门名称不能超过50字"):
        services.import_roster(file=sheet(["王芳", "女", "处" * 51, "", "否", ""]), create_missing=True)


def test_the_preview_lists_new_units_once_and_the_confirmation_creates_them(client_as, users):
    client = client_as("staff")
    page = client.post("/members/import/", {"file": upload(sheet(*NEW_UNITS))}).content.decode()
    assert "部门：教务处、总务处" in page and "工会小组：语文组、数学组" in page
    assert "同时新建以下部门/小组" in page and "确认导入 3 人" in page
    response = client.post("/members/import/confirm/", {"create_units": "1"}, follow=True)
    assert "已导入 3 人" in response.content.decode()
    assert UnionGroup.objects.filter(name__in=["语文组", "数学组"]).count() == 2


def test_confirming_without_the_tick_names_the_refused_rows(client_as, users):
    client = client_as("staff")
    client.post("/members/import/", {"file": upload(sheet(*NEW_UNITS))})
    page = client.post("/members/import/confirm/", follow=True).content.decode()
    assert "有 3 行有误，未导入任何数据" in page and "第2行 工会小组“语文组”不存在" in page
    assert not Member.objects.filter(name="王芳").exists() and not Department.objects.exists()


def test_a_member_without_a_joining_date_gets_the_import_date_and_a_warning(client_as, users):
    UnionGroup.objects.create(name="语文组")
    file = sheet(["王芳", "女", "", "语文组", "是", ""], ["李强", "男", "", "语文组", "是", "2010-09-01"])
    client = client_as("staff")
    page = client.post("/members/import/", {"file": upload(file)}).content.decode()
    today = timezone.localdate()
    assert f"第2行（王芳）：未填入会日期，按导入日期 {today.isoformat()} 记入" in page
    assert "第3行（李强）" not in page and "确认导入 2 人" in page
    client.post("/members/import/confirm/")
    wang = Member.objects.get(name="王芳")
    assert wang.is_union_member and wang.joined_on == today
    assert MembershipEvent.objects.filter(member=wang, kind="join", occurred_on=today).exists()
