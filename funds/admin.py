"""The chart of accounts and the funds, edited by the system administrator until the portal has its own page."""

from django.contrib import admin

from .models import Account, Fund


@admin.register(Account)
class AccountAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]


@admin.register(Fund)
class FundAdmin(admin.ModelAdmin):
    list_display = ["name", "is_dedicated", "opening_balance", "sort_order"]
