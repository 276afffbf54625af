"""The superuser admin's registrations. The site class lives in admin_site.py: were it here, building the site
while this module is half imported would make a second site, and what this module registers would be lost."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import UnionProfile
from .notices import Notice


def register_models(*models):
    """Register models for repairs by a superuser, with the history view where the model keeps one."""
    for model in models:
        admin.site.register(model, SimpleHistoryAdmin if hasattr(model, "history") else admin.ModelAdmin)


@admin.register(UnionProfile)
class UnionProfileAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "upper_union"]


register_models(Notice)
