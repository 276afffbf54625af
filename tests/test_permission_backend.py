"""rules.py is the one answer to "may this user …?": a model permission ticked in the admin grants nothing, and
asking a permission reads no model-permission table."""

from unittest import mock

from django.contrib.auth import BACKEND_SESSION_KEY, authenticate
from django.contrib.auth.models import Permission, User
from django.test import RequestFactory

from unionportal import permission_backend
from unionportal.permission_backend import RulesOnlyBackend
from unionportal.roles import roles_of


def test_a_model_permission_ticked_in_the_admin_grants_nothing(users):
    member = users["member"]
    member.user_permissions.add(Permission.objects.get(codename="view_member", content_type__app_label="members"))
    member = type(member).objects.get(pk=member.pk)
    assert not member.has_perm("members.view_member")


def test_a_refused_permission_reads_no_model_permission_table(users, django_assert_num_queries):
    member = users["member"]
    roles_of(member)
    with django_assert_num_queries(0):
        assert not member.has_perm("members.view_roster")
        assert not member.has_perm("welfare.view_index")
    assert users["chair"].has_perm("members.view_roster")


def test_a_login_names_this_backend_and_each_request_then_reads_user_and_member_at_once(
    client, users, django_assert_num_queries
):
    assert client.post("/accounts/login/", {"username": "chair", "password": "union2026"}).status_code == 302
    assert client.session[BACKEND_SESSION_KEY] == permission_backend.PATH
    with django_assert_num_queries(1):
        chair = RulesOnlyBackend().get_user(users["chair"].pk)
        assert chair.member.name == users["chair"].member.name


def test_a_login_without_a_member_record_has_none_and_asks_no_more(db, django_assert_num_queries):
    admin = User.objects.create_user(username="it-admin", password="union2026")
    with django_assert_num_queries(1):
        assert not hasattr(RulesOnlyBackend().get_user(admin.pk), "member")


def test_a_wrong_password_is_hashed_once_not_again_by_model_backend(users):
    with mock.patch.object(User, "check_password", autospec=True, return_value=False) as check:
        assert authenticate(RequestFactory().post("/accounts/login/"), username="chair", password="wrong") is None
    assert check.call_count == 1


def test_a_session_opened_through_model_backend_stays_logged_in(client, users):
    client.force_login(users["member"], backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/").wsgi_request.user == users["member"]


def test_a_deactivated_login_loses_its_session(client, users):
    client.force_login(users["member"])
    User.objects.filter(pk=users["member"].pk).update(is_active=False)
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_the_user_and_member_are_read_as_select_related_reads_them(users):
    expected = User.objects.select_related("member").get(pk=users["chair"].pk)
    chair = RulesOnlyBackend().get_user(users["chair"].pk)
    for model, ours, theirs in ((User, chair, expected), (type(expected.member), chair.member, expected.member)):
        for field in model._meta.concrete_fields:
            assert getattr(ours, field.attname) == getattr(theirs, field.attname), field.name
    assert chair.member.user is chair and not chair._state.adding and chair._state.db == "default"
    assert RulesOnlyBackend().get_user(987654) is None
