"""The union's money (工会经费): the chart of accounts (科目), funds, the yearly budget, the ledger, expense
requests and the 经审 audits.

Every 元 that comes in or goes out is one ``Entry`` of the ledger (收支明细账) under a unique voucher number
(凭证号); reports are sums over entries and nothing else. An expense request becomes an entry only when it is
paid, after 财务审核 → 验收 → 主席审批. Budgets, adjustments and expenses move through the transition tables
of ``flows.py`` (the workflow kernel), each move leaving a step on the object's timeline.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from unionportal.workflow import Step

ZERO = Decimal("0.00")
USER = settings.AUTH_USER_MODEL


def money(label, **kwargs):
    return models.DecimalField(label, max_digits=14, decimal_places=2, **kwargs)


def share(label, default, help_text):
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=4,
        default=Decimal(default),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=help_text,
    )


class Account(models.Model):
    """A 科目 of the chart: an income or expense category, or a sub-category under one (送温暖费 under 维权支出)."""

    class Kind(models.TextChoices):
        INCOME = "income", _("收入")
        EXPENSE = "expense", _("支出")

    code = models.CharField(_("科目编码"), max_length=12, unique=True)
    name = models.CharField(_("科目名称"), max_length=60)
    kind = models.CharField(_("类别"), max_length=8, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级科目"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("科目")
        verbose_name_plural = _("科目")

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def top(self):
        return self.parent if self.parent_id else self


class Fund(models.Model):
    """A pot of money with its own balance: the general union funds, or a dedicated fund (专项基金) such as
    困难职工救助基金 whose money may be spent only on its purpose and never below zero."""

    name = models.CharField(_("资金名称"), max_length=60, unique=True)
    is_dedicated = models.BooleanField(_("专项基金"), default=False)
    opening_balance = money(_("期初余额（元）"), default=ZERO)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True, help_text=_("停用后不能再记收支，已有记录保留"))

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("资金")
        verbose_name_plural = _("资金")

    def __str__(self):
        return self.name


class YearSettings(models.Model):
    """The rules of one year. Shares change with the upper union's rules; an earlier year keeps its own, so a
    change this year does not rewrite what last year's reports say."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    dues_hand_up_share = share(
        _("会费上缴比例"), "0", _("会费全部留归基层工会使用，默认 0；上级工会另有规定时填写，如 0.1000 即 10%")
    )
    allocation_rate = share(_("拨缴比例"), "0.02", _("单位按职工工资总额拨缴工会经费的比例，默认 2%"))
    allocation_retained_share = share(
        _("拨缴经费留成比例"), "0.6", _("拨缴经费中留归基层工会的部分，默认 60%，按省级工会规定填写")
    )
    committee_threshold = money(
        _("集体研究金额（元）"),
        default=Decimal("5000.00"),
        validators=[MinValueValidator(ZERO)],
        help_text=_("单笔支出超过此金额须经工会委员会集体研究"),
    )
    publication = models.ForeignKey(
        "disclosure.DisclosureItem",
        verbose_name=_("收支情况公开"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("年度经费设置")
        verbose_name_plural = _("年度经费设置")

    def __str__(self):
        return str(self.year)


class Budget(models.Model):
    """The year's budget (年度预算): adopted by the committee, approved by the upper union, then executed and
    closed with the 决算, after which the year refuses every change."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草案")
        ADOPTED = "adopted", _("委员会通过")
        APPROVED = "approved", _("上级批复")
        EXECUTING = "executing", _("执行中")
        CLOSED = "closed", _("决算")

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    adopted_on = models.DateField(_("委员会通过日期"), null=True, blank=True)
    approved_on = models.DateField(_("上级批复日期"), null=True, blank=True)
    approval_number = models.CharField(_("批复文号"), max_length=60, blank=True)
    closed_on = models.DateField(_("决算日期"), null=True, blank=True)
    note = models.TextField(_("编制说明"), blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("年度预算")
        verbose_name_plural = _("年度预算")

    def __str__(self):
        return _("%(year)s年度预算") % {"year": self.year}

    def get_absolute_url(self):
        return f"{reverse('funds:budget')}?year={self.year}"


class BudgetLine(models.Model):
    """The amount budgeted for one account; an expense is held to the line of its account, or of the account's
    parent when only the parent has one."""

    budget = models.ForeignKey(Budget, verbose_name=_("预算"), on_delete=models.CASCADE, related_name="lines")
    account = models.ForeignKey(Account, verbose_name=_("科目"), on_delete=models.PROTECT, related_name="+")
    amount = money(_("预算金额（元）"), validators=[MinValueValidator(ZERO)])

    class Meta:
        ordering = ["account__code"]
        constraints = [models.UniqueConstraint(fields=["budget", "account"], name="funds_budget_line_once")]
        verbose_name = _("预算项目")
        verbose_name_plural = _("预算项目")

    def __str__(self):
        return f"{self.account} {self.amount}"


class Adjustment(models.Model):
    """A budget adjustment (预算调整): the same steps as the budget; its changes count once approved. Its author may
    withdraw (撤回) a draft the committee has not adopted."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草案")
        ADOPTED = "adopted", _("委员会通过")
        APPROVED = "approved", _("上级批复")
        WITHDRAWN = "withdrawn", _("已撤回")

    budget = models.ForeignKey(Budget, verbose_name=_("预算"), on_delete=models.PROTECT, related_name="adjustments")
    reason = models.TextField(_("调整理由"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # who drafted it: she alone may withdraw it (撤回) before the committee adopts it
    created_by = models.ForeignKey(
        USER, verbose_name=_("编制人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    adopted_on = models.DateField(_("委员会通过日期"), null=True, blank=True)
    approved_on = models.DateField(_("上级批复日期"), null=True, blank=True)
    approval_number = models.CharField(_("批复文号"), max_length=60, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["budget", "pk"]
        verbose_name = _("预算调整")
        verbose_name_plural = _("预算调整")

    def __str__(self):
        return _("%(year)s年预算调整（%(pk)s）") % {"year": self.budget.year, "pk": self.pk}

    def get_absolute_url(self):
        return reverse("funds:adjustment", args=[self.pk])


class AdjustmentLine(models.Model):
    """One account's change: positive adds to its line, negative takes away."""

    adjustment = models.ForeignKey(
        Adjustment, verbose_name=_("预算调整"), on_delete=models.CASCADE, related_name="lines"
    )
    account = models.ForeignKey(Account, verbose_name=_("科目"), on_delete=models.PROTECT, related_name="+")
    change = money(_("调整金额（元）"))

    class Meta:
        ordering = ["account__code"]
        constraints = [models.UniqueConstraint(fields=["adjustment", "account"], name="funds_adjustment_line_once")]
        verbose_name = _("调整项目")
        verbose_name_plural = _("调整项目")

    def __str__(self):
        return f"{self.account} {self.change:+}"


class BudgetStep(Step):
    """A dated step of a budget."""

    budget = models.ForeignKey(Budget, verbose_name=_("预算"), on_delete=models.CASCADE, related_name="steps")

    class Meta(Step.Meta):
        verbose_name = _("预算记录")
        verbose_name_plural = _("预算记录")


class AdjustmentStep(Step):
    """A dated step of a budget adjustment."""

    adjustment = models.ForeignKey(
        Adjustment, verbose_name=_("预算调整"), on_delete=models.CASCADE, related_name="steps"
    )

    class Meta(Step.Meta):
        verbose_name = _("预算调整记录")
        verbose_name_plural = _("预算调整记录")


class Expense(models.Model):
    """An expense request (支出申请) from its 经办人 to payment: 财务审核 → 验收 (goods) → 主席审批 → 已支付."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("待财务审核")
        REVIEWED = "reviewed", _("财务已审核")
        ACCEPTED = "accepted", _("已验收")
        APPROVED = "approved", _("已审批")
        PAID = "paid", _("已支付")
        RETURNED = "returned", _("已退回")
        REFUSED = "refused", _("未批准")
        WITHDRAWN = "withdrawn", _("已撤回")

    class Method(models.TextChoices):
        TRANSFER = "transfer", _("银行转账")
        OFFICIAL_CARD = "card", _("公务卡")
        CASH = "cash", _("现金")

    COMMITTED = {Status.APPROVED, Status.PAID}  # what counts against the budget line
    OPEN = {Status.SUBMITTED, Status.REVIEWED, Status.ACCEPTED, Status.APPROVED}

    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    requester = models.ForeignKey(USER, verbose_name=_("经办人"), on_delete=models.PROTECT, related_name="+")
    account = models.ForeignKey(Account, verbose_name=_("支出科目"), on_delete=models.PROTECT, related_name="expenses")
    fund = models.ForeignKey(Fund, verbose_name=_("资金"), on_delete=models.PROTECT, related_name="expenses")
    amount = money(_("金额（元）"))
    purpose = models.CharField(_("用途"), max_length=200)
    payee = models.CharField(_("收款方"), max_length=100)
    is_goods = models.BooleanField(_("购买物品"), default=False, help_text=_("购买物品的支出须经验收"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    source = models.CharField(_("来源"), max_length=60, blank=True, help_text=_("其他模块发起时的来源，如 帮扶发放"))
    reviewed_by = models.ForeignKey(
        USER, verbose_name=_("财务审核人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    received_by = models.CharField(_("验收人"), max_length=60, blank=True)
    received_note = models.CharField(_("验收情况"), max_length=200, blank=True)
    decision_on = models.DateField(_("集体研究日期"), null=True, blank=True)
    decision_minute = models.CharField(_("会议纪要"), max_length=200, blank=True)
    approved_by = models.ForeignKey(
        USER, verbose_name=_("审批人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    paid_on = models.DateField(_("支付日期"), null=True, blank=True)
    method = models.CharField(_("支付方式"), max_length=10, choices=Method.choices, blank=True)
    created_at = models.DateTimeField(_("申请时间"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["year", "account", "status"])]
        verbose_name = _("支出申请")
        verbose_name_plural = _("支出申请")

    def __str__(self):
        return f"{self.purpose} {self.amount}"

    def get_absolute_url(self):
        return reverse("funds:expense", args=[self.pk])

    @property
    def is_standing(self):
        """Still asked for, or paid: the record it serves may not ask again (a refused or withdrawn one may)."""
        return self.status in self.OPEN | {self.Status.PAID, self.Status.RETURNED}


class Attachment(models.Model):
    """An invoice or receipt (发票/收据) of an expense; read through a view that logs every opening."""

    class Kind(models.TextChoices):
        INVOICE = "invoice", _("发票")
        RECEIPT = "receipt", _("收据")
        OTHER = "other", _("其他凭据")

    expense = models.ForeignKey(
        Expense, verbose_name=_("支出申请"), on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.INVOICE)
    file = models.FileField(_("文件"), upload_to="funds/%Y/")
    name = models.CharField(_("文件名"), max_length=200)
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        ordering = ["expense", "pk"]
        verbose_name = _("票据")
        verbose_name_plural = _("票据")

    def __str__(self):
        return self.name


class AttachmentRead(models.Model):
    """Who opened which voucher when (the 经审 reads every one of the sampled)."""

    attachment = models.ForeignKey(Attachment, verbose_name=_("票据"), on_delete=models.CASCADE, related_name="reads")
    reader = models.ForeignKey(USER, verbose_name=_("查阅人"), on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("票据查阅记录")
        verbose_name_plural = _("票据查阅记录")

    def __str__(self):
        return f"{self.reader} {self.attachment}"


class ExpenseStep(Step):
    expense = models.ForeignKey(Expense, verbose_name=_("支出申请"), on_delete=models.CASCADE, related_name="steps")

    class Meta(Step.Meta):
        verbose_name = _("支出办理记录")
        verbose_name_plural = _("支出办理记录")


class Entry(models.Model):
    """One line of the ledger (收支明细账): money in or out of one fund under one account and voucher."""

    class Direction(models.TextChoices):
        IN = "in", _("收入")
        OUT = "out", _("支出")

    # no index of its own: the (year, …) indexes below lead with it
    year = models.PositiveSmallIntegerField(_("年度"))
    date = models.DateField(_("日期"))
    direction = models.CharField(_("收支"), max_length=3, choices=Direction.choices)
    account = models.ForeignKey(Account, verbose_name=_("科目"), on_delete=models.PROTECT, related_name="entries")
    fund = models.ForeignKey(Fund, verbose_name=_("资金"), on_delete=models.PROTECT, related_name="entries")
    amount = money(_("金额（元）"))
    voucher_number = models.CharField(_("凭证号"), max_length=30, unique=True)
    summary = models.CharField(_("摘要"), max_length=200)
    expense = models.OneToOneField(
        Expense, verbose_name=_("支出申请"), null=True, blank=True, on_delete=models.PROTECT, related_name="entry"
    )
    # 会费 of one month flow in once from the members ledger; a later catch-up of that month is a second entry
    # with the difference, so several entries may name the same month.
    dues_month = models.DateField(_("会费月份"), null=True, blank=True)
    payroll_base = money(_("工资总额（元）"), null=True, blank=True)
    # 红字冲销: an entry booked wrongly is never changed or deleted; a second entry of the same kind with the
    # amount negated takes it back, and the right one is booked after it.
    reverses = models.OneToOneField(
        "self", verbose_name=_("冲销的记录"), null=True, blank=True, on_delete=models.PROTECT, related_name="reversal"
    )
    recorded_by = models.ForeignKey(USER, verbose_name=_("记账人"), on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("记账时间"), auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
        indexes = [
            models.Index(fields=["year", "account"]),
            models.Index(fields=["year", "fund"]),
            # the ledger's page: a year's entries in date order, read from the index as far as the page goes
            models.Index(fields=["year", "date", "id"], name="funds_entry_ledger_order_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reverses__isnull=True, amount__gt=0)
                | models.Q(reverses__isnull=False, amount__lt=0),
                name="funds_entry_amount_sign",  # positive, and negative only in a 红字 reversal
            )
        ]
        verbose_name = _("收支记录")
        verbose_name_plural = _("收支记录")

    def __str__(self):
        return f"{self.voucher_number} {self.summary} {self.amount}"

    def get_absolute_url(self):
        return reverse("funds:entry", args=[self.pk])


class Audit(models.Model):
    """A 经审 audit: the year's accounts (年度审查) or one matter (专项审查, e.g. a 送温暖 campaign)."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("年度审查")
        SPECIAL = "special", _("专项审查")

    class Status(models.TextChoices):
        OPEN = "open", _("审查中")
        FINISHED = "finished", _("已完成")

    kind = models.CharField(_("类型"), max_length=8, choices=Kind.choices, default=Kind.ANNUAL)
    title = models.CharField(_("审查名称"), max_length=120)
    year = models.PositiveSmallIntegerField(_("年度"))
    period_from = models.DateField(_("审查期间起"))
    period_to = models.DateField(_("审查期间止"))
    subject = models.CharField(_("专项内容"), max_length=120, blank=True, help_text=_("专项审查的事项，如 春节送温暖"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN)
    conclusion = models.TextField(_("审查意见"), blank=True)
    finished_on = models.DateField(_("完成日期"), null=True, blank=True)
    samples = models.ManyToManyField(Expense, verbose_name=_("抽查支出"), blank=True, related_name="audits")
    created_by = models.ForeignKey(USER, verbose_name=_("创建人"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-year", "-pk"]
        verbose_name = _("经费审查")
        verbose_name_plural = _("经费审查")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("funds:audit", args=[self.pk])


class Finding(models.Model):
    """A problem the audit found (问题), with who must put it right (整改) and by when."""

    class Status(models.TextChoices):
        OPEN = "open", _("整改中")
        RECTIFIED = "rectified", _("已整改")

    audit = models.ForeignKey(Audit, verbose_name=_("经费审查"), on_delete=models.CASCADE, related_name="findings")
    expense = models.ForeignKey(
        Expense, verbose_name=_("相关支出"), null=True, blank=True, on_delete=models.PROTECT, related_name="findings"
    )
    problem = models.TextField(_("问题"))
    responsible = models.CharField(_("责任人"), max_length=60)
    deadline = models.DateField(_("整改期限"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN)
    rectification = models.TextField(_("整改情况"), blank=True)
    rectified_on = models.DateField(_("整改完成日期"), null=True, blank=True)

    class Meta:
        ordering = ["audit", "pk"]
        verbose_name = _("审查问题")
        verbose_name_plural = _("审查问题")

    def __str__(self):
        return self.problem[:40]
