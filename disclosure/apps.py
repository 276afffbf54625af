from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = _("公开")

    def ready(self):
        from unionportal.signals import union_kind_changed

        from .services import load_categories

        union_kind_changed.connect(lambda sender, kind, **kwargs: load_categories(kind=kind), weak=False)
