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
