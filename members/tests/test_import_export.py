import datetime
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from openpyxl import Workbook, load_workbook

from members import services
from members.excel import COLUMNS, template_workbook
from members.models import Member, MembershipEvent, UnionGroup

GOOD_ID = "110105194912310011"  # a man born 1949-12-31
HEADER = [title for title, _name in COLUMNS]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def group(db):
    return UnionGroup.objects.create(name="语文组")


def workbook(*rows):
    book = Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(list(row))
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def row(name="张三", gender="男", id_number="", group="语文组", member="是", joined="2010-09-01"):
    return [name, gender, "", id_number, "", "", group, "在编", "在职", "", "", "", member, joined, "", ""]


def test_template_has_the_header_and_an_example():
    sheet = load_workbook(BytesIO(template_workbook())).active
    assert [cell.value for cell in sheet[1]] == HEADER


def test_good_file_imports_every_row_with_join_events(group):
    created = services.import_roster(file=workbook(row(id_number=GOOD_ID), row("李四", "女")))
    assert len(created) == 2
    zhang = Member.objects.get(name="张三")
    assert zhang.union_group == group and zhang.is_union_member and zhang.name_initials == "zs"
    assert zhang.birth_date.isoformat() == "1949-12-31"
    assert MembershipEvent.objects.filter(kind="join").count() == 2


def test_one_bad_row_imports_nothing(group):
    with pytest.raises(ValidationError, match="第3行"):
        services.import_roster(file=workbook(row(), row("", "女")))
    assert not Member.objects.exists()


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (row(name=""), "缺少姓名"),
        (row(id_number="110105194912310021"), "校验位"),
        (row(group="不存在组"), "工会小组“不存在组”不存在"),
        (row(gender="未知"), "性别“未知”不在可选范围"),
        (row(joined="2020-13-45"), "不是有效日期"),
    ],
)
def test_each_bad_row_names_its_reason(group, bad, reason):
    with pytest.raises(ValidationError, match=reason):
        services.import_roster(file=workbook(bad))


def test_a_dissolved_group_is_refused(group):
    group.dissolved_on = datetime.date(2025, 7, 1)
    group.save()
    with pytest.raises(ValidationError, match="工会小组“语文组”已撤销"):
        services.import_roster(file=workbook(row()))
    assert not Member.objects.exists()


def test_duplicate_id_inside_the_file_and_against_the_roster(group):
    Member.objects.create(name="已在册", gender="M", id_number=GOOD_ID)
    with pytest.raises(ValidationError) as error:
        services.import_roster(file=workbook(row("甲", id_number=GOOD_ID), row("乙", id_number=GOOD_ID)))
    message = " ".join(error.value.messages)
    assert "已在名册中（已在册）" in message and "与第2行重复" in message
    assert Member.objects.count() == 1


def test_a_database_failure_midway_rolls_back_everything(group):
    def fail(run, sql, params, many, context):
        if sql.startswith(f'INSERT INTO "{Member.history.model._meta.db_table}"'):  # after the members
            raise RuntimeError("disk full")
        return run(sql, params, many, context)

    with connection.execute_wrapper(fail), pytest.raises(RuntimeError):
        services.import_roster(file=workbook(row(), row("李四")))
    assert not Member.objects.exists()


def upload(content, name="roster.xlsx"):
    return SimpleUploadedFile(name, content.getvalue())


def test_a_row_with_several_errors_reads_as_one_line(client_as, group):
    line = row("王五", "女", id_number="110105194912310021", joined="九月")
    content = client_as("staff").post("/members/import/", {"file": upload(workbook(line))}).content.decode()
    assert "第2行（王五）：身份证号校验位不正确，请核对；入会日期“九月”不是有效日期</li>" in content
    assert "未填入会日期" not in content  # it was filled, wrongly: an error, not a guess
    with pytest.raises(ValidationError) as refused:
        services.import_roster(file=workbook(line))
    assert refused.value.messages == [
        "有 1 行有误，未导入任何数据：第2行 身份证号校验位不正确，请核对；入会日期“九月”不是有效日期。"
    ]


def test_preview_lists_bad_rows_then_fixed_file_imports(client_as, group):
    client = client_as("staff")
    bad = workbook(row(), row(""), row("王五", id_number="110105194912310021"))
    content = client.post("/members/import/", {"file": upload(bad)}).content.decode()
    assert "第3行" in content and "缺少姓名" in content and "第4行" in content and "校验位" in content
    assert "确认导入" not in content
    assert client.post("/members/import/confirm/").status_code == 302
    assert not Member.objects.filter(name="张三").exists()

    good = workbook(row(), row("赵六"), row("王五", id_number=GOOD_ID))
    content = client.post("/members/import/", {"file": upload(good)}).content.decode()
    assert "确认导入 3 人" in content
    client.post("/members/import/confirm/")
    assert Member.objects.filter(name__in=["张三", "赵六", "王五"]).count() == 3


def test_not_an_excel_file_is_refused_politely(client_as, users):
    response = client_as("staff").post(
        "/members/import/", {"file": SimpleUploadedFile("x.xlsx", b"hello")}, follow=True
    )
    assert "无法读取该文件" in response.content.decode()


def test_export_follows_the_filters_and_masks_ids_for_staff(client_as, users):
    Member.objects.create(name="导出甲", gender="F", id_number=GOOD_ID)
    Member.objects.create(name="导出乙", gender="M")
    response = client_as("staff").get("/members/export.xlsx?gender=F&search=导出")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in rows] == ["导出甲"]
    assert rows[0][4] == "1101**********0011"


def test_the_template_example_row_is_refused(group):
    with pytest.raises(ValidationError, match="第2行 这是模板中的示例行，请删除后再导入"):
        services.import_roster(file=BytesIO(template_workbook()))
    assert not Member.objects.filter(name="张三").exists()


def test_the_import_checks_the_phone_as_the_form_does(group):
    bad = row()
    bad[4] = "139"
    with pytest.raises(ValidationError, match="请填写11位手机号或带区号的固定电话"):
        services.import_roster(file=workbook(bad))


def test_a_clerks_own_headers_are_recognised_and_the_rest_named(client_as, group):
    book = Workbook()
    book.active.append(["姓名", "性别", "手机号码", "身份证号码", "工会小组", "人员状态", "出生年月", "籍贯", "爱好"])
    book.active.append(["钱七", "男", "13912345678", GOOD_ID, "语文组", "在职", "1949-12-31", "江苏", "书法"])
    buffer = BytesIO()
    book.save(buffer)
    content = client_as("staff").post("/members/import/", {"file": upload(buffer)}).content.decode()
    assert "未识别的列：籍贯、爱好，将不导入。" in content and "确认导入 1 人" in content
    client_as("staff").post("/members/import/confirm/")
    person = Member.objects.get(name="钱七")
    assert (person.phone, person.id_number, person.union_group) == ("13912345678", GOOD_ID, group)
    assert person.birth_date == datetime.date(1949, 12, 31)


def test_the_import_refuses_facts_that_disagree_with_the_id_number(group):
    woman = row("孙八", "女", id_number=GOOD_ID)  # GOOD_ID is a man's
    early = row("周九", id_number=GOOD_ID, joined="1940-01-01")
    with pytest.raises(ValidationError) as refused:
        services.import_roster(file=workbook(woman, early))
    text = " ".join(refused.value.messages)
    assert (
        "第2行 性别与身份证号不符（身份证号为男性）" in text and "第3行 入会日期不能早于出生日期（1949-12-31）" in text
    )


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (row(name="张" * 31), "姓名不能超过30字"),
        ([*row()[:9], "职" * 31], "职称不能超过30字"),
        (row(name="双" * 18), "姓名过长，其拼音超过120个字母"),
    ],
)
def test_a_value_longer_than_the_roster_keeps_is_named_with_its_row(group, bad, reason):
    with pytest.raises(ValidationError, match=f"第2行 {reason}"):
        services.import_roster(file=workbook(bad))
