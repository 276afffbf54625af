from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("活动")

    def ready(self):
        from funds.services.linked import follow_payment

        from .funding import paid_cost
        from .models import Event

        # an event's actual cost is what the funds chain paid for it
        follow_payment(Event, paid_cost, dispatch_uid="activities_event_paid")
