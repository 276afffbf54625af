"""校务公开 / 厂务公开: categories, items and what happens to them.

An item moves through the table in ``flows.py``; each move is
made by one function in ``services.py`` and leaves an ``ItemStep`` on the timeline.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Department, Member
from unionportal.models import UnionKind
from unionportal.vocabulary import by_kind
from unionportal.workflow import Step

from .formatting import render_body


class Category(models.Model):
    """One content category (公开内容): the school set has 17, the enterprise set 7 (七公开)."""

    class Cadence(models.TextChoices):
        PERIODIC = "periodic", _("定期公开")
        PROMPT = "prompt", _("及时公开")
        ANYTIME = "anytime", _("随时公开")

    class Period(models.TextChoices):
        MONTHLY = "monthly", _("每月")
        TERMLY = "termly", by_kind(_("每学期"), _("每半年"))
        YEARLY = "yearly", _("每年")

    kind = models.CharField(_("单位类型"), max_length=20, choices=UnionKind, default=UnionKind.SCHOOL)
    name = models.CharField(_("名称"), max_length=100)
    cadence = models.CharField(_("公开时间"), max_length=10, choices=Cadence, default=Cadence.PROMPT)
    period = models.CharField(_("周期"), max_length=10, choices=Period, blank=True, help_text=_("定期公开时必填"))
    department = models.ForeignKey(
        Department, verbose_name=_("责任部门"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    tracked_from = models.DateField(_("考核起始日"), default=timezone.localdate)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("公开类别")
        verbose_name_plural = _("公开类别")
        ordering = ["kind", "sort_order", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.cadence == self.Cadence.PERIODIC and not self.period:
            raise ValidationError({"period": _("定期公开的类别须选择周期。")})
        if self.cadence != self.Cadence.PERIODIC:
            self.period = ""


class DisclosureItem(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PENDING = "pending", _("预审中")
        RETURNED = "returned", _("已退回")
        PUBLISHED = "published", _("公示中")
        RECTIFYING = "rectifying", _("整改中")
        CLOSED = "closed", _("无异议")
        ARCHIVED = "archived", _("已归档")

    class Audience(models.TextChoices):
        INTERNAL = "internal", _("对内（会员）")
        PUBLIC = "public", _("对外（公众）")

    S = Status
    # the transitions are the table in flows.py
    EDITABLE = {S.DRAFT, S.RETURNED, S.RECTIFYING}  # 整改: fixed, its files replaced, then published again
    ON_BOARD = {S.PUBLISHED, S.RECTIFYING, S.CLOSED, S.ARCHIVED}
    # 签阅 is asked while the item is on the board and still in hand; once archived (归档) the file is shut and
    # nobody is asked any more (what was signed stays)
    SIGNING = ON_BOARD - {S.ARCHIVED}

    category = models.ForeignKey(Category, verbose_name=_("类别"), on_delete=models.PROTECT, related_name="items")
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(
        _("内容"), help_text=_("空行分段；“# ”开头为小标题，“- ”或“1. ”开头为列表，“| 甲 | 乙 |”为表格，**加粗**。")
    )
    audience = models.CharField(_("公开对象"), max_length=10, choices=Audience, default=Audience.INTERNAL)
    needs_signature = models.BooleanField(_("需签阅"), default=False, help_text=_("对内事项：要求全体会员点“已阅”。"))
    department = models.ForeignKey(
        Department, verbose_name=_("责任部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    responsible = models.ForeignKey(
        Member, verbose_name=_("责任人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    period_start = models.DateField(_("公示开始"), null=True, blank=True)
    period_end = models.DateField(_("公示截止"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=Status, default=Status.DRAFT, db_index=True)
    published_on = models.DateField(_("首次公示日"), null=True, blank=True, db_index=True)
    review_comment = models.TextField(_("预审意见"), blank=True)
    rectification_note = models.TextField(_("整改情况"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("起草人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("起草时间"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("公开事项")
        verbose_name_plural = _("公开事项")
        ordering = ["-published_on", "-pk"]
        indexes = [
            models.Index(fields=["status", "audience", "-published_on"], name="disclosure_board_idx"),
            # the board in its order (ON_BOARD, which Meta cannot name), drafts left out: the newest page is the
            # index's first entries, where the index on published_on alone starts with every undated draft
            models.Index(
                fields=["-published_on", "-id"],
                condition=models.Q(status__in=["archived", "closed", "published", "rectifying"]),
                name="disclosure_on_board_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("disclosure:detail", args=[self.pk])

    def clean(self):
        if self.needs_signature and self.is_public:
            raise ValidationError({"needs_signature": _("对外公开的事项不需要签阅，签阅只用于对内事项。")})

    @property
    def body_html(self):
        return render_body(self.body)

    @property
    def is_public(self):
        return self.audience == self.Audience.PUBLIC

    @property
    def status_label(self):
        return self.label_of(self.status, self.status == self.Status.CLOSED and self.objections.exists())

    @classmethod
    def label_of(cls, status, had_objections, labels=None):
        """A closed item that had objections was not 无异议: they were answered. ``labels``: {status: label}, the
        labels a list translated once for its rows; else the enum's (not get_status_display(): a dict of every
        choice per call)."""
        if status == cls.Status.CLOSED and had_objections:
            return _("公示期满，异议已答复")
        return labels[status] if labels else cls.Status(status).label

    @property
    def on_board(self):
        return self.status in self.ON_BOARD

    @property
    def asks_signature(self):
        """需签阅 asked of the members now: an internal item marked so, on the board and not yet archived."""
        return self.needs_signature and not self.is_public and self.status in self.SIGNING

    def days_left(self, today=None):
        return self.days_left_of(self.status, self.period_end, today)

    @classmethod
    def days_left_of(cls, status, period_end, today=None):
        """Days of 公示 left, today included; None when not 公示中."""
        if status != cls.Status.PUBLISHED or not period_end:
            return None
        today = today or timezone.localdate()
        return max((period_end - today).days + 1, 0)

    def period_over(self, today=None):
        today = today or timezone.localdate()
        return bool(self.period_end) and today > self.period_end


class ItemStep(Step):
    """One dated step on an item's timeline: a move between states, or an objection filed or answered."""

    item = models.ForeignKey(DisclosureItem, verbose_name=_("事项"), on_delete=models.CASCADE, related_name="steps")

    class Meta(Step.Meta):
        verbose_name = _("办理步骤")
        verbose_name_plural = _("办理步骤")


class Attachment(models.Model):
    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        PNG = "png", "PNG"
        JPEG = "jpeg", "JPEG"
        XLSX = "xlsx", "Excel"
        DOCX = "docx", "Word"

    CONTENT_TYPES = {
        "pdf": "application/pdf",
        "png": "image/png",
        "jpeg": "image/jpeg",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }

    item = models.ForeignKey(
        DisclosureItem, verbose_name=_("事项"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("文件"), upload_to="disclosure/%Y/")
    name = models.CharField(_("文件名"), max_length=200)
    kind = models.CharField(_("类型"), max_length=5, choices=Kind)
    size = models.PositiveBigIntegerField(_("大小"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["pk"]

    def __str__(self):
        return self.name

    @property
    def content_type(self):
        return self.CONTENT_TYPES[self.kind]


class Objection(models.Model):
    """异议/意见 filed by a member on a published item, answered by union staff."""

    item = models.ForeignKey(
        DisclosureItem, verbose_name=_("事项"), on_delete=models.CASCADE, related_name="objections"
    )
    author = models.ForeignKey(Member, verbose_name=_("提出人"), on_delete=models.PROTECT, related_name="+")
    content = models.TextField(_("异议或意见"))
    created_at = models.DateTimeField(_("提出时间"), default=timezone.now)
    answer = models.TextField(_("答复"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("异议")
        verbose_name_plural = _("异议")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.content[:30]

    @property
    def answered(self):
        return self.answered_at is not None


class ReadReceipt(models.Model):
    """已阅: a member has read an internal item that asks for signatures (需签阅)."""

    item = models.ForeignKey(DisclosureItem, verbose_name=_("事项"), on_delete=models.CASCADE, related_name="receipts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("签阅人"), on_delete=models.CASCADE, related_name="+"
    )
    read_at = models.DateTimeField(_("签阅时间"), default=timezone.now)

    class Meta:
        verbose_name = _("签阅记录")
        verbose_name_plural = _("签阅记录")
        constraints = [models.UniqueConstraint(fields=["item", "user"], name="disclosure_receipt_once")]

    def __str__(self):
        return f"{self.item} {self.user}"


def term_bounds(day, kind=UnionKind.SCHOOL):
    """The school term (学期) holding ``day``: 春季 Feb–Jul, 秋季 Aug–Jan; an enterprise's half year (半年)."""
    if kind == UnionKind.ENTERPRISE:
        if day.month <= 6:
            return datetime.date(day.year, 1, 1), datetime.date(day.year, 6, 30)
        return datetime.date(day.year, 7, 1), datetime.date(day.year, 12, 31)
    if 2 <= day.month <= 7:
        return datetime.date(day.year, 2, 1), datetime.date(day.year, 7, 31)
    start_year = day.year if day.month >= 8 else day.year - 1
    return datetime.date(start_year, 8, 1), datetime.date(start_year + 1, 1, 31)
