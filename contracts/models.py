"""Collective contracts (集体合同) of an enterprise union: negotiated in rounds, reviewed by the congress (a
motion voted with the congress's votes), signed, filed with the labour authority, in force, inspected
clause by clause, and renewed. The states are those of ``flows.py`` (the workflow kernel's table)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress.models import Motion, Session
from unionportal.workflow import Step


class CollectiveContract(models.Model):
    class Kind(models.TextChoices):
        COMPREHENSIVE = "comprehensive", _("综合集体合同")
        WAGES = "wages", _("工资专项集体合同")
        WOMEN = "women", _("女职工权益保护专项集体合同")
        OTHER = "other", _("其他专项集体合同")

    class Status(models.TextChoices):
        DRAFT = "draft", _("起草")
        NEGOTIATING = "negotiating", _("协商")
        REVIEW = "review", _("职代会审议")
        SIGNED = "signed", _("已签订")
        FILED = "filed", _("报送审查")
        EFFECTIVE = "effective", _("生效")
        EXPIRED = "expired", _("到期")

    kind = models.CharField(_("合同类别"), max_length=16, choices=Kind, default=Kind.COMPREHENSIVE)
    title = models.CharField(_("合同名称"), max_length=200)
    status = models.CharField(_("状态"), max_length=12, choices=Status, default=Status.DRAFT)
    motion = models.ForeignKey(
        Motion,
        verbose_name=_("职代会表决事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="collective_contracts",
    )
    starts_on = models.DateField(_("期限起始"), null=True, blank=True)
    ends_on = models.DateField(_("期限届满"), null=True, blank=True)
    signed_on = models.DateField(_("签订日期"), null=True, blank=True)
    union_signatory = models.CharField(_("职工方首席代表"), max_length=50, blank=True)
    employer_signatory = models.CharField(_("企业方首席代表"), max_length=50, blank=True)
    filed_on = models.DateField(_("报送审查日期"), null=True, blank=True)
    effective_on = models.DateField(_("生效日期"), null=True, blank=True)
    renews = models.ForeignKey(
        "self", verbose_name=_("续签自"), null=True, blank=True, on_delete=models.PROTECT, related_name="renewals"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("集体合同")
        verbose_name_plural = _("集体合同")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("contracts:contract", args=[self.pk])


class ContractStep(Step):
    contract = models.ForeignKey(
        CollectiveContract, verbose_name=_("集体合同"), on_delete=models.CASCADE, related_name="steps"
    )

    class Meta(Step.Meta):
        verbose_name = _("合同办理记录")
        verbose_name_plural = _("合同办理记录")


class NegotiationRound(models.Model):
    """One round of collective negotiation (集体协商): who sat, what was agreed, what stays open."""

    contract = models.ForeignKey(
        CollectiveContract, verbose_name=_("集体合同"), on_delete=models.CASCADE, related_name="rounds"
    )
    number = models.PositiveSmallIntegerField(_("轮次"))
    held_on = models.DateField(_("协商日期"))
    union_party = models.CharField(_("职工方代表"), max_length=200)
    employer_party = models.CharField(_("企业方代表"), max_length=200)
    minutes = models.TextField(_("协商纪要"), blank=True)
    open_points = models.TextField(_("未决事项"), blank=True)

    class Meta:
        ordering = ["contract", "number"]
        constraints = [models.UniqueConstraint(fields=["contract", "number"], name="contracts_round_unique_number")]
        verbose_name = _("协商会议")
        verbose_name_plural = _("协商会议")

    def __str__(self):
        return _("第%(number)s轮协商") % {"number": self.number}


class Clause(models.Model):
    contract = models.ForeignKey(
        CollectiveContract, verbose_name=_("集体合同"), on_delete=models.CASCADE, related_name="clauses"
    )
    number = models.PositiveSmallIntegerField(_("条款序号"))
    text = models.TextField(_("条款内容"))

    class Meta:
        ordering = ["contract", "number"]
        constraints = [models.UniqueConstraint(fields=["contract", "number"], name="contracts_clause_unique_number")]
        verbose_name = _("条款")
        verbose_name_plural = _("条款")

    def __str__(self):
        return _("第%(number)s条") % {"number": self.number}


class Inspection(models.Model):
    """A performance inspection (履行检查, e.g. 代表巡视), reported to the session it names."""

    contract = models.ForeignKey(
        CollectiveContract, verbose_name=_("集体合同"), on_delete=models.CASCADE, related_name="inspections"
    )
    held_on = models.DateField(_("检查日期"))
    inspectors = models.CharField(_("检查人员"), max_length=200)
    session = models.ForeignKey(
        Session,
        verbose_name=_("报告至会议"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contract_inspections",
    )
    summary = models.TextField(_("检查结论"), blank=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("履行检查")
        verbose_name_plural = _("履行检查")

    def __str__(self):
        return _("%(date)s履行检查") % {"date": self.held_on}


class ClauseCheck(models.Model):
    class Result(models.TextChoices):
        FULFILLED = "fulfilled", _("已履行")
        PARTLY = "partly", _("部分履行")
        NOT = "not", _("未履行")

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("履行检查"), on_delete=models.CASCADE, related_name="checks"
    )
    clause = models.ForeignKey(Clause, verbose_name=_("条款"), on_delete=models.PROTECT, related_name="checks")
    result = models.CharField(_("履行情况"), max_length=10, choices=Result)
    evidence = models.TextField(_("依据"), blank=True)

    class Meta:
        ordering = ["inspection", "clause__number"]
        constraints = [models.UniqueConstraint(fields=["inspection", "clause"], name="contracts_check_once")]
        verbose_name = _("条款检查")
        verbose_name_plural = _("条款检查")

    def __str__(self):
        return f"{self.clause} · {self.get_result_display()}"
