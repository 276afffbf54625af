"""Activation slips (账号激活通知单): one per person, grouped by union group for its leader to hand out."""

from itertools import groupby

from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.translation import gettext as _

from unionportal.models import UnionProfile

from .logins import CODE_LIFETIME, issue_codes, pending_logins
from .models import AccessCode


class ActivationSlips:
    kind = "activation_slips"
    permission = "accounts.manage_logins"
    template = "accounts/pdf/slips.html"

    @staticmethod
    def title(params):
        return _("账号激活通知单（%(count)s人）") % {"count": len(params["members"])}

    @staticmethod
    def context(params, report_progress):
        # The codes are made here, while the slips are drawn, so that they exist in clear only in the finished
        # file; a rerun of the job makes new ones and the half-drawn file with the old ones is never kept.
        users = list(pending_logins(params["members"]).select_related("member__union_group__leader"))
        codes = issue_codes(
            users=users,
            purpose=AccessCode.Purpose.ACTIVATION,
            actor=User.objects.filter(pk=params["issued_by"]).first(),
        )
        slips = [{"member": user.member, "login": user.username, "code": codes[user.pk]} for user in users]
        groups = [
            {"group": group, "slips": list(rows)}
            for group, rows in groupby(slips, key=lambda s: s["member"].union_group)
        ]
        return {
            "union": UnionProfile.load(),
            "running_header": _("账号激活通知单"),
            "groups": groups,
            "expires_on": timezone.localdate() + CODE_LIFETIME[AccessCode.Purpose.ACTIVATION],
        }


DOCUMENTS = [ActivationSlips]
