from django.utils import timezone
from django.utils.translation import gettext as _

from unionportal.dashboard import Card

from .models import Registration


def cards(request):
    member = getattr(request.user, "member", None)
    if member is None:
        return []
    cards = []
    upcoming = (
        Registration.objects.filter(member=member, status__in=Registration.ACTIVE, event__ends_at__gte=timezone.now())
        .select_related("event")
        .order_by("event__starts_at")
    )
    first = upcoming.first()
    if first:
        cards.append(
            Card(
                _("我报名的活动"),
                value=str(upcoming.count()),
                text=f"{first.event.title} · {timezone.localtime(first.event.starts_at):%m-%d %H:%M}",
                url=first.event.get_absolute_url(),
            )
        )
    return cards
