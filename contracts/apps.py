from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "contracts"
    verbose_name = _("集体合同")

    def ready(self):
        from . import vote_notices  # noqa: F401  (tells the contracts' runners when the congress's vote is counted)
