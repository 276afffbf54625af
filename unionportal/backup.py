"""Back up and restore the portal: the database (PostgreSQL as a pg_dump custom-format archive,
SQLite through sqlite3's online backup API) and the uploaded and generated files under MEDIA_ROOT.

A backup is one directory: ``database.dump`` or ``database.sqlite3``, ``media/`` and
``manifest.json`` (engine, time, row count of every table, to compare after a restore).
A restore goes into an empty database only, so it never mixes two unions' data.
"""

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

POSTGRES = "django.db.backends.postgresql"
SQLITE = "django.db.backends.sqlite3"


class BackupError(Exception):
    pass


def default_directory():
    return Path(settings.BASE_DIR) / "var" / "backups" / timezone.localtime().strftime("%Y%m%d-%H%M%S")


def _pg_command(program, settings_dict, *args):
    command = [program, "--no-password"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            command += [flag, str(settings_dict[key])]
    env = {**os.environ, "PGPASSWORD": settings_dict.get("PASSWORD") or ""}
    result = subprocess.run([*command, *args], env=env, capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"{program} failed: {result.stderr.strip()}")


def row_counts(connection):
    with connection.cursor() as cursor:
        counts = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def backup(directory=None, *, using="default"):
    """Write a backup of the database and MEDIA_ROOT into ``directory`` (a new one by default)."""
    directory = Path(directory or default_directory())
    directory.mkdir(parents=True, exist_ok=False)
    connection = connections[using]
    engine = connection.settings_dict["ENGINE"]
    if engine == POSTGRES:
        _pg_command(
            "pg_dump", connection.settings_dict, "--format=custom", "--no-owner", "--no-privileges",
            f"--file={directory / 'database.dump'}", connection.settings_dict["NAME"],
        )  # fmt: skip
    elif engine == SQLITE:
        connection.ensure_connection()
        with sqlite3.connect(directory / "database.sqlite3") as target:
            connection.connection.backup(target)
        target.close()
    else:
        raise BackupError(f"no backup method for {engine}")
    media = Path(settings.MEDIA_ROOT)
    if media.exists():
        shutil.copytree(media, directory / "media")
    manifest = {"engine": engine, "created_at": timezone.now().isoformat(), "tables": row_counts(connection)}
    (directory / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    return directory


def restore(directory, *, using="default"):
    """Load a backup into the (empty) database ``using`` and copy its files into MEDIA_ROOT."""
    directory = Path(directory)
    manifest = json.loads((directory / "manifest.json").read_text())
    connection = connections[using]
    engine = connection.settings_dict["ENGINE"]
    if engine != manifest["engine"]:
        raise BackupError(f"the backup is of {manifest['engine']}, the database is {engine}")
    with connection.cursor() as cursor:
        if connection.introspection.table_names(cursor):
            raise BackupError("the database is not empty; restore only into a new, empty database")
    if engine == POSTGRES:
        _pg_command(
            "pg_restore", connection.settings_dict, "--no-owner", "--no-privileges", "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}", str(directory / "database.dump"),
        )  # fmt: skip
    else:
        connection.ensure_connection()
        with sqlite3.connect(directory / "database.sqlite3") as source:
            source.backup(connection.connection)
        source.close()
    if (directory / "media").exists():
        shutil.copytree(directory / "media", settings.MEDIA_ROOT, dirs_exist_ok=True)
    return manifest
