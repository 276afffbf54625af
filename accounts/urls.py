from django.urls import path

from . import role_views, setup_views, views

app_name = "accounts"

urlpatterns = [
    path("accounts/activate/", views.activate, name="activate"),
    path("accounts/reset/", views.email_reset, name="email_reset"),
    path("accounts/link/", views.link_login, name="link_login"),
    path("accounts/members/", views.account_list, name="list"),
    path("accounts/members/open/", views.open_accounts, name="open"),
    path("accounts/members/slips/", views.print_slips, name="slips"),
    path("accounts/members/codes.xlsx", views.export_codes, name="export_codes"),
    path("accounts/members/<int:pk>/", views.account_detail, name="detail"),
    path("accounts/members/<int:pk>/code/", views.issue_reset, name="issue_code"),
    path("accounts/members/<int:pk>/close/", views.close_account, name="close"),
    path("accounts/members/<int:pk>/reopen/", views.reopen_account, name="reopen"),
    path("accounts/roles/", role_views.roles, name="roles"),
    path("accounts/roles/<int:member_pk>/<str:role>/withdraw/", role_views.withdraw, name="withdraw_role"),
    path("setup/", setup_views.administrator, name="setup"),
    path("setup/union/", setup_views.union, name="setup_union"),
    path("setup/chair/", setup_views.chair, name="setup_chair"),
    path("setup/org/", setup_views.org, name="setup_org"),
    path("setup/done/", setup_views.done, name="setup_done"),
]
