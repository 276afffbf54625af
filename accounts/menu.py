from django.utils.translation import gettext_lazy as _

from unionportal.navigation import Link, Section

MENU = Section(
    _("账号"),
    "person-badge",
    [
        Link(_("账号管理"), "accounts:list", "accounts.manage_logins"),
        Link(_("角色分工"), "accounts:roles", "accounts.manage_roles"),
    ],
)
