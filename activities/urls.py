from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "activities"
urlpatterns = [
    path("", views.index, name="index"),
    path("calendar/", views.month_calendar, name="calendar"),
    path("new/", views.create, name="create"),
    path("honours/", views.honours, name="honours"),
    path("honours/new/", views.honour_create, name="honour_create"),
    path("notices/", RedirectView.as_view(pattern_name="notices", permanent=True)),  # the inbox moved to /notices/
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/sign-up/", views.sign_up, name="sign_up"),
    path("registrations/<int:pk>/<slug:action>/", views.registration_act, name="registration_act"),
    path("<int:pk>/team/", views.team_sign_up, name="team_sign_up"),
    path("<int:pk>/check-in/<str:code>/", views.self_check_in, name="self_check_in"),
    path("<int:pk>/participants/", views.participants, name="participants"),
    path("<int:pk>/participants/<int:registration_pk>/tick/", views.tick, name="tick"),
    path("<int:pk>/participants/<int:registration_pk>/cancel/", views.cancel_on_behalf, name="cancel_on_behalf"),
    path("<int:pk>/door/", views.door_sign, name="door_sign"),
    path("<int:pk>/participants.xlsx", views.participants_xlsx, name="participants_xlsx"),
    path("<int:pk>/participants/print/", views.participants_print, name="participants_print"),
    path("<int:pk>/participants/pdf/", views.participants_pdf, name="participants_pdf"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/funds/", views.request_funds, name="request_funds"),
]
