"""Taking a place (报名) while the event's row lock is held, in as few statements as possible.

Every sign-up of a rush queues for that lock, so what is done under it sets the pace of the rush. The INSERT itself
decides the newcomer's state and queue position: it starts after the lock is granted, so its snapshot counts every
place taken before. On PostgreSQL the same statement also writes the history row (django-simple-history's, as a save
would) and the timeline step, one round trip in all; other databases write those two after it. A person's sign-up
(``enter_locking``) sends the lock and that statement together, so the lock is held for no round trip to Python."""

from contextlib import nullcontext
from functools import cache

from django.db import connection, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .models import Event, Registration, RegistrationStep

Status = Registration.Status

ENTER = """
INSERT INTO {registration} (event_id, member_id, team_id, status, position, created_at, added_by_id)
SELECT e.id, %(member)s, %(team)s,
       CASE WHEN e.capacity IS NULL
              OR e.capacity > (SELECT COUNT(*) FROM {registration} WHERE event_id = e.id AND status = %(registered)s)
            THEN %(registered)s ELSE %(waitlisted)s END,
       COALESCE((SELECT MAX(position) FROM {registration} WHERE event_id = e.id), 0) + 1,
       %(now)s, %(added_by)s
  FROM {event} e WHERE e.id = %(event)s
RETURNING {returning}
"""

# The history row copies the registration's columns; the step is FLOW.record's "enter" from no state.
ENTER_WITH_HISTORY = """
WITH r AS ({enter}),
h AS (INSERT INTO {history} ({copied}, history_date, history_change_reason, history_type, history_user_id)
      SELECT {copied}, %(now)s, NULL, '+', %(history_user)s FROM r),
s AS (INSERT INTO {step} (registration_id, actor_id, at, action, from_status, to_status, note, internal)
      SELECT id, %(actor)s, %(now)s, 'enter', '', status, %(note)s, FALSE FROM r)
SELECT id, status, position FROM r
"""

# Sent with ENTER_WITH_HISTORY as one query string: PostgreSQL runs the two as one transaction (the caller's, or
# one of their own committed after the second), and the INSERT, a statement of its own, takes its snapshot once the
# lock is granted. A deleted event locks and inserts nothing.
LOCK = "SELECT 1 FROM {event} WHERE id = %(event)s FOR UPDATE;\n"


@cache
def _sql(vendor, locking=False):
    quote = connection.ops.quote_name
    tables = {"registration": quote(Registration._meta.db_table), "event": quote(Event._meta.db_table)}
    if vendor != "postgresql":
        return ENTER.format(**tables, returning="id, status, position")
    history = Registration.history.model
    columns = {field.column for field in Registration._meta.concrete_fields}
    copied = ", ".join(f.column for f in history._meta.concrete_fields if f.column in columns)
    sql = ENTER_WITH_HISTORY.format(
        enter=ENTER.format(**tables, returning="*"),
        history=quote(history._meta.db_table),
        copied=copied,
        step=quote(RegistrationStep._meta.db_table),
    )
    return LOCK.format(**tables) + sql if locking else sql


def _history_user_id():
    """The user django-simple-history would record: the request's, when signed in."""
    user = getattr(getattr(HistoricalRecords.context, "request", None), "user", None)
    return user.pk if user is not None and user.is_authenticated else None


def enter(*, event, actor, member=None, team=None, note=""):
    """Take a place if one is free, else join the waitlist. The caller holds the event lock."""
    return _enter(event=event, actor=actor, member=member, team=team, note=note)


def enter_locking(*, event, actor, member, note=""):
    """``enter`` for a person, taking the event's lock first, in its own transaction (a savepoint within the
    caller's); None when the event was deleted meanwhile."""
    # On SQLite, the transaction's write lock (IMMEDIATE, see settings) serialises sign-ups as the row lock does.
    alone = connection.vendor == "postgresql" and not connection.in_atomic_block
    with nullcontext() if alone else transaction.atomic():
        return _enter(event=event, actor=actor, member=member, note=note, locking=True)


def _enter(*, event, actor, member=None, team=None, note="", locking=False):
    added_by = actor if actor and (member is None or member.user_id != actor.pk) else None
    params = {
        "event": event.pk,
        "member": member and member.pk,
        "team": team and team.pk,
        "registered": Status.REGISTERED,
        "waitlisted": Status.WAITLISTED,
        "added_by": added_by and added_by.pk,
        "actor": actor and actor.pk,
        "note": note,
        "history_user": _history_user_id(),
        "now": timezone.now(),
    }
    with connection.cursor() as cursor:
        cursor.execute(_sql(connection.vendor, locking), params)
        row = cursor.fetchone()
    if row is None:  # no event row to lock and insert from
        return None
    pk, status, position = row
    registration = Registration(
        pk=pk,
        event=event,
        member=member,
        team=team,
        status=status,
        position=position,
        created_at=params["now"],
        added_by=added_by,
    )
    registration._state.adding = False
    registration._state.db = connection.alias
    if connection.vendor != "postgresql":
        post_save.send(Registration, instance=registration, created=True, update_fields=None, raw=False)
        RegistrationStep.objects.create(
            registration=registration, actor=actor, at=params["now"], action="enter", to_status=status, note=note
        )
    return registration
