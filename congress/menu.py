from django.utils.translation import gettext_lazy as _

from unionportal.navigation import Link, Section

MENU = Section(
    _("{congress}"),
    "building",
    [
        Link(_("{congress}"), "congress:index", "congress.view_index"),
        Link(_("提案"), "congress:proposals", "congress.view_proposals"),
        Link(_("提出提案"), "congress:proposal_create", "congress.add_proposal"),
        Link(_("民主评议"), "congress:appraisals", "congress.view_appraisals"),
        Link(_("机构与会议"), "congress:bodies", "congress.view_bodies"),
        Link(_("选举"), "congress:elections", "congress.view_elections"),
        Link(_("合理化建议"), "congress:suggestions", "congress.view_suggestions"),
    ],
)
