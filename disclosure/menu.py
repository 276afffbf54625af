from django.utils.translation import gettext_lazy as _

from unionportal.navigation import Link, Section

MENU = Section(
    _("{disclosure}"),
    "megaphone",
    [
        Link(_("{disclosure}栏"), "disclosure:index", "disclosure.view_index"),
        Link(_("起草与预审"), "disclosure:work", "disclosure.view_work"),
        Link(_("公开类别"), "disclosure:categories", "disclosure.manage"),
    ],
)
