"""Queue, run and retry background document jobs.

A job reaches the broker at least once and is rendered at most once: the sweep sends
again whatever the broker may not hold (a job it never took, or one lost with a Redis
that restarted, or one whose worker died), and ``run_job`` claims a job before
rendering it, so a second message for the same job finds it taken and does nothing.
"""

import logging
import threading
import time
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.utils import timezone
from django.utils.translation import gettext as _

from unionportal.vocabulary import union_kind_known
from unionportal.workflow import NotYet, WrongState

from .flows import FLOW
from .models import Job, stale_before
from .registry import document_for, output_of
from .rendering import render

logger = logging.getLogger(__name__)

# Failures another try cannot change: the object is gone, its data does not hold, the template is broken.
PERMANENT_ERRORS = (ValidationError, ObjectDoesNotExist, LookupError, TemplateDoesNotExist, TemplateSyntaxError)
# A job whose worker vanished this many times fails instead of going back to the queue:
# the job itself may be what kills the worker (out of memory).
MAX_ATTEMPTS = 3
# A job the broker took but no worker started within this time may have been lost with a
# Redis that restarted; sending it again is safe (run_job ignores a second message).
LOST_AFTER = timedelta(minutes=15)
# The job page asks for the progress every 2 s: a figure written more often is never seen, and a two-page letter,
# done in a tenth of a second, would spend a query on it.
PROGRESS_EVERY = 1.0  # seconds


def _move(job, action, **fields):
    """A move of the job's table (flows.py) made by the system: a worker or the sweep."""
    return FLOW.move(job, action, actor=None, **fields)


def _publish(job_id):
    """Hand the job to the broker, waiting at most DOCUMENT_DISPATCH_WAIT seconds: a Redis
    that is down costs redis-py several seconds of reconnecting, and a hung one longer.
    True if the broker took it in time. A send that succeeds later only makes a second
    message, which the claim in run_job ignores."""
    from .tasks import render_document

    sent = threading.Event()

    def send():
        try:
            render_document.apply_async(args=[job_id], retry=False)
        except Exception:  # kombu, redis-py and Celery each raise their own kinds for one outage
            logger.warning("broker unavailable; document job %s waits", job_id, exc_info=True)
        else:
            sent.set()

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    sender.join(settings.DOCUMENT_DISPATCH_WAIT)
    return sent.is_set()


def _run_in_process(job_id):
    """Without Redis the job runs in this process: at once (tests, scripts), or in a thread
    while the job page already shows its progress (``make run``); as the task would, without
    Celery's eager call around it."""
    if not settings.DOCUMENTS_IN_THREAD:
        run_job(job_id)  # the claim records when it was handed over
        return
    Job.objects.filter(pk=job_id).update(sent_at=timezone.now())

    def run():
        try:
            run_job(job_id)
        finally:
            connection.close()

    threading.Thread(target=run, daemon=True).start()


def _dispatch(job):
    """Send the job to a worker. Never raises: a job the broker does not take keeps
    ``sent_at`` empty, its page says that it waits, and the sweep sends it later."""
    from .tasks import render_document

    if render_document.app.conf.task_always_eager:
        _run_in_process(str(job.pk))
        return True
    if not _publish(str(job.pk)):
        return False
    Job.objects.filter(pk=job.pk, status=Job.Status.QUEUED).update(sent_at=timezone.now())
    return True


def recover_stalled_jobs():
    """A running job whose heartbeat stopped lost its worker (killed, out of memory, machine
    restarted). It goes back to the queue with a note its owner sees on the job page, or
    fails after MAX_ATTEMPTS tries."""
    recovered = 0
    stalled = Job.objects.filter(status=Job.Status.RUNNING).filter(
        Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=stale_before())
    )
    for job_id in stalled.values_list("pk", flat=True):
        with transaction.atomic():
            job = Job.objects.select_for_update().get(pk=job_id)
            if not job.is_stalled:
                continue  # its worker wrote a heartbeat or finished meanwhile
            when = timezone.localtime(job.heartbeat_at or timezone.now()).strftime("%H:%M")
            if job.attempts >= MAX_ATTEMPTS:
                message = _("后台进程在生成这份文档时已中断%(times)s次（最近一次约在%(when)s），已停止自动重试。") % {
                    "times": job.attempts,
                    "when": when,
                }
                _move(job, "fail", note=message, error=message, finished_at=timezone.now())
            else:
                note = _("约%(when)s生成中断（后台进程停止），已自动重新排队。") % {"when": when}
                _move(job, "requeue", note=note, progress=0, sent_at=None)
            recovered += 1
    return recovered


def sweep_jobs():
    """The beat's sweep: jobs whose worker died go back to the queue, then every queued job
    the broker may not hold is sent. Returns how many jobs were sent."""
    recover_stalled_jobs()
    waiting = Job.objects.filter(status=Job.Status.QUEUED).filter(
        Q(sent_at__isnull=True) | Q(sent_at__lt=timezone.now() - LOST_AFTER)
    )
    sent = 0
    for job in waiting.order_by("created_at"):
        if not _dispatch(job):
            break  # the broker is down; the next sweep tries again
        sent += 1
    return sent


def queue_document(*, owner, kind, params):
    """Record a job for one document and hand it to a worker once the row is committed."""
    document = document_for(kind)
    if not owner.has_perm(document.permission):
        raise PermissionDenied
    with transaction.atomic():  # the job and its first step in one commit (one WAL flush, not two)
        job = FLOW.start(Job(owner=owner, kind=kind, params=params, title=document.title(params)), "queue", actor=owner)
        transaction.on_commit(lambda: _dispatch(job))
    return job


def retry_job(*, job, actor=None):
    """A failed job goes back to the queue, with its old error cleared. One that failed for a
    reason another try cannot change is refused, saying why (the table's ``blocked``)."""
    job = FLOW.move(job, "retry", actor=actor, error="", progress=0, sent_at=None, note="")
    transaction.on_commit(lambda: _dispatch(job))
    return job


def _report_progress(job, percent):
    Job.objects.filter(pk=job.pk).update(progress=percent, heartbeat_at=timezone.now())


def _progress_reporter(job, clock=time.monotonic):
    """The ``report_progress`` a document gets: it writes the progress (and a heartbeat) at most once every
    PROGRESS_EVERY seconds, counted from the claim, which wrote both."""
    written = clock()

    def report(percent):
        nonlocal written
        now = clock()
        if now - written >= PROGRESS_EVERY:
            written = now
            _report_progress(job, percent)

    return report


@contextmanager
def _heartbeat(job):
    """Write the job's heartbeat from a thread while it renders, so that a long WeasyPrint
    run still shows a living worker and a dead one shows within minutes."""
    done = threading.Event()

    def beat():
        while not done.wait(settings.DOCUMENT_HEARTBEAT_SECONDS):
            try:
                Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(heartbeat_at=timezone.now())
            except DatabaseError:
                logger.warning("could not record the heartbeat of document job %s", job.pk, exc_info=True)
        connection.close()

    thread = threading.Thread(target=beat, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


def _claim(job_id):
    """Take the job for this worker: a queued one, or a running one whose worker died. None if it is finished
    or another living worker has it (a second message): the move refuses both under its lock (flows.py)."""
    try:
        with transaction.atomic():
            job = FLOW.lock(Job(pk=job_id))
            now = timezone.now()
            return _move(
                job,
                "start",
                locked=True,
                attempts=job.attempts + 1,
                progress=5,
                heartbeat_at=now,
                sent_at=job.sent_at or now,  # run in this process, it was never sent
            )
    except (WrongState, NotYet, Job.DoesNotExist):
        return None


@contextmanager
def _commits_unflushed():
    """The job's own commits (its claim, progress, finish) do not wait for PostgreSQL to flush them to disk,
    a few ms each where fsync is slow. A server crash may lose the last of them (under a second's worth), never
    half of one: the job then looks queued or running with a stopped heartbeat, and the sweep runs it again."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def run_job(job_id):
    """Render one job. Safe to run again: a finished or taken job is left alone, and the
    file is attached only once the whole document exists, so a killed worker leaves no
    half file behind and the job, sent again, starts over."""
    with _commits_unflushed():
        return _run_job(job_id)


def _run_job(job_id):
    job = _claim(job_id)
    if job is None:
        return Job.objects.filter(pk=job_id).first()
    with _heartbeat(job), union_kind_known():
        try:
            document = document_for(job.kind)
            report = _progress_reporter(job)
            context = document.context(job.params, report)
            report(60)
            output = output_of(document)
            if hasattr(document, "render"):
                content = document.render(document.template, context, report)
            else:
                content = render(output, document.template, context)
        except PERMANENT_ERRORS as error:
            message = (
                " ".join(error.messages)
                if isinstance(error, ValidationError)
                else _("无法生成这份文档（%(error)s）；所选内容可能已被删除或有误，请检查后重新提交。")
                % {"error": error.__class__.__name__}
            )
            return _move(job, "fail", note=message, error=message, retryable=False, finished_at=timezone.now())
        except Exception as error:
            logger.exception("document job %s failed", job.pk)
            message = _("生成文档时出错（%(error)s）。请稍后重试；若仍失败，请联系系统管理员。") % {
                "error": error.__class__.__name__
            }
            return _move(job, "fail", note=message, error=message, retryable=True, finished_at=timezone.now())
    job.file.save(f"{job.pk}.{output.extension}", ContentFile(content), save=False)
    return _move(job, "finish", file=job.file, progress=100, finished_at=timezone.now())
