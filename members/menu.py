from django.utils.translation import gettext_lazy as _

from unionportal.navigation import Link, Section

MENU = Section(
    _("会员"),
    "people",
    [
        Link(_("{staff}名册"), "members:roster", "members.view_roster"),
        Link(_("会员统计"), "members:statistics", "members.view_statistics"),
        Link(_("组织架构"), "members:org", "members.view_org"),
        Link(_("委员会"), "members:committees", "members.view_committees"),
        Link(_("年度登记"), "members:registration", "members.view_registration"),
        Link(_("会费台账"), "members:dues", "members.view_dues"),
        Link(_("我的档案"), "members:me", "members.view_own_record"),
    ],
)
