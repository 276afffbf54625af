from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WelfareConfig(AppConfig):
    name = "welfare"
    verbose_name = _("帮扶")

    def ready(self):
        from django.db.models.signals import post_save

        from members.models import MembershipEvent

        from .care import task_from_roster

        post_save.connect(task_from_roster, sender=MembershipEvent, dispatch_uid="welfare_care_task_from_roster")
