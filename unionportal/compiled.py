"""Queries every page runs, built by the ORM once per process instead of once per request.

Building a query's SQL costs the ORM several times the CPU that sending it and reading the answer does; for the
few queries of every page (the user's roles, her unread notices) whose SQL differs only in the user's id, that
was most of their cost. ``compiled_once(build)`` keeps the SQL ``build(user_id, *fixed)`` makes, per ``fixed``,
and runs it with each user's id in place of the one it was built with. The SQL is kept per database vendor,
whose dialects differ.
"""

import functools

from django.db import connection

ID_MARK = -7_301_917  # stands in for the id while the SQL is built; no row has it


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
