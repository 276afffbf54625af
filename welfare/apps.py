from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WelfareConfig(AppConfig):
    name = "welfare"
    verbose_name = _("帮扶")

    def ready(self):
        from django.db.models.signals import post_save

        from funds.services.linked import follow_payment
        from members.models import MembershipEvent

        from .care import task_from_roster
        from .models import DonationDrive
        from .services import handed_over

        post_save.connect(task_from_roster, sender=MembershipEvent, dispatch_uid="welfare_care_task_from_roster")
        # a donation drive is handed over on the day the funds chain pays its hand-over
        follow_payment(DonationDrive, handed_over, dispatch_uid="welfare_drive_handed_over")
