"""The collective contract's printed documents: its text (合同文本: the clauses, the congress's vote, the
signatures) and an inspection report (履行情况检查报告) that goes to the session it names."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from unionportal.documents.rendering import DOCX
from unionportal.models import UnionProfile

from .models import CollectiveContract, Inspection


def _get(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist:
        raise ValidationError(
            _("%(what)s已被删除，无法生成文档。") % {"what": queryset.model._meta.verbose_name}
        ) from None


def _header(heading):
    union = UnionProfile.load()
    return {"union": union, "running_header": f"{union.name} · {heading}", "heading": heading,
            "printed_on": timezone.localdate()}  # fmt: skip


class ContractText:
    """合同文本: the numbered clauses, the term, the congress's vote and both chief negotiators."""

    kind = "contracts_text"
    permission = "contracts.view_contracts"
    template = "contracts/pdf/contract.html"

    @staticmethod
    def title(params):
        return _get(CollectiveContract.objects, params["contract"]).title

    @staticmethod
    def context(params, report_progress):
        contract = _get(CollectiveContract.objects.select_related("motion__agenda_item__session"), params["contract"])
        return {**_header(contract.title), "contract": contract, "clauses": list(contract.clauses.all())}


class ContractWordText(ContractText):
    """The same text as a Word file, for the negotiators who edit the next round's draft in it."""

    kind = "contracts_text_docx"
    output = DOCX


class InspectionReport:
    """履行情况检查报告: each clause and what the inspectors found, with the totals."""

    kind = "contracts_inspection"
    permission = "contracts.view_contracts"
    template = "contracts/pdf/inspection.html"

    @staticmethod
    def title(params):
        return InspectionReport.title_of(_get(Inspection.objects.select_related("contract"), params["inspection"]))

    @staticmethod
    def title_of(inspection):
        return _("%(title)s履行情况检查报告") % {"title": inspection.contract.title}

    @staticmethod
    def context(params, report_progress):
        inspection = _get(Inspection.objects.select_related("contract", "session"), params["inspection"])
        checks = list(inspection.checks.select_related("clause"))
        counts = (
            {label: sum(1 for c in checks if c.result == value) for value, label in checks[0].Result.choices}
            if checks
            else {}
        )
        return {
            **_header(InspectionReport.title_of(inspection)),
            "inspection": inspection,
            "checks": checks,
            "counts": counts,
        }


DOCUMENTS = [ContractText, ContractWordText, InspectionReport]
