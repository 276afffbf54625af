"""The roster import's writing: the checked people, their history rows and their 入会 events, written while the rows
after them are still being checked."""

import csv
import io
import itertools
import queue
import threading

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Member, MembershipEvent, pinyin_key_and_initials

IMPORT_BATCH = 1000  # people a batch: one COPY and two INSERTs on PostgreSQL


def write_members(people, most, actor):
    """A new member for each of ``people``, an iterable of at most ``most`` people's checked fields by attribute name
    (department_id …), with the pinyin Member.fill_derived_fields() gives, a history row and, for a member with a
    joining date, a 入会 event; the new members' primary keys, in order."""
    spelled = map(_spelled, people)
    if connection.vendor == "postgresql":
        return _copy_members(spelled, most, actor)
    pks = [member.pk for member in Member.objects.bulk_create([Member(**person) for person in spelled])]
    with connection.cursor() as cursor:
        for batch in itertools.batched(pks, IMPORT_BATCH):
            for sql, params in _record_import(batch, actor):
                cursor.execute(sql, params)
    return pks


def _spelled(person):
    person["name_pinyin"], person["name_initials"] = pinyin_key_and_initials(person["name"])
    return person


def _copy_members(people, most, actor):
    """Insert ``people`` by PostgreSQL's COPY, without a Member object each: building 20,000 and Django's
    preparation of their values, one field at a time, cost more CPU than the whole rest of the import.

    A batch at a time goes to a thread of its own, which waits on the server while this one checks the next batch
    (the wait gives up the GIL), so that the server's work (storing the rows and their indexes, the history, the
    events and their foreign keys, checked with each batch) runs on the other core. ``most`` primary keys are taken
    from the table's sequence first, in one query; those left over are a gap in the numbering, as a rolled back
    insert leaves."""
    fields = [field for field in Member._meta.concrete_fields if not field.primary_key]
    defaults = {field.attname: field.get_default() for field in fields}
    table, pk = Member._meta.db_table, Member._meta.pk.column
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column) for column in [pk, *(field.column for field in fields)])
    copy_sql = f"COPY {quote(table)} ({columns}) FROM STDIN WITH (FORMAT csv)"
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, pk, most])
        reserved = [value for (value,) in cursor.fetchall()]
    buffer = io.StringIO()
    # every value as its text, quoted; None unquoted, which COPY … CSV reads as NULL
    writer = csv.writer(buffer, quoting=csv.QUOTE_NOTNULL, lineterminator="\n")
    taken = []
    with _Writer() as database:
        for batch in itertools.batched(zip(reserved, people, strict=False), IMPORT_BATCH):
            pks = [person_pk for person_pk, _person in batch]
            writer.writerows(
                [person_pk, *((defaults | person)[field.attname] for field in fields)] for person_pk, person in batch
            )
            database.send(copy_sql, buffer.getvalue(), _record_import(pks, actor))
            buffer.seek(0)
            buffer.truncate()
            taken += pks
    return taken


class _Writer:
    """A thread that writes batches through a cursor of the request's own database connection (one transaction),
    while the caller makes the next ones; the caller does not use the connection until the thread is done. An
    error in writing is raised when the caller is done; the batches after it are not written. Foreign keys are
    checked at the end of each statement, while the next batch is made, not all at the commit."""

    def __init__(self):
        self.error = None
        self.batches = queue.Queue(maxsize=2)
        self.cursor = connection.cursor()  # Django's, made here: its execute wrappers and error mapping still apply
        self.thread = threading.Thread(target=self._write, name="roster-import", daemon=True)

    def __enter__(self):
        self.cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        self.thread.start()
        return self

    def send(self, copy_sql, text, statements):
        """Queue a COPY of ``text`` by ``copy_sql``, then ``statements`` ((sql, params) pairs)."""
        self.batches.put((copy_sql, text, statements))

    def _write(self):
        for copy_sql, text, statements in iter(self.batches.get, None):
            if self.error:
                continue  # taken all the same, so that the caller is never stuck on a full queue
            try:
                with connection.wrap_database_errors:  # copy_expert is psycopg2's own: its errors as Django's
                    self.cursor.copy_expert(copy_sql, io.StringIO(text), len(text) + 1)  # one read, one GIL wait
                for sql, params in statements:
                    self.cursor.execute(sql, params)
            except Exception as error:
                self.error = error

    def __exit__(self, *exc_info):
        self.batches.put(None)
        self.thread.join()
        try:
            if exc_info[1] is None:
                if self.error:
                    raise self.error
                self.cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        finally:
            self.cursor.close()


def _record_import(pks, actor):
    """The statements that write, for the members of primary keys ``pks``, just inserted: their history rows
    (Member.history, "+"), as simple_history's bulk_create_with_history writes them, and the 入会 event of each
    member with a joining date. The database copies both from the members' rows (INSERT … SELECT): building and
    preparing two more objects a person was a third of a 20,000-row import."""
    history, now, actor_id = Member.history.model, timezone.now(), actor.pk if actor else None
    recorded = {field.column: (connection.ops.quote_name(field.column), []) for field in history.tracked_fields}
    history_rows = recorded | {
        "history_date": ("%s", [history._meta.get_field("history_date").get_db_prep_value(now, connection)]),
        "history_change_reason": ("NULL", []),
        "history_type": ("%s", ["+"]),
        "history_user_id": ("%s", [actor_id]),
    }
    events = {
        "member_id": ("id", []),
        "kind": ("%s", [MembershipEvent.Kind.JOIN.value]),
        "occurred_on": ("joined_on", []),
        "from_status": ("%s", [""]),
        "to_status": ("status", []),
        "from_group_id": ("NULL", []),
        "to_group_id": ("union_group_id", []),
        "other_union": ("%s", [""]),
        "note": ("%s", [_("名册导入")]),
        "actor_id": ("%s", [actor_id]),
        "recorded_at": ("%s", [MembershipEvent._meta.get_field("recorded_at").get_db_prep_value(now, connection)]),
    }
    return [
        _insert_from(pks, history, history_rows),
        _insert_from(pks, MembershipEvent, events, only="is_union_member AND joined_on IS NOT NULL"),
    ]


def _insert_from(pks, model, values, only="1 = 1"):
    """The INSERT INTO ``model``'s table of one row per member of primary keys ``pks`` (and ``only``), in their
    order, and its parameters; ``values`` gives each column the SQL that computes it from the member's row and that
    SQL's parameters."""
    quote = connection.ops.quote_name
    return (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, values))}) "
        f"SELECT {', '.join(sql for sql, _params in values.values())} FROM {quote(Member._meta.db_table)} "
        f"WHERE {only} AND id IN ({', '.join(['%s'] * len(pks))}) ORDER BY id",
        [*(param for _sql, params in values.values() for param in params), *pks],
    )
