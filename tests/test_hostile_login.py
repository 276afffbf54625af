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
