from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CongressConfig(AppConfig):
    name = "congress"
    verbose_name = _("教代会")

    def ready(self):
        from members.registration import year_frozen

        from .election_reminders import snapshot_delegates

        year_frozen.connect(snapshot_delegates, dispatch_uid="congress.snapshot_delegates")
        from . import election_flows  # noqa: F401  (registers the election's table with the workflow kernel)
