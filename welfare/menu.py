from django.utils.translation import gettext_lazy as _

from unionportal.navigation import Link, Section

MENU = Section(
    _("帮扶"),
    "heart-pulse",
    [
        Link(_("帮扶工作台"), "welfare:index", "welfare.view_index"),
        Link(_("困难职工档案"), "welfare:files", "welfare.view_files"),
        Link(_("帮扶申请"), "welfare:applications", "welfare.view_applications"),
        Link(_("我的帮扶申请"), "welfare:my_applications", "welfare.view_own_applications"),
        Link(_("慰问活动"), "welfare:campaigns", "welfare.view_campaigns"),
        Link(_("走访慰问"), "welfare:visits", "welfare.view_visits"),
        Link(_("发放台账"), "welfare:payments", "welfare.view_payments"),
        Link(_("帮扶统计"), "welfare:totals", "welfare.view_totals"),
        Link(_("爱心捐款"), "welfare:drives", "welfare.view_drives"),
        Link(_("帮扶设置"), "welfare:settings", "welfare.change_settings"),
    ],
)
