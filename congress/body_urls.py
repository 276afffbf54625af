"""The congress between sessions: its bodies and their meetings, delegate groups, elections (included from urls.py)."""

from django.urls import path

from . import body_views

urlpatterns = [
    path("bodies/", body_views.body_list, name="bodies"),
    path("bodies/<int:term_pk>/meetings/new/", body_views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", body_views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/minutes/", body_views.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/decisions/", body_views.meeting_decision, name="meeting_decision"),
    path("meetings/<int:pk>/proposals/<int:proposal_pk>/", body_views.meeting_proposal, name="meeting_proposal"),
    path("terms/<int:pk>/groups/", body_views.delegate_groups, name="delegate_groups"),
    path("terms/<int:term_pk>/groups/new/", body_views.delegate_group_edit, name="delegate_group_create"),
    path("terms/<int:term_pk>/groups/<int:pk>/edit/", body_views.delegate_group_edit, name="delegate_group_edit"),
]
