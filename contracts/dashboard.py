"""Home-page cards of collective contracts: renewal (续签) from three months before expiry, and contracts
whose 15-day review has passed and wait to be marked in force."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from unionportal.dashboard import Card

from . import services
from .models import CollectiveContract

S = CollectiveContract.Status


def cards(request):
    if not request.user.has_perm("contracts.manage_contracts"):
        return []
    today = timezone.localdate()
    cards = []
    ending = CollectiveContract.objects.filter(
        status=S.EFFECTIVE, ends_on__lte=today + datetime.timedelta(days=31 * services.RENEWAL_MONTHS), renewals=None
    )
    for contract in ending:
        if services.renewal_opens_on(contract) <= today:
            cards.append(
                Card(_("集体合同续签"), text=_("%(title)s将于%(date)s到期，可提出续签。")
                     % {"title": contract.title, "date": contract.ends_on},
                     url=contract.get_absolute_url(), level="warning")
            )  # fmt: skip
    due = today - datetime.timedelta(days=services.REVIEW_DAYS)
    for contract in CollectiveContract.objects.filter(status=S.FILED, filed_on__lte=due):
        cards.append(
            Card(_("集体合同待生效"), text=_("%(title)s审查期已满，无异议即可登记生效。") % {"title": contract.title},
                 url=contract.get_absolute_url(), level="warning")
        )  # fmt: skip
    return cards
