from django.utils.translation import gettext_lazy as _

from unionportal.navigation import Link, Section

MENU = Section(
    _("经费"),
    "cash-coin",
    [
        Link(_("经费工作台"), "funds:index", "funds.view_index"),
        Link(_("支出申请"), "funds:expenses", "funds.view_books"),
        Link(_("我的支出申请"), "funds:my_expenses", "funds.request_expense"),
        Link(_("收支明细账"), "funds:ledger", "funds.view_books"),
        Link(_("预算执行"), "funds:execution", "funds.view_books"),
        Link(_("经费审查"), "funds:audits", "funds.view_books"),
    ],
)
