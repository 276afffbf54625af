"""A roster file made to tie up the web process is refused quickly, in Chinese."""

import zipfile
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError

from members import excel
from members.tests.test_import_export import row, workbook


def with_sheet_xml(sheet_data):
    """A real roster workbook whose first sheet holds ``sheet_data`` instead."""
    source, target = zipfile.ZipFile(workbook(row())), BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for part in source.infolist():
            data = source.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                head, _rest = data.split(b"<sheetData>")
                data = head + b"<sheetData>" + sheet_data + b"</sheetData></worksheet>"
            out.writestr(part.filename, data)
    target.seek(0)
    return target


def test_two_hundred_rows_of_every_column_are_refused_at_once(monkeypatch):
    monkeypatch.setattr(excel, "_sheet_lines", lambda file: pytest.fail("the sheet was laid out before the refusal"))
    wide_row = b"<row>" + b"<c><v>1</v></c>" * 16_384 + b"</row>"
    file = with_sheet_xml(wide_row * 200)
    assert len(file.getvalue()) < 500_000  # small on disk; 3.3 million cells inside
    with pytest.raises(ValidationError) as refused:
        excel.read_rows(file)
    assert refused.value.messages == ["文件超过 1,000,000 个单元格，未导入；请删去多余的行和列，或分批导入。"]


def test_a_file_that_unpacks_to_too_much_is_refused(monkeypatch):
    monkeypatch.setattr(excel, "MAX_IMPORT_UNPACKED_BYTES", 10_000)
    with pytest.raises(ValidationError, match="单元格"):
        excel.read_rows(with_sheet_xml(b" " * 20_000))


def test_reading_stops_at_the_time_budget(monkeypatch):
    monkeypatch.setattr(excel, "IMPORT_SECONDS", 0)
    with pytest.raises(ValidationError) as refused:
        excel.read_rows(workbook(row(), row("李四", "女")))
    assert refused.value.messages == ["读取文件超过 0 秒，未导入；请删去多余的行和列，或分批导入。"]


def test_a_roster_within_the_limits_is_read(db):
    assert [line.fields["name"] for line in excel.read_rows(workbook(row(), row("李四", "女")))] == ["张三", "李四"]


@pytest.mark.parametrize("far", [b'<c r="XFD1048576"><v>1</v></c>', b'<c r="xfd1048576"><v>1</v></c>'])
def test_one_cell_in_the_last_corner_is_refused_before_it_is_read(far):
    """The reader lays a sheet out from A1 to its last cell: 17 billion cells would crash the process."""
    with pytest.raises(ValidationError) as refused:
        excel.read_rows(with_sheet_xml(b'<row r="1"><c r="A1"><v>1</v></c>' + far + b"</row>"))
    assert refused.value.messages == ["文件超过 1,000,000 个单元格，未导入；请删去多余的行和列，或分批导入。"]


@pytest.mark.parametrize(
    "cell",
    [b'<c r="$XFD$1048576"><v>1</v></c>', b'<c t="n" r="XFD1048576"><v>1</v></c>', b'<c a=">" r="XFD1"><v>1</v></c>'],
)
def test_a_cell_reference_written_otherwise_is_refused_rather_than_guessed(cell):
    with pytest.raises(ValidationError) as refused:
        excel.read_rows(with_sheet_xml(b'<row r="1">' + cell + b"</row>"))
    assert refused.value.messages == ["无法读取该文件，请上传按模板填写的 .xlsx 文件。"]


def test_cells_and_rows_without_references_are_read_in_order(db):
    def line(*texts):
        return "<row>" + "".join(f'<c t="inlineStr"><is><t>{text}</t></is></c>' for text in texts) + "</row>"

    [line] = excel.read_rows(with_sheet_xml((line("姓名*", "性别") + line("李四", "女")).encode()))
    assert (line.number, line.fields["name"], line.fields["gender"]) == (2, "李四", "F")
