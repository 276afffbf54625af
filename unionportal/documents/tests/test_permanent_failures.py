"""重试 on a job that failed for a reason another try cannot change says so and queues nothing."""

import pytest
from django.core.exceptions import ValidationError

from unionportal.documents import services
from unionportal.documents.models import Job
from unionportal.documents.tests.test_notice import NOTICE


def failed_job(users, capture, monkeypatch, error):
    def failing_render(*args):
        raise error

    monkeypatch.setattr(services, "render", failing_render)
    with capture(execute=True):
        job = services.queue_document(owner=users["staff"], kind="notice", params=NOTICE)
    job.refresh_from_db()
    monkeypatch.undo()
    assert job.status == Job.Status.FAILED
    return job


@pytest.mark.parametrize(
    "error", [ValidationError("该提案尚未答复，不能打印答复函。"), Job.DoesNotExist(), KeyError("session")]
)
def test_retry_of_a_job_that_will_fail_again_is_refused_with_the_reason(
    error, users, client_as, monkeypatch, django_capture_on_commit_callbacks
):
    job = failed_job(users, django_capture_on_commit_callbacks, monkeypatch, error)
    assert not job.retryable
    client = client_as("staff")
    page = client.get(f"/documents/{job.pk}/").content.decode()
    assert "重试也会得到同样的结果" in page and 'action="/documents/' not in page
    response = client.post(f"/documents/{job.pk}/retry/", follow=True)
    assert "重试也无法消除" in response.content.decode()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED


def test_retry_of_a_job_that_failed_by_chance_queues_it(
    users, client_as, monkeypatch, django_capture_on_commit_callbacks
):
    job = failed_job(users, django_capture_on_commit_callbacks, monkeypatch, OSError("disk full"))
    assert job.retryable
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("staff").post(f"/documents/{job.pk}/retry/", follow=True)
    assert "已重新排队生成" in response.content.decode()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
