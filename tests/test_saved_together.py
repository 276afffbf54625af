"""An object's row and its step in one statement on PostgreSQL (unionportal/saved_together.py), and the same rows
written the usual way wherever that one statement would skip something."""

import pytest
from django.db import connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from congress.models import Suggestion
from disclosure.tests.factories import make_item
from unionportal.documents.flows import FLOW as JOBS
from unionportal.documents.models import Job, JobStep
from unionportal.saved_together import save_together
from unionportal.workflow import flow_for

pytestmark = pytest.mark.django_db
ON_POSTGRESQL = connection.vendor == "postgresql"


def _writes(queries):
    return [query["sql"] for query in queries if not query["sql"].startswith(("SAVEPOINT", "RELEASE"))]


def _queued(user):
    return Job.objects.create(owner=user, kind="notice", params={"title": "通知"}, title="通知")


def test_a_move_of_a_plain_model_writes_its_row_and_step_in_one_statement_on_postgresql(users):
    job = _queued(users["staff"])
    with transaction.atomic():
        locked = JOBS.lock(job)
        with CaptureQueriesContext(connection) as queries:
            JOBS.move(locked, "start", actor=None, locked=True, attempts=1, progress=5)
    writes = _writes(queries)
    if ON_POSTGRESQL:
        (statement,) = writes
        assert 'UPDATE "documents_job"' in statement and 'INSERT INTO "documents_jobstep"' in statement
    else:
        assert [text.split()[0] for text in writes] == ["UPDATE", "INSERT"]
    job.refresh_from_db()
    assert (job.status, job.attempts, job.progress) == (Job.Status.RUNNING, 1, 5)
    step = job.steps.get(action="start")
    assert (step.from_status, step.to_status, step.actor) == ("queued", "running", None)


def test_the_step_comes_back_with_its_key_as_a_saved_row(users):
    job = _queued(users["staff"])
    job.progress = 40
    step = JobStep(job=job, action="start", from_status="queued", to_status="queued", note="中途")
    save_together(job, step, ["progress"])
    assert step.pk == JobStep.objects.get(note="中途").pk and not step._state.adding
    job.refresh_from_db()
    assert job.progress == 40


def test_a_new_object_starts_with_its_first_step_in_one_statement_on_postgresql(users):
    with CaptureQueriesContext(connection) as queries:
        new = Job(owner=users["staff"], kind="notice", params={}, title="通知")
        job = JOBS.start(new, "queue", actor=users["staff"])
    assert len(_writes(queries)) == (1 if ON_POSTGRESQL else 2)
    saved = Job.objects.get(pk=job.pk)
    assert saved.status == Job.Status.QUEUED and saved.created_at is not None
    step = saved.steps.get()
    assert (step.action, step.from_status, step.to_status, step.actor) == ("queue", "", "queued", users["staff"])


def test_a_new_object_whose_key_the_database_chooses_is_saved_before_its_step(users):
    flow = flow_for(Suggestion)
    with CaptureQueriesContext(connection) as queries:
        suggestion = flow.start(
            Suggestion(title="食堂延长晚餐时间", content="建议延长至19点。", submitted_on=timezone.localdate()),
            "submit",
            actor=users["member"],
        )
    assert [text.split()[0] for text in _writes(queries)] == ["INSERT", "INSERT"]
    assert suggestion.pk is not None and suggestion.steps.get().to_status == Suggestion.Status.NEW


def test_a_model_whose_saves_are_watched_saves_as_usual_and_keeps_its_history(users):
    item = make_item("pending")
    histories = item.history.count()
    with CaptureQueriesContext(connection) as queries:
        flow_for(item).move(item, "return", actor=users["staff"], review_comment="补充明细")
    writes = [text for text in _writes(queries) if text.startswith(("UPDATE", "INSERT", "WITH"))]
    assert not [text for text in writes if text.startswith("WITH")]
    assert item.history.count() == histories + 1 and item.steps.filter(action="return").exists()


def test_a_value_the_database_works_out_is_saved_as_usual(users):
    job = _queued(users["staff"])
    job.attempts = F("attempts") + 2
    save_together(job, JobStep(job=job, action="start", to_status="queued"), ["attempts"])
    job.refresh_from_db()
    assert job.attempts == 2 and job.steps.filter(action="start").exists()
