"""The Django admin changelists the portal's pages are compared with (what staff would
otherwise use), on a separate site so the apps' own admin files stay untouched.
Each app registers its models here next to its pages in ``bench/pages.py``."""

from django.contrib import admin

from activities.models import Event
from congress.models import Proposal
from disclosure.models import DisclosureItem
from funds.models import Entry
from members.models import Member
from welfare.models import Application

site = admin.AdminSite(name="bench_admin")


@admin.register(Member, site=site)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["name", "gender", "department", "union_group", "status", "is_union_member", "phone"]
    list_select_related = ["department", "union_group"]
    list_filter = ["status", "gender", "is_union_member", "union_group"]
    search_fields = ["name", "name_initials", "name_pinyin", "phone"]
    list_per_page = 25


@admin.register(Event, site=site)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "place", "capacity"]
    list_per_page = 25


@admin.register(DisclosureItem, site=site)
class DisclosureItemAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "audience", "status", "published_on"]
    list_select_related = ["category"]
    list_filter = ["status", "audience", "category"]
    date_hierarchy = "published_on"
    search_fields = ["title", "body"]
    list_per_page = 25


@admin.register(Proposal, site=site)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "session", "proposer", "lead_department", "status"]
    list_select_related = ["session__term", "proposer", "lead_department"]
    list_filter = ["status", "session"]
    list_per_page = 25


@admin.register(Application, site=site)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["member", "amount_requested", "status", "submitted_at"]
    list_select_related = ["member"]
    list_filter = ["status"]
    list_per_page = 25


@admin.register(Entry, site=site)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["date", "voucher_number", "account", "fund", "summary", "direction", "amount"]
    list_select_related = ["account", "fund"]
    list_filter = ["year", "direction", "account"]
    list_per_page = 50
