"""Fixtures every test can use: one user per role, and a logged-in client for each."""

import importlib
import os

import pytest
from django.contrib.auth.models import Group, User

from members.models import Member
from unionportal.roles import Role

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# refuses to run beside one unless told that this thread is not async.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROLES = [role.value for role in Role]

# Rows the migrations seed: a live-server test flushes the database when it ends, and the tests after it on
# the same process would otherwise meet a database no installation ever has (no role groups, no occasions).
SEEDED_BY_MIGRATIONS = [
    ("unionportal.migrations.0002_role_groups", "create_role_groups"),
    ("unionportal.migrations.0003_accountant_role", "create_accountant_group"),
    ("welfare.migrations.0002_default_occasions", "add_occasions"),
    ("welfare.migrations.0006_care_tasks", "mark_life_events"),
    ("funds.migrations.0002_default_chart", "load_chart"),
]


@pytest.fixture(autouse=True)
def _rows_the_migrations_seed(request):
    transactional = {"transactional_db", "live_server"} & set(request.fixturenames)
    if not transactional and "db" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db" if transactional else "db")
    if Group.objects.filter(name=Role.MEMBER).exists():
        return
    from django.apps import apps

    for module, function in SEEDED_BY_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)


@pytest.fixture(autouse=True)
def _language_of_the_site():
    """Each test starts in the site's language: a request through LocaleMiddleware leaves the language it chose
    active in the thread (an English page then would make the next test's messages English)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


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
