"""The participant list as an Excel workbook (报名名单.xlsx)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from unionportal.spreadsheets import append_row, workbook_bytes


def participants_workbook(event, registrations):
    book = Workbook()
    sheet = book.active
    sheet.title = _("报名名单")
    append_row(sheet, [event.title])
    sheet["A1"].font = Font(bold=True, size=14)
    append_row(
        sheet, [_("时间"), timezone.localtime(event.starts_at).strftime("%Y-%m-%d %H:%M"), _("地点"), event.place]
    )
    append_row(sheet, [_("序号"), _("姓名/队名"), _("部门"), _("工会小组"), _("手机号"), _("状态"), _("签到")])
    for number, registration in enumerate(registrations, start=1):
        member = registration.member
        append_row(
            sheet,
            [
                number,
                str(registration.entrant),
                str(member.department or "") if member else "",
                str(member.union_group or "") if member else str(registration.team.union_group),
                member.phone if member else "",
                str(registration.get_status_display()),
                timezone.localtime(registration.checked_in_at).strftime("%H:%M") if registration.checked_in_at else "",
            ],
        )
    for column, width in zip("ABCDEFG", [6, 16, 16, 14, 14, 10, 8], strict=True):
        sheet.column_dimensions[column].width = width
    return workbook_bytes(book)
