"""Staff import a roster with two bad rows, read why, fix the file and import it; then look at the roster."""

import datetime

from openpyxl import Workbook

from members.excel import COLUMNS
from members.models import Member, UnionGroup

GOOD_ID = "11010519491231002X"
BAD_CHECKSUM = "110105194912310021"


def roster_file(path, rows):
    book = Workbook()
    book.active.append([title for title, _name in COLUMNS])
    for name, id_number, group in rows:
        book.active.append([name, "女", "", id_number, "", "", group, "在编", "在职", "", "", "", "是", "2015-09-01"])
    book.save(path)
    return path


def test_staff_import_with_two_bad_rows_then_fixed(page, log_in, live_server, users, screenshot, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    UnionGroup.objects.create(name="语文组")
    before = Member.objects.count()
    bad = roster_file(
        tmp_path / "bad.xlsx",
        [
            ("林小雨", "", "语文组"),
            ("欧阳青", BAD_CHECKSUM, "语文组"),
            ("丁一", "", "火星组"),
            ("王芳", "", ""),
            ("", "", "语文组"),
        ],
    )
    log_in(page, "staff")
    page.goto(f"{live_server.url}/members/import/")
    page.get_by_label("名册文件").set_input_files(bad)
    page.get_by_role("button", name="检查").click()
    errors = page.get_by_test_id("import-errors")
    errors.wait_for()
    text = errors.inner_text()
    assert "有 2 行有误" in text
    assert "第3行（欧阳青）" in text and "校验位不正确" in text
    assert "第6行（—）" in text and "缺少姓名" in text
    assert "工会小组：火星组" in page.get_by_test_id("new-units").inner_text()  # listed, not an error
    assert page.get_by_role("button", name="确认导入").count() == 0
    screenshot(page, "members-import-preview-errors")
    assert Member.objects.count() == before

    fixed = roster_file(
        tmp_path / "fixed.xlsx",
        [("林小雨", "", "语文组"), ("欧阳青", GOOD_ID, "语文组"), ("丁一", "", "火星组"), ("王芳", "", "")],
    )
    page.get_by_label("名册文件").set_input_files(fixed)
    page.get_by_role("button", name="检查").click()
    page.get_by_label("同时新建以下部门/小组").check()
    screenshot(page, "members-import-new-group")
    page.get_by_role("button", name="确认导入 4 人").click()
    page.get_by_text("已导入 4 人").wait_for()
    assert Member.objects.count() == before + 4
    assert Member.objects.get(name="欧阳青").birth_date == datetime.date(1949, 12, 31)
    assert Member.objects.get(name="丁一").union_group.name == "火星组"

    page.goto(f"{live_server.url}/members/?union_group={UnionGroup.objects.get(name='语文组').pk}")
    table = page.locator("table").inner_text()
    assert "林小雨" in table and "欧阳青" in table and "丁一" not in table and "王芳" not in table
    screenshot(page, "members-roster-after-import")
