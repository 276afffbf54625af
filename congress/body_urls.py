"""The congress between sessions: its bodies and their meetings, delegate groups, elections (included from urls.py)."""

from django.urls import path

from . import body_views, election_count_views, election_views

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
    path("elections/", election_views.election_list, name="elections"),
    path("elections/new/", election_views.election_create, name="election_create"),
    path("elections/<int:pk>/", election_views.election_detail, name="election"),
    path("elections/<int:pk>/nominate/", election_views.election_nominate, name="election_nominate"),
    path("elections/<int:pk>/vote/", election_views.election_vote, name="election_vote"),
    path("elections/<int:pk>/next-round/", election_views.election_next_round, name="election_next_round"),
    path("elections/<int:pk>/voters/", election_views.election_voters, name="election_voters"),
    path("elections/<int:pk>/tellers/", election_count_views.election_teller, name="election_teller"),
    path("elections/<int:pk>/paper-count/", election_count_views.election_paper_count, name="election_paper_count"),
    path(
        "elections/<int:pk>/paper-count/confirm/",
        election_count_views.election_confirm_count,
        name="election_confirm_count",
    ),
    path("elections/<int:pk>/result/", election_count_views.election_result, name="election_result"),
    path("elections/<int:pk>/<slug:action>/", election_views.election_act, name="election_act"),
]
