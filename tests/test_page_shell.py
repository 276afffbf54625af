"""unionportal/page_shell.py: what every page shows of the union and of the person asking is one query, and
answers as the reads it replaces do."""

import contextlib
import datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from members.committees import holds_seat_in_office
from members.models import Committee, CommitteeSeat, CommitteeTerm
from unionportal import compiled, page_shell
from unionportal.models import UnionKind, UnionProfile
from unionportal.notices import mark_read, notify, unread_count
from unionportal.roles import roles_of
from unionportal.vocabulary import union_kind_known, union_profile

pytestmark = pytest.mark.django_db


def seat(user, kind=Committee.Kind.PROPOSALS):
    committee = Committee.objects.create(name=str(Committee.Kind(kind).label), kind=kind)
    starts_on = timezone.localdate() - datetime.timedelta(days=30)
    term = CommitteeTerm.objects.create(committee=committee, number=1, starts_on=starts_on)
    CommitteeSeat.objects.create(term=term, member=user.member, post="主任")


@contextlib.contextmanager
def request_by(user):
    """A request whose ``request.user`` is ``user``, loaded afresh as the next request would."""
    request = RequestFactory().get("/")
    request.user = SimpleLazyObject(lambda: User.objects.get(pk=user.pk))
    with union_kind_known(request):
        yield request


def spelled_out(sql):
    """What a statement runs: for the EXECUTE of a statement prepared on PostgreSQL, the SQL it was prepared from."""
    return compiled.PREPARED[sql.split()[1]] if sql.startswith("EXECUTE ") else sql


def test_a_page_reads_the_profile_and_the_members_roles_notices_and_seat_in_one_query(client, users):
    seat(users["member"])
    notify([users["member"]], text="请签阅")
    client.force_login(users["member"])
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        content = client.get("/disclosure/").content.decode()
    statements = [spelled_out(query["sql"]) for query in queries]
    shell = [sql for sql in statements if "unionportal_unionprofile" in sql]
    assert len(shell) == 1
    assert all(table in shell[0] for table in ("auth_user_groups", "unionportal_notice", "members_committeeseat"))
    assert not [sql for sql in statements if "auth_user_groups" in sql and sql != shell[0]]
    assert 'data-testid="unread-count">1</span>' in content


@pytest.mark.parametrize("role", ["chair", "member", "delegate"])
def test_the_shell_answers_as_each_read_alone(users, role):
    seat(users["delegate"])
    seat(users["chair"], Committee.Kind.DISCLOSURE)
    notify([users["member"], users["member"], users["chair"]], text="请签阅")
    alone = User.objects.get(pk=users[role].pk)
    with request_by(users[role]) as request:
        assert roles_of(request.user) == roles_of(alone) != set()
        assert unread_count(request.user) == unread_count(alone)
        for kind in (Committee.Kind.PROPOSALS, Committee.Kind.DISCLOSURE):
            held = page_shell.value_for(request.user, f"seat_{kind}")
            assert (None if held is None else bool(held)) == holds_seat_in_office(kind, alone.member)
        assert union_profile().name == UnionProfile.load().name


def test_the_profile_read_with_the_shell_converts_its_columns_and_stands_in_before_one_is_saved(users):
    UnionProfile.objects.all().delete()
    with request_by(users["chair"]) as request:
        roles_of(request.user)
        assert union_profile().name == UnionProfile.placeholder().name
        assert union_profile().kind == UnionKind.SCHOOL
    UnionProfile(name="红旗机械厂工会", kind=UnionKind.ENTERPRISE, collective_contracts=True).save()
    with request_by(users["chair"]) as request:
        roles_of(request.user)
        assert union_profile().collective_contracts is True and union_profile().retirees_pay_dues is False
        assert union_profile().kind == UnionKind.ENTERPRISE


def test_a_notice_sent_or_read_within_the_request_is_counted_again(users):
    with request_by(users["member"]) as request:
        assert unread_count(request.user) == 0
        notify([users["member"]], text="请签阅")
        assert unread_count(request.user) == 1
        mark_read(user=request.user)
        assert unread_count(request.user) == 0


def test_only_the_person_asking_is_read_with_the_shell(users, django_assert_num_queries):
    with request_by(users["chair"]) as request:
        roles_of(request.user)
        other = User.objects.get(pk=users["member"].pk)
        assert page_shell.value_for(other, "roles") is page_shell.NOT_READ
        with CaptureQueriesContext(connection) as queries:
            assert roles_of(other) == {"member"}
        assert len(queries) == 1 and "unionportal_unionprofile" not in queries[0]["sql"]


def test_a_write_checks_the_roles_alone_and_reads_the_shell_only_if_it_draws_the_page(users):
    notify([users["member"]], text="请签阅")
    request = RequestFactory().post("/")
    request.user = SimpleLazyObject(lambda: User.objects.get(pk=users["member"].pk))
    with union_kind_known(request), CaptureQueriesContext(connection) as queries:
        assert roles_of(request.user) == {"member"}
        assert len(queries) == 2 and "unionportal_unionprofile" not in queries[1]["sql"]  # the user, her roles
        assert unread_count(request.user) == 1  # a form shown again with its errors draws the menu
        assert len(queries) == 3 and "unionportal_unionprofile" in spelled_out(queries[2]["sql"])
