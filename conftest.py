"""Fixtures every test can use: one user per role, and a logged-in client for each."""

import importlib
import os

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from simple_history.utils import bulk_create_with_history

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
    """For tests that ask for the database by fixture or by the ``django_db`` mark alone (``pytestmark``)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marker is not None and marker.kwargs.get("transaction", False)
    )
    if not transactional and "db" not in request.fixturenames and marker is None:
        return
    request.getfixturevalue("transactional_db" if transactional else "db")
    seed_what_the_migrations_seed()


def seed_what_the_migrations_seed():
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


def make_users(people):
    """Users with their member records and roles, from (username, roles, member fields): the rows
    ``create_user``, ``groups.add`` and ``Member.objects.create`` write (history included), in five bulk
    queries, as 3,000 tests make eight users each."""
    codes = {Role.MEMBER, *(code for _, roles, _ in people for code in roles)}
    groups = {group.name: group for group in Group.objects.filter(name__in=codes)}
    for code in codes - groups.keys():
        groups[code] = Group.objects.create(name=code)
    password = make_password("union2026")
    accounts = User.objects.bulk_create(User(username=username, password=password) for username, _, _ in people)
    User.groups.through.objects.bulk_create(
        User.groups.through(user=user, group=groups[code])
        for user, (_, roles, _) in zip(accounts, people, strict=True)
        for code in {Role.MEMBER, *roles}
    )
    members = []
    for user, (username, _, fields) in zip(accounts, people, strict=True):
        member = Member(
            user=user, **{"name": username, "gender": Member.Gender.FEMALE, "is_union_member": True, **fields}
        )
        member.fill_derived_fields()
        members.append(member)
    bulk_create_with_history(members, Member)
    return accounts


@pytest.fixture
def make_user(db):
    def make(username, roles=(), **member_fields):
        return make_users([(username, roles, member_fields)])[0]

    return make


@pytest.fixture
def users(db):
    """One user per role, named after it; the member role is held by everyone."""
    return make_role_users()


def make_role_users():
    return dict(zip(ROLES, make_users([(code, [code], {}) for code in ROLES]), strict=True))


@pytest.fixture
def client_as(client, users):
    def login(role):
        if role != "anonymous":
            client.force_login(users[role])
        return client

    return login
