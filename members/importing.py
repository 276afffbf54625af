"""The roster import's writing: the checked people, their history rows and their 入会 events, in bulk."""

import csv
import io

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Member, MembershipEvent, pinyin_key_and_initials

IMPORT_BATCH = 1000


def write_members(people, actor):
    """A new member for each of ``people`` (their checked fields, by attribute name: department_id …), with the
    pinyin Member.fill_derived_fields() gives, a history row and, for a member with a joining date, a 入会 event;
    the new members' primary keys, in order."""
    for person in people:
        person["name_pinyin"], person["name_initials"] = pinyin_key_and_initials(person["name"])
    if connection.vendor == "postgresql":
        pks = _copy_members(people)
    else:
        pks = [member.pk for member in Member.objects.bulk_create([Member(**person) for person in people])]
    for batch in range(0, len(pks), IMPORT_BATCH):
        _record_import(pks[batch : batch + IMPORT_BATCH], actor)
    return pks


def _copy_members(people):
    """Insert ``people`` by PostgreSQL's COPY, without a Member object each: building 20,000 and Django's
    preparation of their values, one field at a time, cost more CPU than the whole rest of the import. The primary
    keys are taken from the table's sequence first, in one query."""
    fields = [field for field in Member._meta.concrete_fields if not field.primary_key]
    defaults = {field.attname: field.get_default() for field in fields}
    table, pk = Member._meta.db_table, Member._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, pk, len(people)]
        )
        pks = [value for (value,) in cursor.fetchall()]
        buffer = io.StringIO()
        # every value as its text, quoted; None unquoted, which COPY … CSV reads as NULL
        writer = csv.writer(buffer, quoting=csv.QUOTE_NOTNULL, lineterminator="\n")
        for person_pk, person in zip(pks, people, strict=True):
            person = defaults | person
            writer.writerow([person_pk, *(person[field.attname] for field in fields)])
        buffer.seek(0)
        quote = connection.ops.quote_name
        columns = ", ".join(quote(column) for column in [pk, *(field.column for field in fields)])
        cursor.copy_expert(f"COPY {quote(table)} ({columns}) FROM STDIN WITH (FORMAT csv)", buffer)
    return pks


def _record_import(pks, actor):
    """For the members of primary keys ``pks``, just inserted: their history rows (Member.history, "+"), as
    simple_history's bulk_create_with_history writes them, and the 入会 event of each member with a joining date.
    The database copies both from the members' rows (INSERT … SELECT): building and preparing two more objects a
    person was a third of a 20,000-row import."""
    history, now, actor_id = Member.history.model, timezone.now(), actor.pk if actor else None
    recorded = {field.column: (connection.ops.quote_name(field.column), []) for field in history.tracked_fields}
    _insert_from(
        pks,
        history,
        recorded
        | {
            "history_date": ("%s", [history._meta.get_field("history_date").get_db_prep_value(now, connection)]),
            "history_change_reason": ("NULL", []),
            "history_type": ("%s", ["+"]),
            "history_user_id": ("%s", [actor_id]),
        },
    )
    _insert_from(
        pks,
        MembershipEvent,
        {
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
        },
        only="is_union_member AND joined_on IS NOT NULL",
    )


def _insert_from(pks, model, values, only="1 = 1"):
    """INSERT INTO ``model``'s table one row per member of primary keys ``pks`` (and ``only``), in their order;
    ``values`` gives each column the SQL that computes it from the member's row and that SQL's parameters."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, values))}) "
            f"SELECT {', '.join(sql for sql, _params in values.values())} FROM {quote(Member._meta.db_table)} "
            f"WHERE {only} AND id IN ({', '.join(['%s'] * len(pks))}) ORDER BY id",
            [*(param for _sql, params in values.values() for param in params), *pks],
        )
