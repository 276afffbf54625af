"""Every .xlsx the portal writes goes through append_row: a value a person typed is data, never a formula.

A name, note, title or place beginning with =, +, -, @ (or a tab or carriage return before one) would
otherwise open in Excel or WPS as a live formula: a member could plant ``=HYPERLINK(...)`` in a
participant sheet that also holds colleagues' phone numbers. Such a value is stored as a text cell with
Excel's quote prefix, so it shows as typed and stays text when edited.
"""

from io import BytesIO

from openpyxl.cell import WriteOnlyCell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(sheet, value):
    if not (isinstance(value, str) and value.startswith(FORMULA_STARTS)):
        return value
    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def append_row(sheet, values):
    sheet.append([text_cell(sheet, value) for value in values])


def workbook_bytes(book) -> bytes:
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
