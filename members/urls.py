from django.urls import path

from . import dues_views, letter_views, merge_views, print_views, self_service_views, statistics_views, views
from .org_urls import urlpatterns as org_urlpatterns

app_name = "members"
urlpatterns = [
    path("", views.roster, name="roster"),
    path("new/", views.member_create, name="create"),
    path("export.xlsx", views.roster_export, name="export"),
    path("print/", print_views.roster_print, name="print"),
    path("statistics/", statistics_views.statistics, name="statistics"),
    path("import/", views.import_roster, name="import"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("import/confirm/", views.import_confirm, name="import_confirm"),
    path("me/", self_service_views.my_record, name="me"),
    path("dues/", dues_views.ledger, name="dues"),
    path("dues/open/", dues_views.open_month, name="dues_open"),
    path("dues/wage-base/", dues_views.wage_base, name="dues_wage_base"),
    path("dues/mark-paid/", dues_views.mark_group_paid, name="dues_mark_paid"),
    path("dues/arrears/", dues_views.arrears, name="dues_arrears"),
    path("dues/export.xlsx", dues_views.ledger_export, name="dues_export"),
    path("dues/arrears.xlsx", dues_views.arrears_export, name="dues_arrears_export"),
    path("dues/<int:pk>/pay/", dues_views.pay, name="dues_pay"),
    path("dues/<int:pk>/correct/", dues_views.correct, name="dues_correct"),
    path("dues/year/", dues_views.year_totals, name="dues_year"),
    path("dues/settings/", dues_views.settings, name="dues_settings"),
    path("pick/", views.person_search, name="pick"),
    path("<int:pk>/edit/", views.member_edit, name="edit"),
    path("<int:pk>/", views.member_detail, name="detail"),
    path("<int:pk>/events/new/", views.record_event, name="record_event"),
    path("<int:pk>/delete/", merge_views.member_delete, name="delete"),
    path("<int:pk>/merge/", merge_views.member_merge, name="merge"),
    path("<int:pk>/transfer-letter/", letter_views.transfer_letter, name="transfer_letter"),
    path("<int:pk>/retirees-group/", views.move_to_retirees_group, name="move_to_retirees_group"),
]
urlpatterns += org_urlpatterns
