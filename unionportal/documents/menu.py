from django.utils.translation import gettext_lazy as _

from unionportal.navigation import Link, Section

MENU = Section(
    _("文档"),
    "file-earmark-pdf",
    [
        Link(_("我的文档"), "documents:index", "documents.view_index"),
        Link(_("起草通知"), "documents:new_notice", "documents.write_notice"),
        Link(_("逐人通知"), "documents:new_addressed_notice", "documents.write_addressed_notice"),
        Link(_("年度工作报告"), "documents:annual_reports", "documents.print_annual_report"),
    ],
)
