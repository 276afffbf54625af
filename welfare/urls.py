from django.urls import path

from . import views

app_name = "welfare"
urlpatterns = [
    path("", views.index, name="index"),
    path("files/", views.file_list, name="files"),
    path("files/new/", views.file_create, name="file_create"),
    path("files/export/", views.file_export, name="file_export"),
    path("files/access-log/", views.file_access_log, name="file_access_log"),
    path("files/<int:pk>/", views.file_detail, name="file_detail"),
    path("files/<int:pk>/edit/", views.file_edit, name="file_edit"),
    path("files/<int:pk>/review/", views.file_review, name="file_review"),
    path("birthdays/", views.birthday_list, name="birthdays"),
    path("applications/", views.application_list, name="applications"),
    path("applications/mine/", views.my_applications, name="my_applications"),
    path("applications/new/", views.application_create, name="application_create"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path(
        "applications/<int:pk>/<str:action>/",
        views.application_action,
        name="application_action",
    ),
    path("payments/", views.payment_list, name="payments"),
    path("payments/new/", views.payment_create, name="payment_create"),
    path("payments/<int:pk>/sign-off/", views.payment_sign_off, name="payment_sign_off"),
    path("totals/", views.totals, name="totals"),
    path("registers/", views.print_register, name="print_register"),
    path("settings/", views.settings_page, name="settings"),
    path("campaigns/", views.campaign_list, name="campaigns"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/add/", views.campaign_add, name="campaign_add"),
    path("campaigns/<int:pk>/publish/", views.campaign_publish, name="campaign_publish"),
    path("recipients/<int:pk>/<str:action>/", views.recipient_action, name="recipient_action"),
    path("visits/", views.visit_list, name="visits"),
    path("visits/new/", views.visit_create, name="visit_create"),
    path("drives/", views.drive_list, name="drives"),
    path("drives/new/", views.drive_create, name="drive_create"),
    path("drives/<int:pk>/", views.drive_detail, name="drive_detail"),
    path("drives/<int:pk>/hand-over/", views.drive_hand_over, name="drive_hand_over"),
]
