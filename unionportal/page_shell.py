"""What every page shows of the union and of the person asking, read in one query per request.

Every page read the union's profile, the user's roles and her unread notices, and a member's menu whether she
holds a committee seat: a query each, most of whose cost was the ORM and the round trip rather than PostgreSQL.
Here they are scalar subqueries of one SQL statement, built by the ORM once per process (and per day: a seat is
held on a date) with the user's id as a parameter, and run at the first of them a request needs. Apps add the
values of their own (``per_user``); each module that owns a value asks ``value_for`` before reading it alone.

Only the person asking is read this way (the request's ``request.user``): anyone else's roles (whom a notice goes
to) are read on their own, and so is everything outside a request. What is read lives as long as the request;
a module that changes a value within it (a notice sent or read) forgets it, and the value is read alone again.
"""

import functools
from collections.abc import Callable

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import empty

from .compiled import ID_MARK, execute_prepared, sql_with_id_mark, with_id
from .vocabulary import reads_of_this_request

NOT_READ = object()
_COLUMNS: dict[str, Callable] = {}  # name: build(user_id, today) -> a queryset of one value in at most one row
_ALONE_IN_WRITES: set[str] = set()
# A form's POST mostly answers with a redirect, which draws no menu: it asks for the roles to check a permission and
# nothing else of the shell, whose planning alone cost PostgreSQL about 0.7 ms (the roles' own query about 0.1 ms).
_WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def per_user(name: str, build: Callable[[int, object], QuerySet], *, alone_in_writes: bool = False) -> None:
    """Read ``build(user_id, today)``'s one value with the page's shell as ``name``; None when it has no row.
    ``alone_in_writes``: a POST asking for it before anything else of the shell reads it alone (``value_for``
    answers NOT_READ); the shell is read if the response then draws the page."""
    _COLUMNS[name] = build
    if alone_in_writes:
        _ALONE_IN_WRITES.add(name)


@functools.lru_cache(maxsize=8)
def _sql(vendor, today, names):
    """The profile's columns (NULL before the union saved one) and each value, as one row."""
    from .models import UnionProfile

    quote = connection.ops.quote_name
    selected, params = [UnionProfile.columns_sql()], []
    for index, name in enumerate(names):
        sql, value_params = sql_with_id_mark(_COLUMNS[name](ID_MARK, today), f"the page shell's {name!r}")
        selected.append(f"({sql}) AS {quote(f'shell_{index}')}")
        params.extend(value_params)
    table, pk = quote(UnionProfile._meta.db_table), quote(UnionProfile._meta.pk.column)
    joined = f"(SELECT 1) AS {quote('one')} LEFT JOIN {table} ON {table}.{pk} = %s"
    return f"SELECT {', '.join(selected)} FROM {joined}", (*params, UnionProfile.PK)


def _unwrapped(user):
    """The user behind ``request.user``'s lazy object, ``empty`` while it has not loaded her."""
    return getattr(user, "_wrapped", user)


def _asking(reads):
    """The request's ``request.user`` once loaded, else None."""
    user = _unwrapped(getattr(reads.get("request"), "__dict__", {}).get("user"))
    return None if user is empty else user


def _read(reads, user):
    from .models import UnionProfile

    names = tuple(_COLUMNS)
    sql, params = _sql(connection.vendor, timezone.localdate(), names)
    with connection.cursor() as cursor:
        execute_prepared(cursor, sql, with_id(params, user.pk))
        row = cursor.fetchone()
    width = len(row) - len(names)
    if "profile" not in reads:
        reads["profile"] = UnionProfile.from_columns(row[:width])
    return dict(zip(names, row[width:], strict=True))


def _values_of(reads, user, name=None):
    """What the shell read for ``user``, reading it now if she is the one asking (unless ``name`` is read alone in
    this request, a write); None if she is someone else or it is not read."""
    shell = reads.setdefault("shell", {})
    if user.pk not in shell:
        if _unwrapped(user) is not _asking(reads):
            return None
        if name in _ALONE_IN_WRITES and getattr(reads["request"], "method", None) in _WRITES:
            return None
        shell[user.pk] = _read(reads, user)
    return shell[user.pk]


def value_for(user, name):
    """``name``'s value for ``user`` as the page's shell read it (reading it, with the rest, if it is the first
    asked), or NOT_READ: the user is not the one asking, no request runs, the value was forgotten, or a write asks
    first for a value read alone in writes."""
    reads = reads_of_this_request()
    if reads is None or not user.is_authenticated:
        return NOT_READ
    values = _values_of(reads, user, name)
    return NOT_READ if values is None else values.get(name, NOT_READ)


def read_with_profile(reads):
    """The profile is asked for first: when the person asking is known, read her values with it."""
    user = _asking(reads)
    if user is not None and user.is_authenticated:
        _values_of(reads, user)


def forget(name: str) -> None:
    """``name`` changed within this request: the next ``value_for`` answers NOT_READ and its module reads it."""
    reads = reads_of_this_request()
    for values in (reads or {}).get("shell", {}).values():
        values.pop(name, None)
