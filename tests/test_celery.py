"""Tasks through a real broker. The worker tests need Redis and a file
database shared with the worker (make test provides both when Redis answers)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery.fixups.django import DjangoWorkerFixup
from celery.signals import task_postrun, task_prerun
from django.db import connections

from unionportal.celery import app
from unionportal.documents import services
from unionportal.documents.models import Job
from unionportal.documents.tasks import render_document
from unionportal.documents.tests.test_notice import NOTICE
from unionportal.tasks import ping

ROOT = Path(__file__).resolve().parents[1]


def test_without_redis_tasks_run_in_process(settings):
    assert settings.CELERY_TASK_ALWAYS_EAGER
    assert ping.delay("本地").get() == {"pong": "本地"}


def run_in_worker(fixup, task):
    """The signals a worker process sends around one task, with the Django fixup `celery worker` installs."""
    for sent, fixup_handler in ((task_prerun, fixup.on_task_prerun), (task_postrun, fixup.on_task_postrun)):
        sent.send(sender=task, task_id="1", task=task, args=(), kwargs={})
        fixup_handler(sender=task)


@pytest.fixture
def database():
    return connections["default"]


@pytest.fixture
def closes(database, monkeypatch, transactional_db):
    """How many times the database connection, opened just now, is closed (an in-memory SQLite database would
    ignore a close)."""
    database.ensure_connection()
    monkeypatch.setattr(database, "close_at", time.monotonic() + database.settings_dict["CONN_MAX_AGE"])
    calls = []
    monkeypatch.setattr(database, "close", lambda: calls.append(1))
    return calls


def test_a_worker_process_keeps_its_database_connection_from_task_to_task(closes):
    fixup = DjangoWorkerFixup(app)
    for _ in range(3):
        run_in_worker(fixup, render_document)
    assert closes == []


def test_a_worker_process_replaces_a_connection_that_failed_at_the_next_task(database, closes, monkeypatch):
    monkeypatch.setattr(database, "errors_occurred", True)
    monkeypatch.setattr(database, "is_usable", lambda: False)
    run_in_worker(DjangoWorkerFixup(app), render_document)
    assert closes


@pytest.fixture
def start_worker():
    if not (os.environ.get("REDIS_URL") and os.environ.get("TEST_SQLITE_PATH")):
        pytest.skip("needs REDIS_URL and TEST_SQLITE_PATH (make test sets both when Redis answers)")
    from django.db import connection

    processes = []

    def start(*flags):
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{Path(connection.settings_dict['NAME']).resolve()}",
            "CELERY_VISIBILITY_TIMEOUT": "2",
            "DOCUMENT_HEARTBEAT_SECONDS": "0.5",  # a job silent for 2 s lost its worker
        }
        process = subprocess.Popen([sys.executable, "-m", "tests.celery_worker", *flags], cwd=ROOT, env=env)
        processes.append(process)
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)


def wait_for(job, status, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status == status:
            return job
        time.sleep(0.2)
    raise AssertionError(f"job stayed {job.status}, expected {status}")


@pytest.mark.celery_worker
def test_ping_goes_through_redis_to_a_real_worker(start_worker, settings, transactional_db):
    start_worker()
    assert not settings.CELERY_TASK_ALWAYS_EAGER
    assert ping.delay("经过Redis").get(timeout=60) == {"pong": "经过Redis"}


@pytest.mark.celery_worker
def test_a_worker_renders_a_queued_document(start_worker, users, transactional_db):
    start_worker()
    job = services.queue_document(owner=users["staff"], kind="notice", params=NOTICE)
    wait_for(job, Job.Status.DONE)
    assert Path(job.file.path).read_bytes().startswith(b"%PDF")


@pytest.mark.celery_worker
def test_a_worker_killed_mid_job_leaves_no_file_and_the_job_finishes_after_restart(
    start_worker, users, transactional_db, settings
):
    doomed = start_worker("--slow")
    job = services.queue_document(owner=users["staff"], kind="notice", params=NOTICE)
    wait_for(job, Job.Status.RUNNING)
    doomed.send_signal(signal.SIGKILL)
    doomed.wait(timeout=10)
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING
    assert not job.file
    assert not list(Path(settings.MEDIA_ROOT).rglob(f"{job.pk}*"))  # nothing half-written on disk either

    time.sleep(2.5)  # past the visibility timeout and four missed heartbeats
    start_worker()
    wait_for(job, Job.Status.DONE)
    assert job.attempts == 2
    assert Path(job.file.path).read_bytes().startswith(b"%PDF")
    assert [path.name for path in Path(settings.MEDIA_ROOT).rglob(f"{job.pk}*")] == [f"{job.pk}.pdf"]
