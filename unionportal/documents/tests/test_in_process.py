"""`make run` (no Redis): asking for a document shows its job page at once, and the page follows
the job while a thread of the web process renders it."""

import threading
import time

import pytest
from django.db import OperationalError

from unionportal.documents import services
from unionportal.documents.models import Job
from unionportal.documents.tests.test_notice import NOTICE


@pytest.mark.django_db(transaction=True)
def test_the_job_page_answers_while_the_document_renders(client_as, settings, monkeypatch):
    settings.DOCUMENTS_IN_THREAD = True
    rendering, may_finish = threading.Event(), threading.Event()
    real_render = services.render

    def slow_render(*args):
        rendering.set()
        may_finish.wait(30)
        return real_render(*args)

    monkeypatch.setattr(services, "render", slow_render)
    client = client_as("staff")
    started = time.monotonic()
    response = client.post("/documents/notice/new/", NOTICE)
    assert time.monotonic() - started < 5
    # The test database lives in memory, where SQLite answers a read that meets another thread's open
    # write with an error instead of waiting as a file database does (`make run`): look once the thread
    # has moved the job to 生成中 and is rendering.
    assert rendering.wait(10)
    page = client.get(response.url).content.decode()
    assert f'hx-get="/documents/{Job.objects.get().pk}/"' in page  # the page keeps asking for its progress
    job = Job.objects.get()
    assert job.status in {Job.Status.QUEUED, Job.Status.RUNNING}

    may_finish.set()
    deadline = time.monotonic() + 60
    while job.status != Job.Status.DONE and time.monotonic() < deadline:
        time.sleep(0.1)
        try:
            job.refresh_from_db()
        except OperationalError:  # the thread is writing its last move; see above
            continue
    assert job.status == Job.Status.DONE and job.file
    assert "打开PDF" in client.get(f"/documents/{job.pk}/").content.decode()
