"""The roster import and export at scale: a fixed number of queries and no model per row where none is needed."""

from io import BytesIO

import pypinyin
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from pypinyin import lazy_pinyin

from members import excel, importing, models, services
from members.models import Department, Member, MembershipEvent, UnionGroup

from .test_import_export import GOOD_ID, media, workbook  # noqa: F401 (media: autouse fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lookups():
    return Department.objects.create(name="教务处"), UnionGroup.objects.create(name="语文组")


def rows(count, start=0):
    return [
        [f"员工{i:03d}", "女", "", "", "", "教务处", "语文组", "在编", "在职", "", "", "", "是", "2010-09-01", "", ""]
        for i in range(start, start + count)
    ]


def _import_queries(*lines):
    with CaptureQueriesContext(connection) as queries:
        services.import_roster(file=workbook(*lines))
    return len(queries)


def test_import_runs_the_same_queries_for_3_rows_as_for_60(lookups):
    few = _import_queries(*rows(3))
    many = _import_queries(*rows(60, start=3))
    assert many == few
    assert Member.objects.filter(department__name="教务处", union_group__name="语文组").count() == 63
    assert MembershipEvent.objects.filter(kind="join", to_group__name="语文组").count() == 63


def test_a_word_the_names_repeat_is_spelled_once(lookups, monkeypatch):
    spelled = []

    def spell(words, **options):
        spelled.append(words)
        return lazy_pinyin(words, **options)

    models._spell_word.cache_clear()
    monkeypatch.setattr(pypinyin, "lazy_pinyin", spell)
    services.import_roster(file=workbook(*rows(60)))
    assert spelled == [["员工"]]  # 员工000 … 员工059: the digits are given back as written
    assert Member.objects.get(name="员工007").name_pinyin == "yuan2gong1007"


def test_every_value_is_stored_as_written(lookups):
    """On PostgreSQL the rows go in by COPY, as text: quotes, separators, backslashes and NULL's spelling stay data."""
    notes = ['a,b "c"', "two\nlines\tand a tab", "\\N", "back\\slash", "NULL", ""]
    lines = rows(len(notes))
    for line, note in zip(lines, notes, strict=True):
        line[15] = note
    services.import_roster(file=workbook(*lines))
    stored = Member.objects.filter(name__startswith="员工").order_by("name")
    assert [member.notes for member in stored] == notes
    assert {(member.title, member.job_number, member.id_number, member.user_id) for member in stored} == {
        ("", None, None, None)
    }


def test_an_error_while_writing_the_membership_events_leaves_no_member(lookups):
    def broken(run, sql, params, many, context):
        if sql.startswith(f'INSERT INTO "{MembershipEvent._meta.db_table}"'):
            raise RuntimeError("database gone")
        return run(sql, params, many, context)

    with connection.execute_wrapper(broken), pytest.raises(RuntimeError):
        services.import_roster(file=workbook(*rows(5)))
    assert not Member.objects.exists()
    assert not Member.history.exists()


def test_import_still_refuses_a_department_that_does_not_exist(lookups):
    line = rows(1)[0]
    line[5] = "后勤处"
    with pytest.raises(ValidationError, match="部门“后勤处”不存在"):
        services.import_roster(file=workbook(line))


def _export(client, count, first_id=None):
    start = Member.objects.filter(name__startswith="导出").count()
    Member.objects.bulk_create(
        Member(name=f"导出{i:03d}", gender="F", id_number=first_id if i == start else None)
        for i in range(start, start + count)
    )
    built = []

    def counted(sender, instance, **kwargs):
        if instance.name.startswith("导出"):  # not the chair's own record, loaded with her account
            built.append(instance)

    post_init.connect(counted, sender=Member)
    try:
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/members/export.xlsx")
    finally:
        post_init.disconnect(counted, sender=Member)
    assert response.status_code == 200
    return len(queries), len(built), list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))


def test_export_builds_no_member_object_and_runs_fixed_queries(client_as, users):
    client = client_as("chair")
    few_queries, _, _ = _export(client, 1)
    many_queries, built, sheet = _export(client, 40)
    assert many_queries == few_queries
    assert built == 0  # rows are read as values, not as 41 Member objects
    assert len(sheet) == 1 + 41 + Member.objects.exclude(name__startswith="导出").count()


def test_chair_exports_full_id_numbers_and_the_same_columns(client_as, users):
    _, _, sheet = _export(client_as("chair"), 1, first_id=GOOD_ID)
    header, *lines = sheet
    assert header[:6] == ("序号", "姓名", "性别", "出生日期", "身份证号", "手机号")
    [line] = [line for line in lines if line[1] == "导出000"]
    assert line[2] == "女" and line[4] == GOOD_ID and line[13] == "否"


def test_each_imported_person_gets_one_creation_record_in_the_history(lookups, users):
    line = rows(1)[0]
    line[1], line[3] = "男", GOOD_ID
    services.import_roster(file=workbook(line, *rows(2, start=1)), actor=users["chair"])
    imported = Member.objects.filter(name__startswith="员工")
    assert imported.count() == 3
    for member in imported:
        [record] = member.history.all()
        assert record.history_type == "+" and record.history_user == users["chair"]
        assert record.history_change_reason is None
        tracked = [field.attname for field in Member.history.model.tracked_fields]
        assert [getattr(record, name) for name in tracked] == [getattr(member, name) for name in tracked]
    assert Member.objects.get(id_number=GOOD_ID).history.get().birth_date.isoformat() == "1949-12-31"


def test_a_bad_row_after_rows_already_streamed_refuses_the_file_and_every_bad_row_is_named(lookups, monkeypatch):
    """The rows go to the database while the later ones are checked: a bad row far down takes back what went before."""
    monkeypatch.setattr(importing, "IMPORT_BATCH", 2)
    lines = rows(9)
    lines[6][1] = "未知"  # row 8
    lines[8][13] = "2010-13-01"  # row 10
    with pytest.raises(ValidationError) as refused:
        services.import_roster(file=workbook(*lines))
    text = " ".join(refused.value.messages)
    assert text.startswith("有 2 行有误，未导入任何数据") and "第8行 性别“未知”" in text and "第10行 入会日期" in text
    assert not Member.objects.exists() and not Member.history.exists() and not MembershipEvent.objects.exists()


def test_a_limit_reached_while_streaming_is_refused_in_plain_words(lookups, monkeypatch):
    monkeypatch.setattr(importing, "IMPORT_BATCH", 2)
    monkeypatch.setattr(excel, "MAX_IMPORT_ROWS", 5)
    with pytest.raises(ValidationError) as refused:
        services.import_roster(file=workbook(*rows(6)))
    assert refused.value.messages == ["文件超过 5 行，未导入；请分批导入。"]
    assert not Member.objects.exists()


def test_new_units_are_made_with_the_rows_and_taken_back_with_a_refused_file(lookups):
    lines = rows(3)
    lines[1][5], lines[2][6] = "后勤处", "新组"
    services.import_roster(file=workbook(*lines), create_missing=True)
    assert Member.objects.get(name="员工001").department.name == "后勤处"
    assert Member.objects.get(name="员工002").union_group.name == "新组"
    lines = rows(2, start=3)
    lines[0][5], lines[1][1] = "财务处", "未知"
    with pytest.raises(ValidationError, match="第3行 性别“未知”"):
        services.import_roster(file=workbook(*lines), create_missing=True)
    assert not Department.objects.filter(name="财务处").exists()


def test_a_number_entered_by_someone_else_during_the_import_refuses_it(lookups, monkeypatch):
    """The unique columns refuse a repeat refuse_repeats() did not see (another clerk's entry, committed meanwhile)."""
    monkeypatch.setattr(excel, "refuse_repeats", lambda rows: None)
    lines = rows(2)
    lines[0][3] = lines[1][3] = GOOD_ID
    lines[0][1] = lines[1][1] = "男"
    with pytest.raises(ValidationError, match="身份证号或工号刚被录入名册，未导入任何数据"):
        services.import_roster(file=workbook(*lines))
    assert not Member.objects.exists()
