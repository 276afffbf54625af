from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WelfareConfig(AppConfig):
    name = "welfare"
    verbose_name = _("帮扶")

    def ready(self):
        from django.db.models.signals import post_save

        from funds.models import Expense
        from funds.services.linked import follow_payment, on_paid
        from members.models import MembershipEvent

        from .care import task_from_roster
        from .models import DonationDrive
        from .payouts import follow_expense, hand_over_paid
        from .services import handed_over

        post_save.connect(task_from_roster, sender=MembershipEvent, dispatch_uid="welfare_care_task_from_roster")
        # welfare money waits on its expense request and is handed over when the books pay it
        post_save.connect(follow_expense, sender=Expense, dispatch_uid="welfare_follow_expense")
        on_paid(hand_over_paid, dispatch_uid="welfare_hand_over_paid")
        # a donation drive is handed over on the day the funds chain pays its hand-over
        follow_payment(DonationDrive, handed_over, dispatch_uid="welfare_drive_handed_over")
