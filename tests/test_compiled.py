"""unionportal/compiled.py: the SQL of every page's per-user queries is built once and run with each user's id."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import DatabaseError, DataError, connection, transaction
from django.test.utils import CaptureQueriesContext

from unionportal.compiled import (
    ID_MARK,
    compiled_once,
    compiled_per_arguments,
    compiled_together,
    compiled_with_marks,
    execute_prepared,
)
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


def test_sql_built_with_marks_runs_with_each_requests_values_in_their_places(users):
    built, name_mark = [], "\x00name"

    def named(active_only):
        built.append(active_only)
        found = User.objects.filter(pk__gt=ID_MARK, username=name_mark).values_list("username", "is_active")
        return found.filter(is_active=True) if active_only else found

    rows = compiled_with_marks(named, (ID_MARK, name_mark))
    assert rows((0, "chair"), False) == [("chair", True)]
    assert rows((users["chair"].pk, "chair"), False) == []  # the id took its mark's place too
    User.objects.filter(username="staff").update(is_active=False)
    assert rows((0, "staff"), True) == [] and rows((0, "staff"), False) == [("staff", False)]
    assert built == [False, True]


def test_sql_built_per_arguments_gives_the_columns_as_the_orm_does(users):
    from welfare.models import Payment
    from welfare.tests.factories import make_member

    member = make_member("领款人")
    Payment.objects.create(member=member, amount="1234.50", paid_on="2026-03-04", recorded_by=users["chair"])

    def payments(year):
        return Payment.objects.filter(paid_on__year=year).values_list("paid_on", "amount", "member__name")

    assert compiled_per_arguments(payments)(2026) == list(payments(2026))
    assert compiled_per_arguments(payments)(2025) == []


def _run_prepared(sql, params, **options):
    with CaptureQueriesContext(connection) as queries, connection.cursor() as cursor:
        execute_prepared(cursor, sql, params, **options)
        rows = cursor.fetchall()
    assert len(queries) == 1
    return rows, queries[0]["sql"]


class StartsWith(str):
    def __eq__(self, other):
        return other.startswith(self)

    __hash__ = str.__hash__


PERCENT_AND_NAME = "SELECT '100%%', username FROM auth_user WHERE username = %s OR username = %s ORDER BY 2"


@pytest.mark.parametrize("fixed_values", [False, True])
def test_a_prepared_statement_answers_as_the_sql_does_run_after_run(users, fixed_values):
    with connection.cursor() as cursor:
        cursor.execute(PERCENT_AND_NAME, ["chair", "staff"])
        expected = cursor.fetchall()
    assert expected == [("100%", "chair"), ("100%", "staff")]
    for _ in range(8):  # past the five runs PostgreSQL would plan for their values before keeping one plan
        assert _run_prepared(PERCENT_AND_NAME, ["chair", "staff"], fixed_values=fixed_values)[0] == expected
    if not fixed_values:
        assert _run_prepared(PERCENT_AND_NAME, ["member", "nobody"])[0] == [("100%", "member")]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statements are prepared on PostgreSQL only")
@pytest.mark.django_db(transaction=True)  # the connection is closed within the test
def test_a_statement_is_prepared_once_per_connection_in_the_round_trip_of_its_first_run():
    sql = "SELECT %s || 'x'"
    assert _run_prepared(sql, ["a"]) == ([("ax",)], StartsWith("PREPARE "))
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        assert _run_prepared(sql, ["b"]) == ([("bx",)], StartsWith("EXECUTE "))
        1 / 0  # noqa: B018
    # the statement outlives the transaction rolled back around it
    assert _run_prepared(sql, ["c"]) == ([("cx",)], StartsWith("EXECUTE "))
    connection.close()
    assert _run_prepared(sql, ["d"]) == ([("dx",)], StartsWith("PREPARE "))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statements are prepared on PostgreSQL only")
@pytest.mark.django_db(transaction=True)  # the statements are dropped behind Django's back
def test_a_statement_that_failed_or_was_dropped_is_prepared_again():
    sql = "SELECT 10 / %s"
    with pytest.raises(DataError):
        _run_prepared(sql, [0])  # its PREPARE took, its EXECUTE failed
    assert _run_prepared(sql, [2]) == ([(5,)], StartsWith("DEALLOCATE ALL; PREPARE "))
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")  # as a connection pooler may
    with pytest.raises(DatabaseError):
        _run_prepared(sql, [5])
    assert _run_prepared(sql, [5]) == ([(2,)], StartsWith("DEALLOCATE ALL; PREPARE "))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statements are prepared on PostgreSQL only")
def test_fixed_values_are_written_into_the_statement(users):
    rows, first = _run_prepared("SELECT username FROM auth_user WHERE username = %s", ["chair"], fixed_values=True)
    name = first.split()[1]
    assert rows == [("chair",)] and first.endswith(f"username = 'chair'; EXECUTE {name}")


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


def test_a_row_read_by_its_key_is_the_orms_row_and_none_without_one(users):
    from unionportal.compiled import compiled_row

    def account(user_id):
        return User.objects.filter(pk=user_id).values_list("username", "is_active", "date_joined")

    read = compiled_row(account)
    assert read(users["chair"].pk) == account(users["chair"].pk).get()
    assert read(users["staff"].pk) == account(users["staff"].pk).get()
    assert read(987654) is None
    with pytest.raises(ValueError, match="the key alone"):
        compiled_row(lambda user_id: User.objects.filter(pk=user_id, username="chair").values_list("pk"))(1)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statements are prepared on PostgreSQL only")
def test_a_prepared_statement_keeps_one_plan_from_its_first_run(users):
    sql = "SELECT username FROM auth_user WHERE username = %s"
    for name in ["chair", "staff", "member"]:
        assert _run_prepared(sql, [name])[0] == [(name,)]
    with connection.cursor() as cursor:
        statements = "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE %s"
        cursor.execute(statements, ["%FROM auth_user WHERE username = $1%"])
        assert cursor.fetchall() == [(3, 0)]
