"""The broker refuses, fails or hangs: the request still answers at once, the job waits, and the
sweep sends it exactly once when the broker is back."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from kombu.exceptions import OperationalError
from redis.exceptions import ConnectionError as RedisConnectionError

from unionportal.documents import services
from unionportal.documents.models import Job
from unionportal.documents.tasks import render_document
from unionportal.documents.tests.test_notice import NOTICE


@pytest.fixture
def broker(monkeypatch):
    """A broker that records what it is sent; ``broker.fail`` makes it raise instead."""

    class Broker:
        fail = None
        sent = []

        def apply_async(self, args, **options):
            if self.fail:
                raise self.fail
            self.sent.append(args[0])

    fake = Broker()
    fake.sent = []
    monkeypatch.setattr(render_document, "apply_async", fake.apply_async)
    render_document.app.conf.task_always_eager = False
    yield fake
    render_document.app.conf.task_always_eager = True


def queue(users, capture):
    with capture(execute=True):
        job = services.queue_document(owner=users["staff"], kind="notice", params=NOTICE)
    job.refresh_from_db()
    return job


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("Error 111 connecting to redis"),
        RuntimeError("Retry limit exceeded while trying to reconnect to the Celery result store backend."),
        RedisConnectionError("Connection reset by peer"),
    ],
)
def test_any_broker_error_leaves_the_job_waiting_and_the_page_says_so(
    error, broker, users, client_as, django_capture_on_commit_callbacks
):
    broker.fail = error
    job = queue(users, django_capture_on_commit_callbacks)
    assert job.status == Job.Status.QUEUED and job.is_waiting_for_broker
    page = client_as("staff").get(f"/documents/{job.pk}/").content.decode()
    assert "后台服务暂时不可用" in page and "无需重复提交" in page


def test_a_hanging_broker_does_not_hold_the_request(broker, users, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(render_document, "apply_async", lambda *args, **kwargs: time.sleep(5))
    started = time.monotonic()
    job = queue(users, django_capture_on_commit_callbacks)
    assert time.monotonic() - started < 2
    assert job.is_waiting_for_broker


def test_the_sweep_sends_a_waiting_job_once_when_the_broker_is_back(broker, users, django_capture_on_commit_callbacks):
    broker.fail = OperationalError("Error 111")
    job = queue(users, django_capture_on_commit_callbacks)
    broker.fail = None
    assert services.sweep_jobs() == 1
    assert services.sweep_jobs() == 0
    assert broker.sent == [str(job.pk)]
    job.refresh_from_db()
    assert not job.is_waiting_for_broker


def test_the_sweep_stops_at_the_first_job_the_broker_refuses(broker, users, django_capture_on_commit_callbacks):
    broker.fail = OperationalError("Error 111")
    queue(users, django_capture_on_commit_callbacks)
    queue(users, django_capture_on_commit_callbacks)
    calls = []
    broker.apply_async = lambda *args, **kwargs: calls.append(args) or (_ for _ in ()).throw(broker.fail)
    render_document.apply_async = broker.apply_async
    assert services.sweep_jobs() == 0
    assert len(calls) == 1


def test_a_job_lost_with_a_restarted_redis_is_sent_again(broker, users, django_capture_on_commit_callbacks):
    job = queue(users, django_capture_on_commit_callbacks)
    assert broker.sent == [str(job.pk)]
    Job.objects.filter(pk=job.pk).update(sent_at=timezone.now() - services.LOST_AFTER - timedelta(minutes=1))
    assert services.sweep_jobs() == 1
    assert broker.sent == [str(job.pk)] * 2


def test_two_messages_for_one_job_render_it_once(broker, users, django_capture_on_commit_callbacks):
    job = queue(users, django_capture_on_commit_callbacks)
    Job.objects.filter(pk=job.pk).update(sent_at=timezone.now() - services.LOST_AFTER - timedelta(minutes=1))
    services.sweep_jobs()
    for job_id in broker.sent:  # a worker takes both messages
        services.run_job(job_id)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.attempts == 1


def test_a_message_for_a_job_another_worker_renders_is_ignored(broker, users, django_capture_on_commit_callbacks):
    job = queue(users, django_capture_on_commit_callbacks)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, attempts=1, heartbeat_at=timezone.now())
    services.run_job(str(job.pk))
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING and job.attempts == 1
