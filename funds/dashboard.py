from django.urls import reverse
from django.utils.translation import gettext as _

from unionportal.dashboard import Card
from unionportal.roles import Role, roles_of

from . import selectors


def cards(request):
    """The desks of the expense chain: what waits for the accountant and for the chair."""
    held = roles_of(request.user)
    if not held & {Role.ACCOUNTANT, Role.CHAIR}:
        return []
    waiting = selectors.waiting_counts(user=request.user)  # her own requests wait for someone else
    url = reverse("funds:expenses")
    cards = []
    if Role.ACCOUNTANT in held:
        if waiting["review"]:
            cards.append(
                Card(_("待财务审核的支出"), str(waiting["review"]), url=f"{url}?status=submitted", level="warning")
            )
        if waiting["pay"]:
            cards.append(Card(_("待支付的支出"), str(waiting["pay"]), url=f"{url}?status=approved", level="warning"))
    if Role.CHAIR in held and waiting["approve"]:
        cards.append(Card(_("待主席审批的支出"), str(waiting["approve"]), url=f"{url}?desk=approve", level="warning"))
    return cards
