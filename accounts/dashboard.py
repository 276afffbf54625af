from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from members.models import Member
from unionportal.dashboard import Card

from . import setup


def cards(request):
    user = request.user
    cards = []
    if user.is_superuser and not setup.is_set_up():
        cards.append(
            Card(
                _("初始设置"),
                text=_("还没有填写工会信息、主席和组织架构：点此完成初始设置。"),
                url=reverse("accounts:setup_union"),
                level="warning",
            )
        )
    if user.has_perm("accounts.manage_logins"):
        without = Member.objects.filter(status=Member.Status.ACTIVE, user__isnull=True).count()
        if without:
            cards.append(
                Card(
                    _("未开通账号"),
                    value=str(without),
                    text=_("在职人员中还没有登录账号的人数"),
                    url=reverse("accounts:list") + "?" + urlencode({"login": "none", "status": "active"}),
                    level="warning",
                )
            )
    return cards
