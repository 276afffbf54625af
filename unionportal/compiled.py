"""Queries every page runs, built by the ORM once per process instead of once per request.

Building a query's SQL costs the ORM several times the CPU that sending it and reading the answer does; for the
few queries of every page (the user's roles, her unread notices) whose SQL differs only in the user's id, that
was most of their cost. ``compiled_once(build)`` keeps the SQL ``build(user_id, *fixed)`` makes, per ``fixed``,
and runs it with each user's id in place of the one it was built with. The SQL is kept per database vendor,
whose dialects differ.
"""

import functools
import hashlib
import itertools
import re
import weakref

from django.db import connection
from django.db.backends.signals import connection_created
from django.dispatch import receiver

ID_MARK = -7_301_917  # stands in for the id while the SQL is built; no row has it
_PARAMETER_OR_PERCENT = re.compile(r"%s|%%")
PREPARED: dict[str, str] = {}  # a prepared statement's name: the SQL it was prepared from


def sql_with_id_mark(queryset, what):
    """``queryset``'s SQL and parameters, checked to take the id (built as ``ID_MARK``) as a parameter."""
    sql, params = queryset.query.sql_with_params()
    if ID_MARK not in params:
        raise ValueError(f"{what} does not pass its id into the SQL as a parameter")
    return sql, tuple(params)


def with_id(params, id_):
    return [id_ if param == ID_MARK else param for param in params]


def compiled_once(build):
    @functools.lru_cache(maxsize=32)
    def sql_and_params(vendor, *fixed):
        return sql_with_id_mark(build(ID_MARK, *fixed), build.__qualname__)

    def rows(id_, *fixed):
        sql, params = sql_and_params(connection.vendor, *fixed)
        with connection.cursor() as cursor:
            cursor.execute(sql, with_id(params, id_))
            return cursor.fetchall()

    return rows


def compiled_row(build, mark=ID_MARK):
    """``read = compiled_row(build)``: ``read(key)`` is the one row, or None, of ``build(key)``, a ``values_list()``
    queryset whose only parameter is the key: through the SQL the ORM builds once per database vendor with ``mark``
    in the key's place, prepared on PostgreSQL, its columns converted as the ORM converts them. For what every request
    reads by a key (its session, its signed-in user), where building the query cost more CPU than the rest of the
    read."""

    @functools.lru_cache(maxsize=4)
    def compiled(vendor):
        sql, params, columns = _compiled(build(mark))
        if params != (mark,):
            raise ValueError(f"{build.__qualname__} must pass the key, and the key alone, into the SQL as a parameter")
        return sql, columns

    def read(key):
        sql, columns = compiled(connection.vendor)
        with connection.cursor() as cursor:
            execute_prepared(cursor, sql, (key,))
            row = cursor.fetchone()
        return None if row is None else converted([row], columns)[0]

    return read


def compiled_per_arguments(build):
    """``rows = compiled_per_arguments(build)``: ``rows(*args)`` is ``list(build(*args))`` for a ``values_list()``
    queryset whose parameters all follow from ``args`` (a day, a year), with the SQL the ORM built kept per
    database vendor and ``args``: for a page's reads that change with the date, built once a day and read on
    every request. The columns are converted as the ORM converts them (SQLite's dates and decimals)."""
    rows = compiled_with_marks(build, ())
    return lambda *args: rows((), *args)


def compiled_with_marks(build, marks):
    """``rows = compiled_with_marks(build, marks)``: ``rows(values, *args)`` is ``list(build(*args))`` for a
    ``values_list()`` queryset that ``build`` makes with ``marks`` (stand-ins no row holds: an id, a text) where
    each of ``values`` goes, as parameters: the SQL the ORM builds once per database vendor and ``args`` (a few
    settings, a page's offset), run with ``values`` in their marks' places. For a list whose SQL changes with little
    but whose values change with every request; the columns are converted as the ORM converts them."""

    @functools.lru_cache(maxsize=64)
    def compiled(vendor, *args):
        return _compiled(build(*args))

    def rows(values, *args):
        sql, params, columns = compiled(connection.vendor, *args)
        stand_ins = list(zip(marks, values, strict=True))
        given = [next((value for mark, value in stand_ins if _same(param, mark)), param) for param in params]
        return converted(_fetched(sql, given), columns)

    return rows


def _same(param, mark):
    return type(param) is type(mark) and param == mark


def compiled_together(build):
    """``rows = compiled_together(build)``: ``rows(*args)`` is ``[list(queryset) for queryset in build(*args)]`` for
    ``values_list()`` querysets, as ``compiled_per_arguments`` reads each, but in one statement: for a page whose
    small reads cost more in round trips than PostgreSQL takes to answer them. Each query is a CTE; the statement is
    their rows one after the other (UNION ALL), each row led by its query's number and holding its values in columns
    of their own, the other queries' columns NULL cast to their types (PostgreSQL matches a UNION's columns by type).
    Nothing orders the whole, so each query's rows come in its own order: PostgreSQL appends the parts as they come
    and SQLite keeps a FROM subquery's ORDER BY when the outer query has none and joins nothing. On PostgreSQL the
    statement is prepared with its values written in (``execute_prepared``)."""

    @functools.lru_cache(maxsize=32)
    def compiled(vendor, *args):
        parts = [_compiled(queryset) for queryset in build(*args)]
        quote = connection.ops.quote_name
        names = [[quote(f"p{at}_{index}") for index in range(len(columns))] for at, (*_, columns) in enumerate(parts)]
        nulls = [
            [f"CAST(NULL AS {column.output_field.cast_db_type(connection)})" for column in columns]
            for *_, columns in parts
        ]
        ctes = ", ".join(
            f"{quote(f'p{at}')}({', '.join(names[at])}) AS ({sql})" for at, (sql, _params, _columns) in enumerate(parts)
        )
        selects = " UNION ALL ".join(
            f"SELECT {at}, "
            + ", ".join(value for other in range(len(parts)) for value in (names if other == at else nulls)[other])
            + f" FROM {quote(f'p{at}')}"
            for at in range(len(parts))
        )
        sql = f"WITH {ctes} {selects}"
        params = tuple(param for _sql, part_params, _columns in parts for param in part_params)
        columns = [columns for *_, columns in parts]
        return sql, params, columns, [1 + sum(map(len, columns[:at])) for at in range(len(columns))]

    def rows(*args):
        sql, params, columns, starts = compiled(connection.vendor, *args)
        found = [[] for _ in columns]
        with connection.cursor() as cursor:
            execute_prepared(cursor, sql, params, fixed_values=True)
            fetched = cursor.fetchall()
        for row in fetched:
            at = row[0]
            found[at].append(row[starts[at] : starts[at] + len(columns[at])])
        return [converted(part, part_columns) for part, part_columns in zip(found, columns, strict=True)]

    return rows


def _compiled(queryset):
    """A ``values_list()`` queryset's SQL, parameters and the columns it selects."""
    compiler = queryset.query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    return sql, tuple(params), [column for column, _sql, _alias in compiler.select[: compiler.col_count]]


def _fetched(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# the names prepared on each PostgreSQL session (by its driver's connection), which they last as long as; None while
# a statement runs, and after it failed: whether its PREPARE took effect is not known
_PREPARED = weakref.WeakKeyDictionary()


@receiver(connection_created)
def keep_one_plan(sender, connection, **kwargs):
    """The statements prepared here look rows up by key, and no value changes their best plan; left to choose,
    PostgreSQL plans the first five runs on each connection for their values (the page's shell about 1 ms each)
    before it keeps one plan. The ORM's own queries are not prepared and are planned as before. Set per session
    rather than in the connection's options, which a pooler may not pass on."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET plan_cache_mode = force_generic_plan")


def execute_prepared(cursor, sql, params, *, fixed_values=False):
    """``cursor.execute(sql, params)`` for SQL kept for the life of the process and run on many requests. On
    PostgreSQL it runs as a statement prepared once per database session and then executed by name, whose plan
    PostgreSQL keeps from its first run (``keep_one_plan``) instead of planning the SQL again
    every time: the page shell's subqueries took 0.6 ms to plan and 0.07 ms to run. ``fixed_values``: ``params``
    are the same on every run, so they are written into the statement, which is then planned once (PostgreSQL went
    on planning the board's years for each run of their values). The PREPARE goes in the same round trip as the
    first EXECUTE, so a page sends as many statements as before. A prepared statement outlives a rolled-back
    transaction; it ends with the session (CONN_MAX_AGE), so those of past days do not pile up."""
    if connection.vendor != "postgresql":
        cursor.execute(sql, params)
        return
    if fixed_values:
        sql, params = _values_written_in(sql, tuple(params)), ()
    name = _name_of(sql)
    execute = f"EXECUTE {name} ({', '.join(['%s'] * len(params))})" if params else f"EXECUTE {name}"
    session = connection.connection
    prepared = _PREPARED.get(session, set())
    if prepared is not None and name in prepared:
        sent = execute
    else:
        PREPARED[name] = sql
        numbers = itertools.count(1)
        # Django's %s become PostgreSQL's $1, $2 …; a literal %% stays escaped for the driver, which fills the EXECUTE
        statement = _PARAMETER_OR_PERCENT.sub(lambda found: f"${next(numbers)}" if found[0] == "%s" else "%%", sql)
        sent = f"PREPARE {name} AS {statement}; {execute}"
        if prepared is None:  # after a failure: start afresh, whatever it left prepared
            sent, prepared = f"DEALLOCATE ALL; {sent}", set()
    _PREPARED[session] = None
    cursor.execute(sent, params)
    prepared.add(name)
    _PREPARED[session] = prepared


@functools.lru_cache(maxsize=32)
def _values_written_in(sql, params):
    return connection.ops.compose_sql(sql, params).replace("%", "%%")


@functools.lru_cache(maxsize=64)
def _name_of(statement):
    return f"compiled_{hashlib.sha256(statement.encode()).hexdigest()[:24]}"


def converted(fetched, columns, database=connection):
    """``fetched`` with its columns converted as the ORM converts them, on ``database``."""
    converters = [
        (at, column, found)
        for at, column in enumerate(columns)
        if (found := database.ops.get_db_converters(column) + column.get_db_converters(database))
    ]
    return [_converted_row(row, converters, database) for row in fetched] if converters else list(fetched)


def _converted_row(row, converters, database):
    row = list(row)
    for at, column, functions in converters:
        for function in functions:
            row[at] = function(row[at], column, database)
    return tuple(row)
