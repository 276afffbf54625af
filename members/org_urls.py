"""The org tree, committee and yearly registration pages (part of the members namespace)."""

from django.urls import path

from . import committee_views, org_views, registration_views

urlpatterns = [
    path("org/", org_views.org_tree, name="org"),
    path("org/branches/new/", org_views.branch_edit, name="branch_create"),
    path("org/branches/<int:pk>/edit/", org_views.branch_edit, name="branch_edit"),
    path("org/branches/<int:pk>/delete/", org_views.branch_delete, name="branch_delete"),
    path("org/groups/new/", org_views.group_edit, name="group_create"),
    path("org/groups/<int:pk>/edit/", org_views.group_edit, name="group_edit"),
    path("org/groups/<int:pk>/delete/", org_views.group_delete, name="group_delete"),
    path("org/groups/<int:pk>/dissolve/", org_views.group_dissolve, name="group_dissolve"),
    path("org/groups/<int:pk>/restore/", org_views.group_restore, name="group_restore"),
    path("committees/", committee_views.committee_list, name="committees"),
    path("committees/new/", committee_views.committee_edit, name="committee_create"),
    path("committees/<int:pk>/", committee_views.committee_detail, name="committee"),
    path("committees/<int:pk>/edit/", committee_views.committee_edit, name="committee_edit"),
    path("committees/<int:pk>/delete/", committee_views.committee_delete, name="committee_delete"),
    path("committees/<int:committee_pk>/terms/new/", committee_views.term_edit, name="term_create"),
    path("committees/terms/<int:pk>/edit/", committee_views.term_edit, name="term_edit"),
    path("committees/terms/<int:term_pk>/seats/new/", committee_views.seat_create, name="seat_create"),
    path("committees/seats/<int:pk>/delete/", committee_views.seat_delete, name="seat_delete"),
    path("registration/", registration_views.registration_index, name="registration"),
    path("registration/freeze/", registration_views.freeze, name="registration_freeze"),
    path("registration/<int:year>/", registration_views.registration_year, name="registration_year"),
]
