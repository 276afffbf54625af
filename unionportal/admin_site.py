from django.contrib import admin


class SuperuserAdminSite(admin.AdminSite):
    """Django admin for superusers only: union staff work in the portal's own
    pages, where every role sees exactly what it may."""

    site_header = "基层工会门户 · 系统管理"
    site_title = "系统管理"

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser
