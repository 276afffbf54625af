"""A document job's transition table: queued → running → done or failed, and back to the queue when its
worker died (the sweep) or its owner retries a failure another try may cure. Every move but the retry is
made by the system (a worker, the beat's sweep), so ``actor`` is None and no button shows for it; a
queued or running job is moved on by the sweep (``moved_by_system``), not by a person."""

import rules
from django.utils.translation import gettext_lazy as _

from unionportal.workflow import Action, Workflow

from .models import Job, JobStep

S = Job.Status


@rules.predicate
def owns_job(user, job):
    return job is not None and user.is_authenticated and job.owner_id == user.pk


def _taken(job):
    """A running job whose worker still beats is hers: a second message for it leaves it alone."""
    if job.status == S.RUNNING and not job.is_stalled:
        return _("另一个后台进程正在生成这份文档。")
    return None


def _not_retryable(job):
    if job.retryable:
        return None
    return _("这份文档失败的原因重试也无法消除：%(error)s 请修改内容后重新提交。") % {"error": job.error}


FLOW = Workflow(
    Job,
    steps=JobStep,
    noun=_("文档任务"),
    url_name="documents:act",
    final={S.DONE},
    moved_by_system={S.QUEUED, S.RUNNING},
    step_labels={"queue": _("提交生成")},
    actions=[
        # a queued job, or a running one whose worker died (no heartbeat), taken by a worker
        Action("start", {S.QUEUED, S.RUNNING}, S.RUNNING, label=_("开始生成"), blocked=_taken),
        Action("requeue", {S.RUNNING}, S.QUEUED, label=_("中断后重新排队")),
        Action("finish", {S.RUNNING}, S.DONE, label=_("生成完成")),
        Action("fail", {S.RUNNING}, S.FAILED, label=_("生成失败")),
        Action(
            "retry",
            {S.FAILED},
            S.QUEUED,
            label=_("重试"),
            allowed=owns_job,
            blocked=_not_retryable,
            service="unionportal.documents.services.retry_job",
            done=_("已重新排队生成。"),
            style="outline-danger",
        ),
    ],
)
