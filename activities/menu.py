from django.utils.translation import gettext_lazy as _

from unionportal.navigation import Link, Section

MENU = Section(
    _("活动"),
    "trophy",
    [
        Link(_("活动"), "activities:index", "activities.view_index"),
        Link(_("活动月历"), "activities:calendar", "activities.view_index"),
        Link(_("荣誉榜"), "activities:honours", "activities.view_honours"),
        Link(_("新建活动"), "activities:create", "activities.manage_event"),
    ],
)
