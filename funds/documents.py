"""The funds documents, rendered in the background: 收支预算执行表, 收支决算表, 收支明细账 and the 经审's
经费审查报告 (which the congress hears as its 工会经费审查报告)."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from unionportal.models import UnionProfile

from . import selectors
from .models import Account, Audit, Fund


def _common(heading, **context):
    return {"union": UnionProfile.load(), "heading": heading, "printed_on": timezone.localdate(), **context}


def sections_of(report):
    return [(report["income"], _("收入")), (report["expense"], _("支出"))]


class ExecutionReport:
    kind = "funds_execution"
    permission = "funds.print"
    template = "funds/pdf/execution.html"

    @staticmethod
    def title(params):
        return _("%(year)s年收支预算执行表") % {"year": params["year"]}

    @classmethod
    def context(cls, params, report_progress):
        year = int(params["year"])
        report = selectors.execution(year)
        return _common(cls.title(params), year=year, sections=sections_of(report))


class FinalAccounts:
    kind = "funds_final"
    permission = "funds.print"
    template = "funds/pdf/final.html"

    @staticmethod
    def title(params):
        return _("%(year)s年收支决算表") % {"year": params["year"]}

    @classmethod
    def context(cls, params, report_progress):
        year = int(params["year"])
        report = selectors.final_accounts(year)
        return _common(cls.title(params), year=year, report=report, sections=sections_of(report))


class LedgerReport:
    """The ledger as the page shows it: of a year, or of the month, account and fund it was narrowed to."""

    kind = "funds_ledger"
    permission = "funds.print"
    template = "funds/pdf/ledger.html"
    orientation = "landscape"

    @staticmethod
    def _filters(params):
        account = Account.objects.filter(pk=params.get("account") or None).first()
        fund = Fund.objects.filter(pk=params.get("fund") or None).first()
        month = params.get("month")
        month = datetime.datetime.strptime(month, "%Y-%m").date() if month else None
        return account, month, fund

    @classmethod
    def title(cls, params):
        account, month, fund = cls._filters(params)
        scope = f"{month.year}年{month.month}月" if month else f"{params['year']}年"
        scope += account.name if account else _("全部科目")
        if fund:
            scope += f"·{fund.name}"
        return _("收支明细账（%(scope)s）") % {"scope": scope}

    @classmethod
    def context(cls, params, report_progress):
        account, month, fund = cls._filters(params)
        year = month.year if month else int(params["year"])
        entries = selectors.ledger(year, account=account, month=month, fund=fund)
        return _common(
            cls.title(params),
            year=year,
            entries=entries,
            totals=selectors.ledger_totals(entries),
            orientation="landscape",
        )


class AuditReport:
    """经费审查报告: the audit's scope, the year's accounts, what was sampled, findings and their 整改."""

    kind = "funds_audit_report"
    permission = "funds.print"
    template = "funds/pdf/audit_report.html"

    @staticmethod
    def _audit(params):
        try:
            return Audit.objects.get(pk=params["audit"])
        except Audit.DoesNotExist:
            raise ValidationError(_("这次审查已不存在，无法生成报告。")) from None

    @classmethod
    def title(cls, params):
        return _("%(title)s·经费审查报告") % {"title": cls._audit(params).title}

    @classmethod
    def context(cls, params, report_progress):
        audit = cls._audit(params)
        return _common(
            _("工会经费审查报告"),
            audit=audit,
            report=selectors.final_accounts(audit.year),
            samples=audit.samples.select_related("account").order_by("paid_on", "pk"),
            findings=audit.findings.select_related("expense"),
        )


DOCUMENTS = [ExecutionReport, FinalAccounts, LedgerReport, AuditReport]
