"""unionportal/compiled.py: the SQL of every page's per-user queries is built once and run with each user's id."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from unionportal.compiled import compiled_once, compiled_per_arguments, compiled_together
from unionportal.notices import Notice, notify, unread_count
from unionportal.roles import roles_of

pytestmark = pytest.mark.django_db


def test_each_user_reads_her_own_roles_through_the_sql_built_once(users):
    assert roles_of(User.objects.get(pk=users["chair"].pk)) == {"chair", "member"}
    assert roles_of(User.objects.get(pk=users["auditor"].pk)) == {"auditor", "member"}


def test_the_unread_count_is_each_users_own_and_leaves_out_what_she_read(users):
    notify([users["member"], users["member"], users["chair"]], text="请签阅")
    notify(users["member"], text="已读的通知")
    Notice.objects.filter(text="已读的通知").update(read_at="2026-01-01T00:00:00Z")
    assert unread_count(users["member"]) == 1
    assert unread_count(users["chair"]) == 1
    assert unread_count(users["staff"]) == 0


def test_a_query_that_does_not_take_the_id_as_a_parameter_is_refused(users):
    @compiled_once
    def everyone(user_id):
        return User.objects.values_list("pk")

    with pytest.raises(ValueError):
        everyone(users["chair"].pk)


def test_a_fixed_value_gets_its_own_sql(users):
    @compiled_once
    def named(user_id, username):
        return User.objects.filter(pk=user_id, username=username).values_list("username")

    assert named(users["chair"].pk, "chair") == [("chair",)]
    assert named(users["chair"].pk, "staff") == []
    assert named(users["staff"].pk, "staff") == [("staff",)]


def test_sql_built_per_arguments_is_built_once_for_each_and_reads_the_rows_afresh(users):
    built = []

    def usernames(prefix):
        built.append(prefix)
        return User.objects.filter(username__startswith=prefix).order_by("username").values_list("username")

    rows = compiled_per_arguments(usernames)
    assert rows("ch") == [("chair",)]
    User.objects.create_user("chief")
    assert rows("ch") == [("chair",), ("chief",)]
    assert rows("st") == [("staff",)]
    assert built == ["ch", "st"]


def test_sql_built_per_arguments_gives_the_columns_as_the_orm_does(users):
    from welfare.models import Payment
    from welfare.tests.factories import make_member

    member = make_member("领款人")
    Payment.objects.create(member=member, amount="1234.50", paid_on="2026-03-04", recorded_by=users["chair"])

    def payments(year):
        return Payment.objects.filter(paid_on__year=year).values_list("paid_on", "amount", "member__name")

    assert compiled_per_arguments(payments)(2026) == list(payments(2026))
    assert compiled_per_arguments(payments)(2025) == []


def _payments_and_users(year):
    from welfare.models import Payment

    return (
        Payment.objects.filter(paid_on__year=year).order_by("-amount").values_list("paid_on", "amount", "member__name"),
        User.objects.order_by("-username").values_list("username", "is_staff"),
        User.objects.filter(username="nobody").values_list("pk"),
    )


def test_queries_read_together_give_each_its_rows_in_its_order_and_columns_as_the_orm_does(users):
    from welfare.models import Payment
    from welfare.tests.factories import make_member

    member = make_member("领款人")
    for amount, day in (("20.50", "2026-03-04"), ("1234.50", "2026-05-06"), ("300", "2026-01-02")):
        Payment.objects.create(member=member, amount=amount, paid_on=day, recorded_by=users["chair"])

    with CaptureQueriesContext(connection) as queries:
        together = compiled_together(_payments_and_users)(2026)
    assert together == [list(queryset) for queryset in _payments_and_users(2026)]
    assert [amount for _day, amount, _name in together[0]] == [Decimal("1234.50"), Decimal("300.00"), Decimal("20.50")]
    assert len(queries) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statements are prepared on PostgreSQL")
def test_the_statement_read_together_is_prepared_once_per_session_and_outlives_a_rollback(users):
    rows = compiled_together(_payments_and_users)
    with CaptureQueriesContext(connection) as first:
        with transaction.atomic():
            rows(2031)  # a year no other test reads, so this session has not prepared its statement
            transaction.set_rollback(True)
    with CaptureQueriesContext(connection) as second:
        usernames = rows(2031)[1]
    assert usernames == list(_payments_and_users(2031)[1])
    assert [query["sql"].split()[0] for query in first if "compiled_" in query["sql"]] == ["PREPARE"]
    assert [query["sql"].split()[0] for query in second] == ["EXECUTE"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statements are prepared on PostgreSQL")
def test_a_statement_that_failed_once_its_prepare_took_effect_is_prepared_afresh(users):
    rows = compiled_together(_payments_and_users)

    def fail_after_running(execute, sql, params, many, context):
        execute(sql, params, many, context)
        raise DatabaseError("the connection dropped the answer")

    with connection.execute_wrapper(fail_after_running), pytest.raises(DatabaseError):
        rows(2032)  # a year no other test reads
    with CaptureQueriesContext(connection) as queries:
        usernames = rows(2032)[1]
    assert usernames == list(_payments_and_users(2032)[1])
    assert queries[0]["sql"].startswith("DEALLOCATE ALL; PREPARE ")
