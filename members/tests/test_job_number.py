"""工号 (job number): optional, one person's within the union, on the form, the page, the search, the import,
the export and the template; and a login name where the person has one."""

from io import BytesIO

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from accounts import logins
from members import selectors, services
from members.excel import COLUMNS, template_workbook
from members.forms import MemberForm
from members.models import Member


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def person(name, **fields):
    return Member.objects.create(name=name, gender="F", **fields)


def sheet_of(*rows, header=("姓名", "性别", "工号")):
    book = Workbook()
    book.active.append(list(header))
    for row in rows:
        book.active.append(list(row))
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def test_a_job_number_is_optional_and_blank_ones_do_not_collide(db):
    first, second = person("甲", job_number=""), person("乙", job_number="  ")
    assert first.job_number is None and second.job_number is None


def test_the_form_names_who_has_the_job_number_already(db):
    person("王芳", job_number="T1001")
    form = MemberForm({"name": "李强", "gender": "M", "job_number": "T1001", "employment_type": "established"})
    assert not form.is_valid()
    assert form.errors["job_number"] == ["工号“T1001”已是王芳的工号，本会内工号不能重复。"]


def test_the_form_refuses_a_job_number_with_spaces(db):
    form = MemberForm({"name": "李强", "gender": "M", "job_number": "T 10", "employment_type": "established"})
    assert not form.is_valid()
    assert "工号只能由字母、数字和 - _ . 组成" in form.errors["job_number"][0]


def test_the_service_refuses_a_taken_job_number_in_chinese(db):
    person("王芳", job_number="1001")
    with pytest.raises(ValidationError, match="已是王芳的工号"):
        services.create_member(name="李强", gender="M", job_number="1001")


def test_the_roster_search_matches_the_job_number_exactly(db):
    wang = person("王芳", job_number="1001")
    person("李强", job_number="10011")
    assert list(selectors.roster(search="1001")) == [wang]
    assert list(selectors.roster(search="100")) == []


def test_the_member_page_and_the_form_show_the_job_number(client_as, users):
    wang = person("王芳", job_number="A-7")
    client = client_as("staff")
    assert 'data-testid="job-number">A-7<' in client.get(f"/members/{wang.pk}/").content.decode()
    assert 'name="job_number"' in client.get(f"/members/{wang.pk}/edit/").content.decode()
    client.post(
        f"/members/{wang.pk}/edit/",
        {"name": "王芳", "gender": "F", "job_number": "A-8", "employment_type": "established"},
    )
    wang.refresh_from_db()
    assert wang.job_number == "A-8"


@pytest.mark.parametrize("header", ["工号", "职工号", "员工编号", "编号"])
def test_the_import_reads_the_job_number_under_its_usual_headers(db, header):
    services.import_roster(file=sheet_of(["王芳", "女", 1001], header=("姓名", "性别", header)))
    assert Member.objects.get(name="王芳").job_number == "1001"  # a number cell, read as the clerk typed it


def test_the_import_refuses_a_job_number_twice_in_the_file_or_already_taken(db):
    person("在册者", job_number="2002")
    with pytest.raises(ValidationError) as refused:
        services.import_roster(file=sheet_of(["甲", "女", "3003"], ["乙", "女", "3003"], ["丙", "女", "2002"]))
    text = " ".join(refused.value.messages)
    assert "第3行 工号与第2行重复" in text and "第4行 工号已在名册中（在册者）" in text
    assert Member.objects.count() == 1


def test_the_export_and_the_template_carry_the_job_number(client_as, users):
    person("导出甲", job_number="5005")
    header = [title.rstrip("*") for title, _name in COLUMNS]
    sheet = load_workbook(BytesIO(client_as("staff").get("/members/export.xlsx?search=导出甲").content)).active
    titles = [cell.value for cell in sheet[1]]
    assert "工号" in titles and sheet.cell(2, titles.index("工号") + 1).value == "5005"
    template = load_workbook(BytesIO(template_workbook())).active
    assert [cell.value.rstrip("*") for cell in template[1]] == header
    assert template.cell(2, header.index("工号") + 1).value == "1001"


def test_a_preview_upload_with_job_numbers_reads_them(client_as, users):
    upload = SimpleUploadedFile("r.xlsx", sheet_of(["王芳", "女", "T9"]).getvalue())
    assert "确认导入 1 人" in client_as("staff").post("/members/import/", {"file": upload}).content.decode()


def test_logins_by_job_number_fall_back_to_pinyin_without_one(db):
    with_number, without = person("王芳", job_number="T1001"), person("李强")
    User.objects.create_user("liqiang")
    opened = {
        row.member.name: row
        for row in logins.open_logins(members=[with_number, without], actor=None, source="job_number")
    }
    assert opened["王芳"].username == "T1001" and not opened["王芳"].by_pinyin_for_want_of_job_number
    assert opened["李强"].username == "liqiang2" and opened["李强"].by_pinyin_for_want_of_job_number


def test_a_job_number_already_a_login_name_refuses_the_batch(db):
    User.objects.create_user("1001")
    with pytest.raises(ValidationError, match="工号已被其他账号用作登录名.*王芳"):
        logins.open_logins(members=[person("王芳", job_number="1001"), person("李强")], actor=None, source="job_number")
    assert not Member.objects.filter(user__isnull=False).exists()


def test_the_accounts_page_says_who_got_pinyin_for_want_of_a_job_number(client_as, users):
    wang, li = person("王芳", job_number="T1001"), person("李强")
    response = client_as("staff").post(
        "/accounts/members/open/",
        {"scope": "selected", "member": [wang.pk, li.pk], "source": "job_number"},
        follow=True,
    )
    assert "以下 1 人没有工号，登录名用了姓名拼音：李强（liqiang）。" in response.content.decode()
    assert User.objects.filter(username="T1001", member=wang).exists()
