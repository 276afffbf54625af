"""The session engine: Django's database sessions, each read through SQL the ORM builds once per process.

Every request reads its session first; ``Session.objects.get()`` built that query anew each time, about 0.4 ms of
CPU for SQL that differs only in the key, more than sending it and reading the answer. What is stored, how keys
are made and when a session expires stay Django's."""

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from .compiled import compiled_row

KEY_MARK = "compiled-session-key"  # stands in for the key while the SQL is built; no key has a hyphen


def _by_key(key):
    return Session.objects.filter(session_key=key).values_list("session_data", "expire_date")


_session_row = compiled_row(_by_key, KEY_MARK)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        """The session as ``Session.objects.get()`` found it, or None (its key then forgotten) where it has none or
        it expired."""
        row = _session_row(self.session_key)
        if row is not None and row[1] > timezone.now():
            data, expires = row
            return self.model(session_key=self.session_key, session_data=data, expire_date=expires)
        self._session_key = None
        return None
