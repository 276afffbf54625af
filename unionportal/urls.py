from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.forms import ChangePasswordForm
from accounts.setup_views import login_or_first_run

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("profile/", views.union_profile, name="union_profile"),
    path("notices/", views.notices, name="notices"),
    path("notices/read/", views.notices_read, name="notices_read"),
    path("notices/<int:pk>/", views.notice_open, name="notice_open"),
    path("accounts/login/", login_or_first_run, name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(form_class=ChangePasswordForm),
        name="password_change",
    ),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("members/", include("members.urls")),
    path("congress/", include("congress.urls")),
    path("disclosure/", include("disclosure.urls")),
    path("welfare/", include("welfare.urls")),
    path("activities/", include("activities.urls")),
    path("funds/", include("funds.urls")),
    path("contracts/", include("contracts.urls")),
    path("documents/", include("unionportal.documents.urls")),
    path("", include("accounts.urls")),
    path("admin/", admin.site.urls),
]
