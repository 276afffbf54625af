from kombu.exceptions import OperationalError

from unionportal.documents import services
from unionportal.documents.models import Job
from unionportal.documents.tasks import render_document
from unionportal.documents.tests.test_notice import NOTICE


def test_with_the_broker_down_the_job_waits_and_the_page_says_so(
    client_as, users, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis")

    monkeypatch.setattr(render_document, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.queue_document(owner=users["staff"], kind="notice", params=NOTICE)
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED
    assert job.is_waiting_for_broker
    page = client_as("staff").get(f"/documents/{job.pk}/").content.decode()
    assert "后台服务暂时不可用" in page
    assert "无需重复提交" in page


def test_waiting_jobs_are_sent_when_the_broker_is_back(users, monkeypatch, django_capture_on_commit_callbacks):
    real_apply_async = render_document.apply_async
    monkeypatch.setattr(render_document, "apply_async", lambda *a, **k: (_ for _ in ()).throw(OperationalError()))
    with django_capture_on_commit_callbacks(execute=True):
        job = services.queue_document(owner=users["staff"], kind="notice", params=NOTICE)
    monkeypatch.setattr(render_document, "apply_async", real_apply_async)

    assert services.send_waiting_jobs() == 1
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert services.send_waiting_jobs() == 0
