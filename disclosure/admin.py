"""The 公开 models in the superuser-only admin: for repairs; union staff work in the portal's pages,
where states only move through the services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Category, DisclosureItem, ItemStep, Objection


@admin.register(Category)
class CategoryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "cadence", "period", "department", "sort_order", "tracked_from"]
    list_select_related = ["department"]
    list_filter = ["kind", "cadence"]
    search_fields = ["name"]


class StepInline(admin.TabularInline):
    model = ItemStep
    fields = ["at", "action", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(DisclosureItem)
class DisclosureItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "category", "audience", "status", "published_on", "period_end", "department"]
    list_select_related = ["category", "department"]
    list_filter = ["status", "audience", "category"]
    date_hierarchy = "published_on"
    search_fields = ["title", "body"]
    readonly_fields = ["status", "published_on", "created_by", "created_at"]
    raw_id_fields = ["responsible"]
    inlines = [StepInline]


@admin.register(Objection)
class ObjectionAdmin(SimpleHistoryAdmin):
    list_display = ["item", "author", "created_at", "answered_at"]
    list_select_related = ["item", "author"]
    search_fields = ["content", "answer", "item__title"]
    raw_id_fields = ["item", "author"]
