import uuid
from datetime import timedelta
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from unionportal.workflow import Step

from .registry import document_for, output_of, word_copy_of
from .rendering import OUTPUTS


def stale_before():
    """A running job whose last heartbeat is older than this lost its worker."""
    return timezone.now() - timedelta(seconds=4 * settings.DOCUMENT_HEARTBEAT_SECONDS)


class Job(models.Model):
    """A document rendered in the background. Its owner alone may open it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("生成中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    # the transitions are the table in flows.py

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.CASCADE)
    kind = models.CharField(_("文档类型"), max_length=50)
    title = models.CharField(_("标题"), max_length=200)
    params = models.JSONField(_("参数"), default=dict, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("进度"), default=0)
    error = models.TextField(_("失败原因"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    sent_at = models.DateTimeField(_("交给后台时间"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("最近心跳"), null=True, blank=True)
    note = models.CharField(_("处理记录"), max_length=200, blank=True)
    retryable = models.BooleanField(_("可重试"), default=True)
    file = models.FileField(_("文件"), upload_to="documents/%Y/%m/", blank=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"])]
        verbose_name = _("文档任务")
        verbose_name_plural = _("文档任务")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("documents:job", args=[self.pk])

    def clean_fields(self, exclude=None):
        # Not the owner: she queued the job and it goes with her account (CASCADE), so the check of each
        # move (workflow.move runs full_clean) would spend a query looking her up to learn nothing.
        super().clean_fields(exclude={*(exclude or ()), "owner"})

    @property
    def is_finished(self):
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def is_stalled(self):
        """Running, but its worker's heartbeat stopped: killed, out of memory, machine restarted."""
        return self.status == self.Status.RUNNING and (self.heartbeat_at is None or self.heartbeat_at < stale_before())

    @property
    def is_waiting_for_broker(self):
        return self.status == self.Status.QUEUED and self.sent_at is None

    @property
    def output(self):
        """The format of the finished file, told by its extension, or, before it exists, by its kind."""
        if self.file:
            return OUTPUTS[PurePath(self.file.name).suffix.removeprefix(".")]
        try:
            return output_of(document_for(self.kind))
        except LookupError:
            return OUTPUTS["pdf"]

    @property
    def word_copy_kind(self):
        """The kind of this document's Word copy, when it is an official document printed as PDF."""
        return word_copy_of(self.kind)

    @property
    def filename(self):
        return f"{self.title}.{self.output.extension}"


class JobStep(Step):
    """One move of a job: taken by a worker, interrupted and queued again, done, failed, retried."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="steps")

    class Meta(Step.Meta):
        verbose_name = _("文档任务记录")
        verbose_name_plural = _("文档任务记录")


class AnnualReport(models.Model):
    """The chair's own words in the annual union work report (年度工会工作报告);
    the figures come from the year's data when the report is compiled."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    opening = models.TextField(_("开篇"), blank=True, help_text=_("总体情况与指导思想，每段一行"))
    problems = models.TextField(_("存在的问题"), blank=True, help_text=_("每条一行"))
    plans = models.TextField(_("今后打算"), blank=True, help_text=_("每条一行"))
    # The chair's own words beside each chapter's figures, by chapter heading (基本情况, 民主管理 …).
    chapter_texts = models.JSONField(_("各章叙述"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("年度工作报告")
        verbose_name_plural = _("年度工作报告")

    def __str__(self):
        return _("%(year)s年度工会工作报告") % {"year": self.year}
