"""Login throttling (django-axes) at its boundary: four failures do not lock, the fifth does, the lock
holds for a fresh browser from the same address; failures and logins are recorded."""

import pytest
from axes.models import AccessAttempt, AccessLog
from django.test import Client

pytestmark = pytest.mark.django_db


def fail(client, times, username="member"):
    for _ in range(times):
        client.post("/accounts/login/", {"username": username, "password": "wrong"})


def test_four_failures_still_let_the_right_password_in(client, users):
    fail(client, 4)
    assert client.post("/accounts/login/", {"username": "member", "password": "union2026"}).status_code == 302
    assert AccessLog.objects.filter(username="member").exists()  # successful logins are logged too


def test_the_fifth_failure_locks_even_a_fresh_browser_from_the_same_address(users):
    fail(Client(), 5)
    response = Client().post("/accounts/login/", {"username": "member", "password": "union2026"})
    assert response.status_code == 429
    assert "登录已暂停" in response.content.decode()
    assert AccessAttempt.objects.get(username="member").failures_since_start >= 5  # the refused try counts too


def test_an_unknown_username_is_throttled_the_same_way(users):
    fail(Client(), 5, username="nobody")
    assert Client().post("/accounts/login/", {"username": "nobody", "password": "x"}).status_code == 429


def test_a_login_name_longer_than_the_lockout_table_is_refused_in_chinese(users):
    response = Client().post("/accounts/login/", {"username": "x" * 10_000, "password": "wrong"})
    assert response.status_code == 200
    assert "用户名不能超过150字（现在10000字）" in response.content.decode()
    assert not AccessAttempt.objects.exists()  # PostgreSQL refuses a name over 255 characters there


def test_behind_a_trusted_proxy_a_guesser_locks_only_their_own_address(users, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    guesser = Client(HTTP_X_FORWARDED_FOR="203.0.113.66")
    fail(guesser, 5)
    colleague = Client(HTTP_X_FORWARDED_FOR="203.0.113.7")  # same proxy, so the same REMOTE_ADDR
    assert colleague.post("/accounts/login/", {"username": "member", "password": "union2026"}).status_code == 302
    assert guesser.post("/accounts/login/", {"username": "member", "password": "union2026"}).status_code == 429


def test_a_forged_forwarded_address_from_outside_the_proxy_is_not_believed(users, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # the client wrote its own header; our proxy appended the address it really saw
    fail(Client(HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.66"), 5)
    assert AccessAttempt.objects.get().ip_address == "203.0.113.66"


def test_one_address_guessing_across_many_accounts_is_throttled(users, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 6
    for number in range(6):
        fail(Client(), 1, username=f"teacher{number}")  # one guess per account never trips a per-account lock
    response = Client().post("/accounts/login/", {"username": "member", "password": "union2026"})
    assert response.status_code == 429


def test_an_idle_session_ends_after_the_configured_time(client, users, settings):
    settings.SESSION_IDLE_TIMEOUT = 60 * 60
    client.force_login(users["member"])
    assert client.get("/").status_code == 200
    session = client.session
    session["last_seen"] -= 60 * 60 + 1
    session.save()
    assert client.get("/").url == "/accounts/login/?next=/"


def test_a_session_in_use_stays_open(client, users, settings):
    settings.SESSION_IDLE_TIMEOUT = 60 * 60
    client.force_login(users["member"])
    session = client.session
    session["last_seen"] -= 60 * 59
    session.save()
    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 200  # the first page moved the mark on
