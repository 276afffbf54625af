"""Queue, run and retry background document jobs."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError

from .models import Job
from .registry import document_for, output_of
from .rendering import render

logger = logging.getLogger(__name__)


def _move(job, status, **fields):
    if status not in Job.TRANSITIONS[job.status]:
        raise ValidationError(
            _("文档任务不能从“%(old)s”变为“%(new)s”。")
            % {"old": job.get_status_display(), "new": Job.Status(status).label}
        )
    job.status = status
    for name, value in fields.items():
        setattr(job, name, value)
    job.save(update_fields=["status", *fields])


def _dispatch(job):
    """Hand the job to the broker. If the broker is down the job keeps
    ``sent_at`` empty and ``send_waiting_jobs`` sends it once the broker is back."""
    from .tasks import render_document

    if not Job.objects.filter(pk=job.pk, sent_at__isnull=True).update(sent_at=timezone.now()):
        return  # another sweep sent it already
    try:
        render_document.apply_async(args=[str(job.pk)], retry=False)
    except OperationalError:
        logger.warning("broker unavailable; document job %s waits", job.pk)
        Job.objects.filter(pk=job.pk).update(sent_at=None)


def send_waiting_jobs():
    """Send every job that was queued while the broker was unreachable."""
    waiting = Job.objects.filter(status=Job.Status.QUEUED, sent_at__isnull=True)
    for job in waiting:
        _dispatch(job)
    return len(waiting)


def queue_document(*, owner, kind, params):
    """Record a job for one document and hand it to a worker once the row is committed."""
    document = document_for(kind)
    if not owner.has_perm(document.permission):
        raise PermissionDenied
    job = Job.objects.create(owner=owner, kind=kind, params=params, title=document.title(params))
    transaction.on_commit(lambda: _dispatch(job))
    return job


def retry_job(*, job):
    """A failed job goes back to the queue, with its old error cleared."""
    _move(job, Job.Status.QUEUED, error="", progress=0, sent_at=None)
    transaction.on_commit(lambda: _dispatch(job))
    return job


def _report_progress(job, percent):
    Job.objects.filter(pk=job.pk).update(progress=percent)


def run_job(job_id):
    """Render one job. Safe to run again: a finished job is left alone, and the
    file is attached only once the whole document exists, so a killed worker leaves
    no half file behind and the redelivered task starts over."""
    job = Job.objects.get(pk=job_id)
    if job.status in {Job.Status.DONE, Job.Status.FAILED}:
        return job
    _move(job, Job.Status.RUNNING, attempts=job.attempts + 1, progress=5)
    try:
        document = document_for(job.kind)
        context = document.context(job.params, lambda percent: _report_progress(job, percent))
        _report_progress(job, 60)
        output = output_of(document)
        content = render(output, document.template, context)
    except ValidationError as error:
        _move(job, Job.Status.FAILED, error=" ".join(error.messages), finished_at=timezone.now())
        return job
    except Exception as error:
        logger.exception("document job %s failed", job.pk)
        message = _("生成文档时出错（%(error)s）。请稍后重试；若仍失败，请联系系统管理员。") % {
            "error": error.__class__.__name__
        }
        _move(job, Job.Status.FAILED, error=message, finished_at=timezone.now())
        return job
    job.file.save(f"{job.pk}.{output.extension}", ContentFile(content), save=False)
    _move(job, Job.Status.DONE, file=job.file, progress=100, finished_at=timezone.now())
    return job
