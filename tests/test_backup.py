"""Backup and restore: the data and the files of a union, backed up, restored into an empty database
and compared table by table. On SQLite always; on PostgreSQL in the PostgreSQL pass of `make test`
(pg_dump/pg_restore into a throwaway database)."""

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connections

from members import services as members
from members.models import Member
from unionportal import backup
from unionportal.documents.models import Job

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def union(users, settings, tmp_path):
    """A little union with a generated file under MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    members.create_member(name="张三", gender="F", id_number="11010519491231002X", notes="困难职工")
    job = Job.objects.create(owner=users["staff"], kind="notice", params={}, title="通知", status=Job.Status.DONE)
    job.file.save("notice.pdf", ContentFile(b"%PDF-1.7 notice"))
    return job


@pytest.fixture
def empty_database(tmp_path):
    """A new, empty database of the same engine: its DATABASE_URL and a DB-API connection to it."""
    default = connections["default"].settings_dict
    if default["ENGINE"] != backup.POSTGRES:
        path = tmp_path / "restored.sqlite3"
        yield f"sqlite:///{path}", lambda: sqlite3.connect(path)
        return
    import psycopg2

    name = f"unionportal_restore_{uuid.uuid4().hex[:8]}"
    with connections["default"].cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    server = f"{default['USER']}:{default['PASSWORD'] or ''}@{default['HOST']}:{default['PORT'] or 5432}"
    yield f"postgres://{server}/{name}", lambda: psycopg2.connect(f"postgresql://{server}/{name}")
    with connections["default"].cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def counts(connect, tables):
    connection = connect()
    try:
        cursor = connection.cursor()
        result = {}
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            result[table] = cursor.fetchone()[0]
        cursor.execute("SELECT name, id_number, notes FROM members_member ORDER BY id")
        return result, cursor.fetchall()
    finally:
        connection.close()


def test_a_backup_restored_into_an_empty_database_has_the_same_rows_and_files(union, empty_database, tmp_path):
    """`make restore` runs `manage.py restore` against the new database: so does this test."""
    url, connect = empty_database
    written = backup.backup(tmp_path / "backup")
    live = backup.row_counts(connections["default"])
    assert live["members_member"] >= 8 and live["auth_user"] >= 7

    env = {**os.environ, "DATABASE_URL": url, "DJANGO_MEDIA_ROOT": str(tmp_path / "new-media"), "DJANGO_DEBUG": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([sys.executable, "manage.py", "restore", str(written)], cwd=ROOT, env=env, check=True)

    restored, people = counts(connect, live)
    assert restored == live
    assert people == list(Member.objects.order_by("pk").values_list("name", "id_number", "notes"))
    assert ("张三", "11010519491231002X", "困难职工") in people
    assert (tmp_path / "new-media" / union.file.name).read_bytes() == b"%PDF-1.7 notice"


def test_restore_refuses_a_database_that_is_not_empty(union, tmp_path):
    call_command("backup", str(tmp_path / "backup"))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(tmp_path / "backup"))


def test_backup_never_overwrites_an_earlier_one(union, tmp_path):
    call_command("backup", str(tmp_path / "backup"))
    with pytest.raises(CommandError):
        call_command("backup", str(tmp_path / "backup"))
