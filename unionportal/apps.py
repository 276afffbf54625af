from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models import fields
from django.utils.translation import gettext_lazy as _


class UnionAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "unionportal.admin_site.SuperuserAdminSite"


class UnionPortalConfig(AppConfig):
    default = True
    name = "unionportal"
    verbose_name = _("工会门户")

    def ready(self):
        # Django 6.1 asks projects to set the empty choice label here; it has no Chinese for its own.
        fields.BLANK_CHOICE_LABEL = _("请选择")
        from . import form_messages

        form_messages.install()
        from . import (
            compiled,  # noqa: F401  (each new PostgreSQL connection keeps one plan per prepared statement)
            login,  # noqa: F401  (stamps the time of each login for the idle-session check)
            lookups,  # noqa: F401  (out-of-range ids in an __in lookup match nothing)
        )
