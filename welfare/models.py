"""Hardship aid (帮扶): hardship files, applications for help, payments, campaigns, visits, donations.

An application moves through the table in ``flows.py``; each move is one function in
``services.py`` and leaves an ``ApplicationStep``. Every cash payment counts against the
yearly cap per person (``WelfareSettings``); only the chair may exceed it, and the override
is recorded on the payment. Statistics are counted in 人次 (payments) and 元.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Member
from unionportal.choices import choice_label
from unionportal.one_row import OneRow
from unionportal.workflow import Step

ZERO = Decimal("0.00")
USER = settings.AUTH_USER_MODEL


def money(label, **kwargs):
    kwargs.setdefault("default", ZERO)
    kwargs.setdefault("validators", [MinValueValidator(ZERO)])
    return models.DecimalField(label, max_digits=12, decimal_places=2, **kwargs)


class FundSource(models.TextChoices):
    UNION_FUNDS = "union", _("工会经费")
    HIGHER_UNION = "higher", _("上级补助")
    DONATIONS = "donations", _("捐款")
    ADMINISTRATION = "admin", _("行政")


class WelfareSettings(OneRow):
    """One row: the yearly cap of cash help per person (元), configurable by the chair."""

    yearly_cap_per_person = money(_("每人每年帮扶上限（元）"), default=Decimal("5000.00"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("帮扶设置")
        verbose_name_plural = _("帮扶设置")


class HardshipFile(models.Model):
    """困难职工档案: one per member in hardship, retirees included; reviewed yearly (动态管理)."""

    class Cause(models.TextChoices):
        ILLNESS = "illness", _("大病")
        DISABILITY = "disability", _("残疾")
        DISASTER = "disaster", _("灾害")
        EDUCATION = "education", _("子女教育")
        SINGLE_PARENT = "single_parent", _("单亲")
        UNEMPLOYED_SPOUSE = "unemployed", _("配偶失业")
        LOW_INCOME = "low_income", _("低收入")
        ALONE = "alone", _("鳏寡孤独")
        ACCIDENT = "accident", _("意外事故")
        OTHER = "other", _("其他")

    class Level(models.TextChoices):
        GENERAL = "general", _("一般困难")
        HARD = "hard", _("困难")
        SEVERE = "severe", _("特困")

    class Status(models.TextChoices):
        HELPING = "helping", _("帮扶中")
        RECOVERED = "recovered", _("已脱困")
        CANCELLED = "cancelled", _("已注销")

    member = models.ForeignKey(Member, verbose_name=_("职工"), on_delete=models.PROTECT, related_name="hardship_files")
    causes = models.JSONField(_("致困原因"), default=list)
    level = models.CharField(_("困难程度"), max_length=10, choices=Level, default=Level.GENERAL)
    single_parent_woman = models.BooleanField(_("单亲女职工"), default=False)
    household_size = models.PositiveSmallIntegerField(_("家庭人口"), default=1, validators=[MinValueValidator(1)])
    monthly_income_per_capita = money(_("家庭人均月收入（元）"))
    situation = models.TextField(_("困难情况"), blank=True)
    help_plan = models.TextField(_("帮扶计划"), blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status, default=Status.HELPING)
    opened_on = models.DateField(_("建档日期"))
    next_review_on = models.DateField(_("下次复核日期"))
    created_by = models.ForeignKey(
        USER, verbose_name=_("建档人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["next_review_on", "pk"]
        verbose_name = _("困难职工档案")
        verbose_name_plural = _("困难职工档案")

    def __str__(self):
        return _("%(name)s的困难档案") % {"name": self.member.name}

    def get_absolute_url(self):
        return reverse("welfare:file_detail", args=[self.pk])

    def clean(self):
        valid = set(self.Cause.values)
        if not self.causes or any(cause not in valid for cause in self.causes):
            raise ValidationError({"causes": _("请选择至少一项有效的致困原因。")})
        if self.next_review_on and self.opened_on and self.next_review_on < self.opened_on:
            raise ValidationError({"next_review_on": _("下次复核日期不能早于建档日期。")})

    def cause_labels(self):
        return [str(self.Cause(cause).label) for cause in self.causes if cause in self.Cause.values]

    @property
    def is_open(self):
        return self.status == self.Status.HELPING


class FileReview(models.Model):
    """A yearly review (动态管理) of a file: what changed, and the next review date."""

    file = models.ForeignKey(HardshipFile, verbose_name=_("档案"), on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("复核日期"))
    reviewer = models.ForeignKey(
        USER, verbose_name=_("复核人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changes = models.TextField(_("变化情况"))
    changed_fields = models.JSONField(_("变更项"), default=dict, blank=True)

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
        verbose_name = _("档案复核")
        verbose_name_plural = _("档案复核")

    def __str__(self):
        return f"{self.file} {self.reviewed_on}"


class FileAccessLog(models.Model):
    """Who read or changed which hardship file, and when; written on every read."""

    class Action(models.TextChoices):
        VIEW = "view", _("查看")
        EDIT = "edit", _("修改")
        EXPORT = "export", _("导出")
        LIST = "list", _("列表查看")

    file = models.ForeignKey(HardshipFile, verbose_name=_("档案"), on_delete=models.CASCADE, related_name="access_log")
    user = models.ForeignKey(USER, verbose_name=_("用户"), on_delete=models.PROTECT, related_name="+")
    action = models.CharField(_("操作"), max_length=10, choices=Action, default=Action.VIEW)
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("档案查阅记录")
        verbose_name_plural = _("档案查阅记录")

    def __str__(self):
        return f"{self.user} {self.get_action_display()} {self.file_id} {self.at:%Y-%m-%d %H:%M}"

    @property
    def reader_name(self):
        """The reader as people know them (their roster name), not their login name."""
        member = getattr(self.user, "member", None)
        return member.name if member else self.user.get_full_name() or self.user.username


class Application(models.Model):
    """An application for help (帮扶申请), by the member or by staff on the member's behalf."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("已提交")
        RETURNED = "returned", _("已退回")
        REVIEWED = "reviewed", _("已初审")
        REJECTED = "rejected", _("未通过")
        APPROVED = "approved", _("已批准")
        PAID = "paid", _("已发放")
        WITHDRAWN = "withdrawn", _("已撤回")

    S = Status
    # the transitions are the table in flows.py
    OPEN = {S.SUBMITTED, S.RETURNED, S.REVIEWED, S.APPROVED}
    EDITABLE = {S.RETURNED}  # corrected (and its attachments changed) only when sent back to the filer
    PENDING = {S.SUBMITTED, S.REVIEWED}  # waiting for the union's staff or chair, not the member

    member = models.ForeignKey(Member, verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="applications")
    applied_by = models.ForeignKey(USER, verbose_name=_("填报人"), on_delete=models.PROTECT, related_name="+")
    on_behalf = models.BooleanField(_("代为申请"), default=False)
    file = models.ForeignKey(
        HardshipFile, verbose_name=_("困难档案"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("申请事由"))
    amount_requested = money(_("申请金额（元）"))
    amount_approved = money(_("批准金额（元）"), null=True, blank=True, default=None)
    status = models.CharField(_("状态"), max_length=10, choices=Status, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    cap_override = models.BooleanField(_("主席批准超出年度上限"), default=False)
    cap_override_note = models.TextField(_("超限理由"), blank=True)

    history = HistoricalRecords()

    status_label = choice_label("status", Status)  # the dashboard and the list show it on every row

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("帮扶申请")
        verbose_name_plural = _("帮扶申请")
        indexes = [
            # the dashboard's 待办申请 (newest first) and their count, without reading every year's applications
            models.Index(
                fields=["-submitted_at", "-id"],
                condition=Q(status__in=["reviewed", "submitted"]),  # PENDING, in a fixed order for migrations
                name="welfare_pending_appl_idx",
            )
        ]

    def __str__(self):
        return _("%(name)s的帮扶申请") % {"name": self.member.name}

    def get_absolute_url(self):
        return reverse("welfare:application_detail", args=[self.pk])


class ApplicationStep(Step):
    """One dated move of an application on its timeline."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="steps")

    class Meta(Step.Meta):
        verbose_name = _("申请流程记录")
        verbose_name_plural = _("申请流程记录")


class ApplicationAttachment(models.Model):
    """A supporting paper of an application (医疗票据、证明、收入证明), a PDF or a picture, read by its content
    when uploaded and opened only through the portal by those who may open the application."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        PNG = "png", "PNG"
        JPEG = "jpeg", "JPEG"

    CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg"}

    application = models.ForeignKey(
        Application, verbose_name=_("帮扶申请"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("文件"), upload_to="welfare/applications/%Y/")
    name = models.CharField(_("文件名"), max_length=200)
    kind = models.CharField(_("类型"), max_length=5, choices=Kind)
    size = models.PositiveBigIntegerField(_("大小"))
    uploaded_by = models.ForeignKey(
        USER, verbose_name=_("上传人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("申请附件")
        verbose_name_plural = _("申请附件")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("welfare:application_attachment", args=[self.pk])

    @property
    def content_type(self):
        return self.CONTENT_TYPES[self.kind]


class Campaign(models.Model):
    """A care campaign (送温暖, 金秋助学, 节日慰问, 医疗互助…) with a budget and a recipient list."""

    class Kind(models.TextChoices):
        SPRING_FESTIVAL = "spring", _("春节送温暖")
        SCHOOL_AID = "school", _("金秋助学")
        FESTIVAL = "festival", _("节日慰问")
        MEDICAL = "medical", _("医疗互助")
        BIRTHDAY = "birthday", _("生日慰问")
        RETIREMENT = "retirement", _("退休慰问")
        OTHER = "other", _("其他")

    # gifts every member (or every retiree, every birthday) receives reveal nothing about anyone's hardship
    UNIVERSAL_KINDS = frozenset({Kind.FESTIVAL, Kind.BIRTHDAY, Kind.RETIREMENT})
    HARDSHIP_REASON = "困难档案"  # the 列入理由 of someone proposed for their hardship file

    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind, default=Kind.SPRING_FESTIVAL)
    year = models.PositiveSmallIntegerField(_("年度"))
    budget = money(_("预算（元）"))
    default_amount = money(_("每人标准（元）"))
    fund_source = models.CharField(_("经费来源"), max_length=10, choices=FundSource, default=FundSource.UNION_FUNDS)
    starts_on = models.DateField(_("开始日期"))
    due_on = models.DateField(_("完成期限"))
    closed = models.BooleanField(_("已结束"), default=False)
    confidential = models.BooleanField(
        _("名单保密"), default=True, help_text=_("保密的名单仅主席和帮扶专员可见；普惠慰问可交工会委员组织。")
    )
    publication = models.OneToOneField(
        "disclosure.DisclosureItem",
        verbose_name=_("名单公示"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-starts_on", "-pk"]
        verbose_name = _("慰问活动")
        verbose_name_plural = _("慰问活动")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("welfare:campaign_detail", args=[self.pk])

    def clean(self):
        if self.due_on and self.starts_on and self.due_on < self.starts_on:
            raise ValidationError({"due_on": _("完成期限不能早于开始日期。")})
        if not self.confidential and self.kind not in self.UNIVERSAL_KINDS:
            raise ValidationError(
                {"confidential": _("只有节日慰问、生日慰问和退休慰问的名单可以不保密；困难帮扶类活动的名单必须保密。")}
            )

    @classmethod
    def confidential_by_default(cls, kind):
        return kind not in cls.UNIVERSAL_KINDS

    def has_hardship_basis(self):
        """A hardship-based kind, or someone on the list for their hardship file: the list stays confidential."""
        if self.kind not in self.UNIVERSAL_KINDS:
            return True
        return self.pk is not None and self.recipients.filter(reason=self.HARDSHIP_REASON).exists()

    def behind_schedule(self, *, listed, delivered, today):
        """Behind schedule: open, and the share of its ``listed`` people ``delivered`` trails the share of time
        elapsed (or past due)."""
        if self.closed or today < self.starts_on or listed == 0 or delivered == listed:
            return False
        if today > self.due_on:
            return True
        span = max((self.due_on - self.starts_on).days, 1)
        return delivered / listed < (today - self.starts_on).days / span

    def payment_kind(self):
        """What the campaign hands out: 助学金 for 金秋助学, 慰问金 otherwise."""
        return Payment.Kind.SCHOOL_AID if self.kind == self.Kind.SCHOOL_AID else Payment.Kind.CONDOLENCE

    def planned_total(self):
        return (self.recipients.aggregate(total=Sum("amount"))["total"] or ZERO).quantize(ZERO)

    def overrides_total(self):
        if hasattr(self, "extra_total"):  # annotated by selectors.campaigns()
            return self.extra_total.quantize(ZERO)
        return (self.overrides.aggregate(total=Sum("extra"))["total"] or ZERO).quantize(ZERO)

    def spending_limit(self):
        return self.budget + self.overrides_total()

    def spent(self):
        """Cash actually paid under the campaign, on its list or not (a request still in the funds chain is
        not spent yet)."""
        if hasattr(self, "paid_total"):  # annotated by selectors.campaigns()
            return self.paid_total.quantize(ZERO)
        return (self.payments.paid().aggregate(total=Sum("amount"))["total"] or ZERO).quantize(ZERO)

    def committed(self):
        """Cash paid or asked for under the campaign: what its budget must still hold."""
        return (self.payments.aggregate(total=Sum("amount"))["total"] or ZERO).quantize(ZERO)


class CampaignOverride(models.Model):
    """The chair's recorded permission to spend beyond a campaign's budget."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="overrides")
    extra = money(_("超出金额（元）"))
    by = models.ForeignKey(USER, verbose_name=_("批准人"), on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    note = models.TextField(_("理由"))

    class Meta:
        ordering = ["at"]
        verbose_name = _("超预算批准")
        verbose_name_plural = _("超预算批准")

    def __str__(self):
        return f"{self.campaign}: +{self.extra}"


class PaymentQuerySet(models.QuerySet):
    def paid(self):
        """What was actually handed over: the only rows that totals, 公示 and registers count."""
        return self.filter(status=Payment.Status.PAID)


class Payment(models.Model):
    """One payment (人次) of cash in 元 or goods to a member, from a fund source. Cash leaves only through
    the funds chain (``welfare.payouts``): the row waits (审批中) on its expense request and becomes 已发放,
    with the expense's voucher number, date and approver, when the accountant pays it. Handing over a
    donation drive's takings is not help from the union and lives on ``DonationDrive``, not here."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("经费审批中")
        APPROVED = "approved", _("经费已审批，待支付")
        RETURNED = "returned", _("经费申请被退回")
        REFUSED = "refused", _("经费未获批准")
        WITHDRAWN = "withdrawn", _("经费申请已撤回")
        PAID = "paid", _("已发放")

    # a refused, returned or withdrawn request can be asked again or the payment cancelled
    STUCK = {Status.RETURNED, Status.REFUSED, Status.WITHDRAWN}

    class Kind(models.TextChoices):
        HARDSHIP_GRANT = "grant", _("困难补助金")
        CONDOLENCE = "condolence", _("慰问金")
        SERIOUS_ILLNESS = "illness", _("大病救助")
        SCHOOL_AID = "school", _("助学金")
        GOODS = "goods", _("慰问品")
        OTHER = "other", _("其他")

    member = models.ForeignKey(
        Member, verbose_name=_("领取人"), on_delete=models.PROTECT, related_name="welfare_payments"
    )
    kind = models.CharField(_("类型"), max_length=10, choices=Kind, default=Kind.HARDSHIP_GRANT)
    amount = money(_("金额（元）"))
    goods = models.CharField(_("物品"), max_length=200, blank=True)
    fund_source = models.CharField(_("经费来源"), max_length=10, choices=FundSource, default=FundSource.UNION_FUNDS)
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("慰问活动"), null=True, blank=True, on_delete=models.PROTECT, related_name="payments"
    )
    application = models.OneToOneField(
        Application, verbose_name=_("帮扶申请"), null=True, blank=True, on_delete=models.PROTECT, related_name="payment"
    )
    status = models.CharField(_("状态"), max_length=10, choices=Status, default=Status.PAID)
    expense = models.ForeignKey(
        "funds.Expense",
        verbose_name=_("支出申请"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="welfare_payments",
    )
    voucher_number = models.CharField(_("凭证号"), max_length=30, blank=True)
    approver = models.ForeignKey(
        USER,
        verbose_name=_("审批人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("批准这笔支出的主席，支付后由经费审批带入。"),
    )
    recorded_by = models.ForeignKey(USER, verbose_name=_("登记人"), on_delete=models.PROTECT, related_name="+")
    paid_on = models.DateField(_("发放日期"), help_text=_("支付前为申请日期，支付后为财务支付日期。"))
    signed_off = models.BooleanField(_("本人已签收"), default=False)
    signed_off_on = models.DateField(_("签收日期"), null=True, blank=True)
    cap_override = models.BooleanField(_("超出年度上限"), default=False)
    cap_override_note = models.TextField(_("超限理由"), blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    history = HistoricalRecords()
    objects = PaymentQuerySet.as_manager()

    class Meta:
        ordering = ["-paid_on", "-pk"]
        verbose_name = _("帮扶发放")
        verbose_name_plural = _("帮扶发放")
        indexes = [
            # payments_between(): a year's handed-over payments for the totals, registers and annual report
            models.Index(fields=["paid_on"], condition=Q(status="paid"), name="welfare_paid_payment_idx")
        ]

    def __str__(self):
        return f"{self.member} {self.get_kind_display()} {self.amount}"

    def clean(self):
        if self.amount == ZERO and not self.goods:
            raise ValidationError(_("请填写发放金额或慰问物品。"))
        if self.signed_off and not self.signed_off_on:
            raise ValidationError({"signed_off_on": _("请填写签收日期。")})


class CampaignRecipient(models.Model):
    """A member on a campaign's list, with the amount planned for them; paid once a payment exists."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="recipients")
    member = models.ForeignKey(Member, verbose_name=_("对象"), on_delete=models.PROTECT, related_name="+")
    amount = money(_("金额（元）"))
    reason = models.CharField(_("列入理由"), max_length=50, blank=True)
    payment = models.OneToOneField(Payment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["member__name_pinyin"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "member"], name="welfare_one_recipient_per_campaign")
        ]
        verbose_name = _("慰问对象")
        verbose_name_plural = _("慰问对象")

    def __str__(self):
        return f"{self.campaign}: {self.member}"


class VisitOccasion(models.Model):
    """Occasions for a visit (住院, 直系亲属去世, 婚丧, 生日, 退休, 节日, 其他…), configurable. An occasion
    with a visit deadline is a life event: recording one opens a care task (关怀任务) due that many days on."""

    name = models.CharField(_("名称"), max_length=20, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    usual_amount = money(_("慰问标准（元）"), help_text=_("工会对此事由通常的慰问金额。"))
    visit_within_days = models.PositiveSmallIntegerField(
        _("走访期限（天）"), null=True, blank=True, help_text=_("留空则此事由不生成关怀任务。")
    )

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("慰问事由")
        verbose_name_plural = _("慰问事由")

    def __str__(self):
        return self.name


class Visit(models.Model):
    """A visit or condolence (走访/慰问) to a member, by one or more visitors."""

    member = models.ForeignKey(
        Member, verbose_name=_("慰问对象"), on_delete=models.PROTECT, related_name="welfare_visits"
    )
    occasion = models.ForeignKey(VisitOccasion, verbose_name=_("事由"), on_delete=models.PROTECT)
    visited_on = models.DateField(_("慰问日期"))
    visitors = models.ManyToManyField(Member, verbose_name=_("慰问人"), related_name="welfare_visits_made")
    gifts = models.CharField(_("慰问品"), max_length=200, blank=True)
    payment = models.OneToOneField(
        Payment, verbose_name=_("慰问金"), null=True, blank=True, on_delete=models.SET_NULL, related_name="visit"
    )
    notes = models.TextField(_("情况记录"), blank=True)
    recorded_by = models.ForeignKey(USER, verbose_name=_("登记人"), on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-visited_on", "-pk"]
        verbose_name = _("走访慰问")
        verbose_name_plural = _("走访慰问")

    def __str__(self):
        return f"{self.visited_on} {self.member} {self.occasion}"


class CareTask(models.Model):
    """关怀任务: a life event (住院, 直系亲属去世, 婚育, 退休, 去世) that calls for a visit by a due date, so that
    no one is forgotten. It closes when the visit for that person and occasion is recorded."""

    member = models.ForeignKey(Member, verbose_name=_("慰问对象"), on_delete=models.PROTECT, related_name="care_tasks")
    occasion = models.ForeignKey(VisitOccasion, verbose_name=_("事由"), on_delete=models.PROTECT)
    happened_on = models.DateField(_("发生日期"))
    due_on = models.DateField(_("走访期限"))
    amount = money(_("慰问标准（元）"))
    note = models.CharField(_("情况"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        USER, verbose_name=_("登记人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    visit = models.OneToOneField(
        Visit, verbose_name=_("走访记录"), null=True, blank=True, on_delete=models.SET_NULL, related_name="task"
    )

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "occasion"], condition=models.Q(visit=None), name="welfare_one_open_care_task"
            )
        ]
        verbose_name = _("关怀任务")
        verbose_name_plural = _("关怀任务")

    def __str__(self):
        return f"{self.member} {self.occasion}"


class DonationDrive(models.Model):
    """爱心捐款: an appeal for a beneficiary; members pledge; the total is handed over (移交) to the
    beneficiary, the upper union or a charity. The hand-over is colleagues' money passing through,
    so it is never a ``Payment``: it counts neither against the yearly cap nor in the help totals. It
    leaves through the funds chain (``expense``); ``handed_over_on`` is the day the accountant paid it."""

    title = models.CharField(_("标题"), max_length=100)
    appeal = models.TextField(_("倡议书"))
    beneficiary = models.ForeignKey(
        Member, verbose_name=_("受助人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_on = models.DateField(_("发起日期"))
    closes_on = models.DateField(_("截止日期"))
    handed_over_on = models.DateField(_("转交日期"), null=True, blank=True)
    handed_over_amount = money(_("转交金额（元）"), null=True, blank=True, default=None)
    handed_over_to = models.CharField(_("接收方"), max_length=100, blank=True)
    expense = models.ForeignKey(
        "funds.Expense",
        verbose_name=_("移交支出申请"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("移交走工会经费审批，财务支付之日即转交日期"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened_on", "-pk"]
        verbose_name = _("爱心捐款")
        verbose_name_plural = _("爱心捐款")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("welfare:drive_detail", args=[self.pk])

    def pledged_total(self):
        return (self.pledges.aggregate(total=Sum("amount"))["total"] or ZERO).quantize(ZERO)


class Pledge(models.Model):
    drive = models.ForeignKey(DonationDrive, on_delete=models.CASCADE, related_name="pledges")
    member = models.ForeignKey(Member, verbose_name=_("捐款人"), on_delete=models.PROTECT, related_name="+")
    amount = money(_("金额（元）"), validators=[MinValueValidator(Decimal("0.01"))])
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("捐款认捐")
        verbose_name_plural = _("捐款认捐")

    def __str__(self):
        return f"{self.member} {self.amount}"
