"""An event's money (活动经费): the organiser asks for it through the funds chain (财务审核 → 主席审批 → 财务支付)
on the 文体活动 account; until the accountant pays, the event's money is 审批中 and its actual cost empty."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from funds.services.linked import require_no_standing_request
from funds.services.spending import request_for

from .models import Event


@transaction.atomic
def request_event_funds(*, event: Event, actor, amount, payee: str, is_goods: bool = False) -> Event:
    """Ask for the event's money; refused like any expense (no budget line, past it, a closed year …)."""
    event = Event.objects.select_for_update(of=("self",)).select_related("expense").get(pk=event.pk)
    require_no_standing_request(event.expense)
    event.expense = request_for(
        kind="event",
        reference=event.title,
        requester=actor,
        amount=amount,
        purpose=_("%(title)s活动经费") % {"title": event.title},  # quoted in the notices that name it
        payee=payee,
        on=timezone.localdate(event.starts_at),
        is_goods=is_goods,
    )
    event.save(update_fields=["expense"])
    return event


def paid_cost(entry) -> dict:
    return {"actual_cost": entry.amount}
