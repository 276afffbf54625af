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

from django.db import DatabaseError, connection

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


def compiled_per_arguments(build):
    """``rows = compiled_per_arguments(build)``: ``rows(*args)`` is ``list(build(*args))`` for a ``values_list()``
    queryset whose parameters all follow from ``args`` (a day, a year), with the SQL the ORM built kept per
    database vendor and ``args``: for a page's reads that change with the date, built once a day and read on
    every request. The columns are converted as the ORM converts them (SQLite's dates and decimals)."""

    @functools.lru_cache(maxsize=32)
    def compiled(vendor, *args):
        compiler = build(*args).query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        return sql, tuple(params), [column for column, _sql, _alias in compiler.select[: compiler.col_count]]

    def rows(*args):
        sql, params, columns = compiled(connection.vendor, *args)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        converters = [
            (at, column, found)
            for at, column in enumerate(columns)
            if (found := connection.ops.get_db_converters(column) + column.get_db_converters(connection))
        ]
        return [_converted(row, converters) for row in fetched] if converters else fetched

    return rows


def _converted(row, converters):
    row = list(row)
    for at, column, functions in converters:
        for function in functions:
            row[at] = function(row[at], column, connection)
    return tuple(row)


def execute_prepared(cursor, sql, params, *, fixed_values=False):
    """``cursor.execute(sql, params)`` for SQL kept for the life of the process and run on many requests. On
    PostgreSQL it runs as a statement prepared once per connection, whose plan PostgreSQL keeps after a few runs
    (when it does not depend on the values) instead of planning the SQL again every time: the page shell's
    subqueries took 0.6 ms to plan and 0.07 ms to run. ``fixed_values``: ``params`` are the same on every run,
    so they are written into the statement, which is then planned once (PostgreSQL went on planning the board's
    years for each run of their values). The PREPARE goes in the same round trip as the first EXECUTE, so a page
    sends as many statements as before; a prepared statement outlives a rolled-back transaction, and a new
    connection prepares its own."""
    if connection.vendor != "postgresql":
        cursor.execute(sql, params)
        return
    if fixed_values:
        sql, params = _values_written_in(sql, tuple(params)), ()
    kept = _kept_on_this_connection()
    name = f"{_statement_name(sql)}_{kept.failures}"
    execute = f"EXECUTE {name} ({', '.join(['%s'] * len(params))})" if params else f"EXECUTE {name}"
    try:
        if name in kept.prepared:
            cursor.execute(execute, params)
            return
        PREPARED[name] = sql
        numbers = itertools.count(1)
        # Django's %s become PostgreSQL's $1, $2 …; a literal %% stays escaped for the driver, which fills the EXECUTE
        statement = _PARAMETER_OR_PERCENT.sub(lambda found: f"${next(numbers)}" if found[0] == "%s" else "%%", sql)
        cursor.execute(f"PREPARE {name} AS {statement}; {execute}", params)
    except DatabaseError:
        # whether the PREPARE took (it outlives an EXECUTE that failed) or a statement was dropped is unknown:
        # statements are prepared again under new names on this connection
        kept.failures += 1
        kept.prepared.clear()
        raise
    kept.prepared.add(name)


@functools.lru_cache(maxsize=32)
def _values_written_in(sql, params):
    return connection.ops.compose_sql(sql, params).replace("%", "%%")


def _statement_name(sql):
    return f"kept_{hashlib.blake2b(sql.encode(), digest_size=8).hexdigest()}"


class _Kept:
    def __init__(self, opened):
        self.opened, self.prepared, self.failures = opened, set(), 0


def _kept_on_this_connection():
    """What is prepared on the database connection now open (the driver's connection: a new one has nothing)."""
    kept = getattr(connection, "_prepared_statements", None)
    if kept is None or kept.opened is not connection.connection:
        kept = connection._prepared_statements = _Kept(connection.connection)
    return kept
