"""Redis stopped, for real, with the production settings: broker, result backend and cache all on
one Redis that is not there, or that stops in the middle of a request.

Pages keep working; a document asked for answers within two seconds saying that it waits; when
Redis is back the sweep sends it and a worker renders it once, however many messages reached Redis.
"""

import base64
import json
import runpy
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
import redis
from django.db.models.signals import post_save

from unionportal.celery import app
from unionportal.documents import services
from unionportal.documents.models import Job
from unionportal.documents.tests.test_notice import NOTICE

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["/", "/members/", "/congress/", "/disclosure/", "/welfare/", "/activities/", "/documents/"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateRedis:
    """A redis-server of the test's own on a free port, stopped and started at will."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process:
            self.process.kill()
            self.process.wait()
            self.process = None

    def render_document_messages(self):
        """The job ids of the render messages waiting in the Celery queue."""
        messages = [json.loads(raw) for raw in redis.Redis.from_url(self.url).lrange("celery", 0, -1)]
        return [
            json.loads(base64.b64decode(message["body"]))[0][0]
            for message in messages
            if message["headers"]["task"] == "unionportal.documents.tasks.render_document"
        ]


def forget_connections():
    """Celery keeps its connections in pools made from the first broker_url; start afresh."""
    app._pool = None
    app.amqp._producer_pool = None
    app._local.__dict__.pop("backend", None)


@pytest.fixture
def production_redis(settings, monkeypatch):
    """The production settings (settings.py read with REDIS_URL set) on a Redis of the test's own,
    not started: the test starts and stops it."""
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    server = PrivateRedis()
    monkeypatch.setenv("REDIS_URL", server.url)
    production = runpy.run_path(str(ROOT / "unionportal" / "settings.py"))
    settings.CACHES = production["CACHES"]
    celery = {
        name.removeprefix("CELERY_").lower(): value for name, value in production.items() if name[:7] == "CELERY_"
    }
    assert celery["broker_url"] == celery["result_backend"] == server.url and not celery["task_always_eager"]
    saved = {name: app.conf[name] for name in celery}
    app.conf.update(celery)
    forget_connections()
    yield server
    server.stop()
    app.conf.update(saved)
    forget_connections()


def ask_for_notice(client, capture):
    started = time.monotonic()
    with capture(execute=True):
        response = client.post("/documents/notice/new/", {**NOTICE, "title": f"通知{time.monotonic()}"}, follow=True)
    return response, time.monotonic() - started


def says_it_waits(response):
    page = response.content.decode()
    return response.status_code == 200 and "排队中" in page and "后台服务暂时不可用" in page and "无需重复提交" in page


def render_what_reached_redis(server):
    """What a worker does with every message that reached Redis."""
    for job_id in server.render_document_messages():
        services.run_job(job_id)


@pytest.mark.parametrize("page", PAGES)
def test_pages_work_with_redis_stopped(production_redis, client_as, page):
    assert client_as("chair").get(page).status_code == 200


def test_a_document_asked_for_while_redis_is_down_waits_and_is_rendered_once_when_it_returns(
    production_redis, client_as, django_capture_on_commit_callbacks
):
    response, seconds = ask_for_notice(client_as("staff"), django_capture_on_commit_callbacks)
    assert seconds < 2 and says_it_waits(response)
    job = Job.objects.get()
    assert job.is_waiting_for_broker

    production_redis.start()
    assert services.sweep_jobs() == 1
    assert services.sweep_jobs() == 0  # sent once: the next sweep leaves it alone
    render_what_reached_redis(production_redis)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.attempts == 1
    assert "后台服务暂时不可用" not in client_as("staff").get(f"/documents/{job.pk}/").content.decode()


def test_redis_stopping_in_the_middle_of_a_request(production_redis, client_as, django_capture_on_commit_callbacks):
    production_redis.start()
    client = client_as("staff")
    ask_for_notice(client, django_capture_on_commit_callbacks)  # reaches Redis; the connections are open
    first = Job.objects.get()
    assert production_redis.render_document_messages() == [str(first.pk)]

    def stop_redis(instance, created, **kwargs):
        if created:
            production_redis.stop()

    post_save.connect(stop_redis, sender=Job)
    try:
        response, seconds = ask_for_notice(client, django_capture_on_commit_callbacks)
    finally:
        post_save.disconnect(stop_redis, sender=Job)
    assert seconds < 2 and says_it_waits(response)
    second = Job.objects.exclude(pk=first.pk).get()
    assert second.is_waiting_for_broker

    production_redis.start()  # empty: what Redis held died with it
    assert services.sweep_jobs() == 1
    render_what_reached_redis(production_redis)
    second.refresh_from_db()
    assert second.status == Job.Status.DONE and second.attempts == 1


def test_retry_while_redis_is_down_waits_too(production_redis, client_as, users, django_capture_on_commit_callbacks):
    job = Job.objects.create(
        owner=users["staff"], kind="notice", params=NOTICE, title="通知", status=Job.Status.FAILED, error="OSError"
    )
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("staff").post(f"/documents/{job.pk}/retry/", follow=True)
    assert time.monotonic() - started < 2 and says_it_waits(response)

    production_redis.start()
    assert services.sweep_jobs() == 1
    render_what_reached_redis(production_redis)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
