"""Document jobs move through their table (documents/flows.py) like every other state machine: each move
is a step on the job's record, the worker's moves are the system's, and the owner's one button is 重试."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from unionportal.documents import services
from unionportal.documents.models import Job
from unionportal.documents.tests.test_notice import NOTICE


def _failed(users):
    return Job.objects.create(
        owner=users["staff"], kind="notice", params=NOTICE, title="通知", status=Job.Status.FAILED, error="磁盘已满"
    )


def test_a_rendered_job_records_each_move_as_the_systems(users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.queue_document(owner=users["staff"], kind="notice", params=NOTICE)
    steps = list(job.steps.values_list("action", "from_status", "to_status", "actor"))
    assert steps == [
        ("queue", "", "queued", users["staff"].pk),
        ("start", "queued", "running", None),
        ("finish", "running", "done", None),
    ]


def test_an_interrupted_job_tells_its_record_why_it_ran_again(users, client_as):
    job = Job.objects.create(
        owner=users["staff"],
        kind="notice",
        params=NOTICE,
        title="通知",
        status=Job.Status.RUNNING,
        attempts=1,
        heartbeat_at=timezone.now() - timedelta(minutes=5),
    )
    services.sweep_jobs()
    requeued = job.steps.get(action="requeue")
    assert requeued.label == "中断后重新排队" and "已自动重新排队" in requeued.note
    assert [s.action for s in job.steps.all()] == ["requeue", "start", "finish"]
    record = client_as("staff").get(job.get_absolute_url()).content.decode()
    assert "生成记录" in record and "中断后重新排队" in record and "生成完成" in record


@pytest.mark.parametrize("action", ["start", "finish", "fail", "requeue"])
def test_the_owner_cannot_press_what_only_the_system_does(action, users, client_as):
    job = _failed(users)
    response = client_as("staff").post(f"/documents/{job.pk}/{action}/", {"state": "failed"}, follow=True)
    assert "不能" in response.content.decode()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and not job.steps.exists()


def test_a_retry_from_a_stale_page_changes_nothing(users, client_as, django_capture_on_commit_callbacks):
    job = _failed(users)
    client = client_as("staff")
    assert 'data-action="retry"' in client.get(job.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.retry_job(job=job, actor=users["staff"])  # in another tab
    response = client.post(f"/documents/{job.pk}/retry/", {"state": "failed"}, follow=True)
    assert "已被他人处理，现在是“已完成”" in response.content.decode()
    assert job.steps.filter(action="retry").count() == 1


def test_a_job_from_its_queueing_to_its_file_takes_few_queries(users, django_capture_on_commit_callbacks):
    """Its rows are bookkeeping beside WeasyPrint: the job and its first step in one commit, the claim under
    a lock (which records when it was handed over), the progress, the union's fonts, the finish; no move looks
    its owner up again. On PostgreSQL two more turn the flush of its commits off and back on."""
    users["staff"].has_perm("documents.write_notice")  # her roles read before, as the request that asks has them
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        services.queue_document(owner=users["staff"], kind="notice", params=NOTICE)
    assert len(queries) <= (17 if connection.vendor == "postgresql" else 15), "\n".join(q["sql"] for q in queries)
    assert not [query for query in queries if "auth_user" in query["sql"]]


def _progress_writes(queries):
    return [query["sql"] for query in queries if query["sql"].startswith('UPDATE "documents_job" SET "progress"')]


def test_a_job_done_within_a_second_writes_no_progress_between_its_claim_and_its_finish(
    users, django_capture_on_commit_callbacks
):
    """Its page, asking every 2 s, would never show it."""
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        job = services.queue_document(owner=users["staff"], kind="notice", params=NOTICE)
    assert _progress_writes(queries) == []
    job.refresh_from_db()
    assert (job.status, job.progress) == (Job.Status.DONE, 100)


def test_a_longer_job_writes_its_progress_and_heartbeat_once_a_second_at_most(users):
    job = Job.objects.create(owner=users["staff"], kind="notice", params=NOTICE, title="通知", status="running")
    now = iter([100.0, 100.4, 101.1, 101.5, 102.0, 102.2])  # the claim, then five reports
    report = services._progress_reporter(job, clock=lambda: next(now))
    with CaptureQueriesContext(connection) as queries:
        for percent in (10, 20, 30, 40, 50):
            report(percent)
    assert len(_progress_writes(queries)) == 2  # at 101.1 s and at 102.2 s
    job.refresh_from_db()
    assert job.progress == 50 and job.heartbeat_at is not None


def test_a_jobs_own_commits_do_not_wait_for_the_disk(users, django_capture_on_commit_callbacks):
    """Its claim, progress and finish may be lost in a server crash (the sweep runs the job again); the job
    itself, as its owner was told it is queued, and the request's connection afterwards, are flushed."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        job = services.queue_document(owner=users["staff"], kind="notice", params=NOTICE)
    sql = [query["sql"] for query in queries]
    claim = next(i for i, text in enumerate(sql) if "FOR UPDATE" in text)
    queued = next(i for i, text in enumerate(sql) if 'INSERT INTO "documents_job"' in text)
    assert queued < sql.index("SET synchronous_commit TO OFF") < claim
    assert sql[-1] == "RESET synchronous_commit"
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone() == ("on",)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.sent_at is not None
