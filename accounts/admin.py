from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AccessCode, RoleAssignment


@admin.register(AccessCode)
class AccessCodeAdmin(admin.ModelAdmin):
    list_display = ["user", "purpose", "issued_at", "expires_at", "used_at", "voided_at", "failed_attempts"]
    list_filter = ["purpose"]
    search_fields = ["user__username"]
    readonly_fields = ["code_hash"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["member", "role", "department", "started_on", "ended_on"]
    list_filter = ["role"]
    search_fields = ["member__name"]
