"""Redis stopped, for real: the broker and the cache point at a port where nothing listens.

Pages keep working, a queued document says that it waits, and it is rendered once the broker
answers again (here: the in-process broker standing in for the Redis that came back).
"""

import socket

import pytest

from unionportal.celery import app
from unionportal.documents import services
from unionportal.documents.models import Job
from unionportal.documents.tests.test_notice import NOTICE

PAGES = ["/", "/members/", "/congress/", "/disclosure/", "/welfare/", "/activities/", "/documents/"]


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def forget_connections():
    """Celery keeps its broker connections in pools made from the first broker_url; start afresh."""
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def redis_down(settings):
    url = f"redis://127.0.0.1:{closed_port()}/0"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager", "broker_transport_options")}
    app.conf.update(broker_url=url, task_always_eager=False, broker_transport_options={"socket_connect_timeout": 1})
    forget_connections()

    def back_up():
        app.conf.update(saved)
        forget_connections()

    yield back_up
    back_up()


@pytest.mark.parametrize("page", PAGES)
def test_pages_work_with_redis_stopped(redis_down, client_as, page):
    assert client_as("chair").get(page).status_code == 200


def test_a_document_queued_while_redis_is_stopped_waits_and_runs_when_it_returns(
    redis_down, client_as, django_capture_on_commit_callbacks
):
    client = client_as("staff")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/documents/notice/new/", NOTICE, follow=True)
    assert response.status_code == 200
    job = Job.objects.get()
    assert job.status == Job.Status.QUEUED and job.is_waiting_for_broker
    page = response.content.decode()
    assert "后台服务暂时不可用" in page and "无需重复提交" in page

    redis_down()  # the broker answers again; the beat task sends what waited
    assert services.send_waiting_jobs() == 1
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.file
    assert "后台服务暂时不可用" not in client.get(f"/documents/{job.pk}/").content.decode()
