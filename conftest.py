"""Fixtures every test can use: one user per role, and a logged-in client for each."""

import os

import pytest
from django.contrib.auth.models import Group, User

from members.models import Member
from unionportal.roles import Role

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# refuses to run beside one unless told that this thread is not async.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROLES = [role.value for role in Role]


@pytest.fixture
def make_user(db):
    def make(username, roles=(), **member_fields):
        user = User.objects.create_user(username=username, password="union2026")
        user.groups.set([Group.objects.get_or_create(name=code)[0] for code in {Role.MEMBER, *roles}])
        member_fields.setdefault("name", username)
        member_fields.setdefault("gender", Member.Gender.FEMALE)
        member_fields.setdefault("is_union_member", True)
        Member.objects.create(user=user, **member_fields)
        return user

    return make


@pytest.fixture
def users(make_user):
    """One user per role, named after it; the member role is held by everyone."""
    return {code: make_user(code, [code]) for code in ROLES}


@pytest.fixture
def client_as(client, users):
    def login(role):
        if role != "anonymous":
            client.force_login(users[role])
        return client

    return login
