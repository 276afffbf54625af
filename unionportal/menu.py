from django.utils.translation import gettext_lazy as _

from .navigation import Link, Section

MENU = Section(_("设置"), "gear", [Link(_("工会信息"), "union_profile", "unionportal.change_profile")])
