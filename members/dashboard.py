from django.urls import reverse
from django.utils.translation import gettext as _

from unionportal.dashboard import Card

from .selectors import headcount


def cards(request):
    if not request.user.has_perm("members.view_roster"):
        return []
    counts = headcount()
    rate = f"{counts['members'] / counts['staff']:.1%}" if counts["staff"] else "—"
    return [
        Card(
            _("在职人数"),
            value=str(counts["staff"]),
            text=_("会员 %(members)s 人，入会率 %(rate)s") % {"members": counts["members"], "rate": rate},
            url=reverse("members:roster"),
        )
    ]
