from django.utils.translation import gettext_lazy as _

from unionportal.navigation import Link, Section

# Joins the core's 设置 section, beside 工会信息.
MENU = Section(
    _("设置"),
    "gear",
    [
        Link(_("账号管理"), "accounts:list", "accounts.manage_logins"),
        Link(_("角色分工"), "accounts:roles", "accounts.manage_roles"),
    ],
)
