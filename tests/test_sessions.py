"""The session engine (unionportal/sessions.py): Django's database sessions, read through SQL built once."""

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from unionportal.sessions import SessionStore


def _stored(**data):
    session = SessionStore()
    session.update(data)
    session.create()
    return session.session_key


def test_a_session_reads_back_what_was_stored_in_one_query(db):
    key = _stored(seen="2026-12-06", page=3)
    with CaptureQueriesContext(connection) as queries:
        session = SessionStore(key)
        assert session["seen"] == "2026-12-06" and session["page"] == 3
    assert len(queries) == 1 and session.session_key == key


def test_an_expired_or_unknown_session_is_empty_and_its_key_forgotten(db):
    key = _stored(seen="yesterday")
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    for gone in (key, "nosuchsessionkeyhere1234567890ab"):
        session = SessionStore(gone)
        assert dict(session.items()) == {} and session.session_key is None


def test_each_request_reads_its_own_session(client, users):
    client.force_login(users["chair"])
    assert client.get("/").wsgi_request.user == users["chair"]
    client.force_login(users["member"])
    assert client.get("/").wsgi_request.user == users["member"]
    client.logout()
    assert not client.get("/accounts/login/").wsgi_request.user.is_authenticated
