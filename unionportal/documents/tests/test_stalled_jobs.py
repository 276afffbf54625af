"""A worker killed in the middle of a job (out of memory, a deploy, a crash) stops its heartbeat;
the sweep notices within minutes, runs the job again and tells its owner what happened."""

import threading
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from unionportal.documents import services
from unionportal.documents.models import Job
from unionportal.documents.tests.test_notice import NOTICE


def running_job(users, *, silent_for, attempts=1):
    return Job.objects.create(
        owner=users["staff"],
        kind="notice",
        params=NOTICE,
        title=NOTICE["title"],
        status=Job.Status.RUNNING,
        progress=60,
        attempts=attempts,
        sent_at=timezone.now() - silent_for,
        heartbeat_at=timezone.now() - silent_for,
    )


def test_a_job_whose_worker_died_is_run_again_and_its_page_says_so(users, client_as):
    job = running_job(users, silent_for=timedelta(minutes=2))
    services.sweep_jobs()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.attempts == 2 and job.file
    page = client_as("staff").get(f"/documents/{job.pk}/").content.decode()
    assert "生成中断（后台进程停止），已自动重新排队" in page


def test_a_job_with_a_living_worker_is_left_alone(users):
    job = running_job(users, silent_for=timedelta(seconds=10))
    services.sweep_jobs()
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING and job.attempts == 1 and not job.note


def test_a_job_that_keeps_losing_its_worker_fails_and_can_be_retried(users, client_as):
    job = running_job(users, silent_for=timedelta(minutes=2), attempts=services.MAX_ATTEMPTS)
    services.sweep_jobs()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.retryable
    page = client_as("staff").get(f"/documents/{job.pk}/").content.decode()
    assert "已中断3次" in page and "重试" in page


def test_the_message_of_a_dead_worker_redelivered_takes_the_job_over(users):
    job = running_job(users, silent_for=timedelta(minutes=2))
    services.run_job(str(job.pk))
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.attempts == 2


@pytest.mark.django_db(transaction=True)
def test_a_long_render_keeps_writing_its_heartbeat(users, settings, monkeypatch):
    settings.DOCUMENT_HEARTBEAT_SECONDS = 0.2
    job = Job.objects.create(owner=users["staff"], kind="notice", params=NOTICE, title=NOTICE["title"])
    rendering = threading.Event()
    heartbeats = []

    def slow_render(*args):
        rendering.set()
        first = Job.objects.get(pk=job.pk).heartbeat_at
        time.sleep(1)
        heartbeats.extend([first, Job.objects.get(pk=job.pk).heartbeat_at])
        return b"%PDF-"

    monkeypatch.setattr(services, "render", slow_render)
    services.run_job(str(job.pk))
    assert heartbeats[1] - heartbeats[0] >= timedelta(seconds=0.6)
