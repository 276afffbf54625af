"""Every .xlsx the portal writes: a bold header row that stays in view, columns wide enough for what
they hold, a Chinese file name (教职工名册-20261205.xlsx) that every browser keeps, and rows written
through append_row, so that a value a person typed is data, never a formula.

A name, note, title or place beginning with =, +, -, @ (or a tab or carriage return before one) would
otherwise open in Excel or WPS as a live formula: a member could plant ``=HYPERLINK(...)`` in a
participant sheet that also holds colleagues' phone numbers. Such a value is stored as a text cell with
Excel's quote prefix, so it shows as typed and stays text when edited.
"""

from io import BytesIO

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WIDTHS = {"序号": 6, "姓名": 10, "性别": 6, "身份证号": 21, "手机号": 14, "备注": 30}  # else by the header

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(sheet, value, font=None):
    formula_like = isinstance(value, str) and value.startswith(FORMULA_STARTS)
    if not (formula_like or font):
        return value
    cell = WriteOnlyCell(sheet, value)
    if formula_like:
        cell.data_type = "s"
        cell.quotePrefix = True
    if font:
        cell.font = font
    return cell


def append_row(sheet, values):
    sheet.append([text_cell(sheet, value) for value in values])


def workbook_bytes(book) -> bytes:
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def width_for(header):
    """Characters of column width for a header: a CJK character counts twice."""
    return WIDTHS.get(header, max(10, 2 * len(header) + 4))


def start_sheet(book, title, headers, widths=None, caption=()):
    """A write-only sheet with the header row bold and frozen and each column sized.

    ``caption`` rows (an event's title, its time and place) go above the header and stay in view with it;
    the first is printed large and bold.
    """
    sheet = book.create_sheet(title)
    sheet.freeze_panes = f"A{len(caption) + 2}"
    for number, header in enumerate(headers, start=1):
        width = (widths or {}).get(header) or width_for(header)
        sheet.column_dimensions[get_column_letter(number)].width = width
    for line, values in enumerate(caption):
        font = Font(bold=True, size=14) if line == 0 else None
        sheet.append([text_cell(sheet, value, font) for value in values])
    sheet.append([text_cell(sheet, header, Font(bold=True)) for header in headers])
    return sheet


def xlsx_response(content, filename):
    """The file as a download under its Chinese name (RFC 6266 filename*, which every browser reads)."""
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
