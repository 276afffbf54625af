from django.utils.translation import gettext_lazy as _

from unionportal.navigation import Link, Section

MENU = Section(_("集体合同"), "file-earmark-text", [Link(_("集体合同"), "contracts:list", "contracts.view_contracts")])
