"""The participant list as an Excel workbook (报名名单-<活动>.xlsx)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from unionportal.spreadsheets import append_row, start_sheet, workbook_bytes


def participants_workbook(event, registrations):
    book = Workbook(write_only=True)
    caption = [
        [event.title],
        [_("时间"), timezone.localtime(event.starts_at).strftime("%Y-%m-%d %H:%M"), _("地点"), event.place],
    ]
    headers = [_("序号"), _("姓名/队名"), _("部门"), _("工会小组"), _("手机号"), _("状态"), _("签到")]
    widths = {_("姓名/队名"): 16, _("部门"): 16, _("签到"): 8}
    sheet = start_sheet(book, _("报名名单"), headers, widths=widths, caption=caption)
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
    return workbook_bytes(book)
