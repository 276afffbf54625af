"""The report pages (收支预算执行表, 收支决算表), their .xlsx exports, the PDFs queued as document jobs, and the
one-action 公开 of the year's summary."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionportal.access import permission_required
from unionportal.documents.services import queue_document
from unionportal.form_pages import report_refusal
from unionportal.query_params import is_acceptable
from unionportal.spreadsheets import append_row, start_sheet, workbook_bytes, xlsx_response

from . import selectors
from .documents import DOCUMENTS, sections_of
from .services.publication import publish_year
from .views import _ledger_filters, _year


@permission_required("funds.view_books")
def execution(request):
    year = _year(request)
    return render(
        request,
        "funds/execution.html",
        {"year": year, "years": selectors.years(), "sections": sections_of(selectors.execution(year))},
    )


@permission_required("funds.view_books")
def final(request):
    year = _year(request)
    report = selectors.final_accounts(year)
    context = {"year": year, "years": selectors.years(), "report": report, "sections": sections_of(report)}
    return render(request, "funds/final.html", context)


def _xlsx(title, header, rows):
    """The report as a sheet named by its title, downloaded under the same Chinese name."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = start_sheet(book, title[:31], header)
    for row in rows:
        append_row(sheet, row)
    return xlsx_response(workbook_bytes(book), f"{title}.xlsx")


def _execution_rows(report):
    for kind, label in (("income", _("收入")), ("expense", _("支出"))):
        for row in report[kind]["rows"]:
            yield [label, row.account.code, row.account.name, row.budget, row.actual, row.percent]
            for child in row.children:
                yield [label, child.account.code, "　" + child.account.name, child.budget, child.actual, child.percent]
        yield [label, "", _("合计"), report[kind]["budget"], report[kind]["actual"], ""]


@permission_required("funds.view_books")
def execution_xlsx(request):
    year = _year(request)
    header = [_("类别"), _("科目编码"), _("科目"), _("预算（元）"), _("实际（元）"), _("执行率")]
    rows = _execution_rows(selectors.execution(year))
    return _xlsx(_("%(year)s年收支预算执行表") % {"year": year}, header, rows)


@permission_required("funds.view_books")
def final_xlsx(request):
    year = _year(request)
    report = selectors.final_accounts(year)
    header = [_("类别"), _("科目编码"), _("科目"), _("预算（元）"), _("决算（元）"), _("执行率")]
    rows = list(_execution_rows(report))
    rows.append([])
    rows.append([_("资金"), "", _("年初余额"), _("本年收入"), _("本年支出"), _("年末余额")])
    rows += [[b.fund.name, "", b.opening, b.income, b.spent, b.closing] for b in report["balances"]]
    return _xlsx(_("%(year)s年收支决算表") % {"year": year}, header, rows)


@permission_required("funds.view_books")
def ledger_xlsx(request):
    year, account, month, fund = _ledger_filters(request)
    entries = selectors.ledger(year, account=account, month=month, fund=fund)
    header = [_("日期"), _("凭证号"), _("科目"), _("资金"), _("摘要"), _("收入（元）"), _("支出（元）")]
    rows = (
        [
            e.date,
            e.voucher_number,
            str(e.account),
            e.fund.name,
            e.summary,
            e.amount if e.direction == "in" else None,
            e.amount if e.direction == "out" else None,
        ]
        for e in entries.iterator(chunk_size=2000)
    )
    return _xlsx(_("%(year)s年收支明细账") % {"year": year}, header, rows)


PRINTABLE = {document.kind: document for document in DOCUMENTS}


@require_POST
@permission_required("funds.print")
def print_document(request, kind):
    if kind not in PRINTABLE:
        raise Http404
    params = {key: request.POST[key] for key in ("year", "account", "fund", "month", "audit") if request.POST.get(key)}
    if not all(params[key].isdigit() for key in ("year", "account", "fund", "audit") if key in params):
        raise Http404
    if "month" in params and not is_acceptable("month", params["month"]):
        raise Http404
    try:
        job = queue_document(owner=request.user, kind=kind, params=params)
    except (KeyError, ValidationError):  # a document of no year, or of an audit that is gone
        raise Http404 from None
    messages.success(request, _("“%(title)s”已排队生成。") % {"title": job.title})
    return redirect("documents:job", job_id=job.pk)


@require_POST
@permission_required("funds.publish")
def publish(request):
    year = _year(request)
    try:
        item = publish_year(year=year, actor=request.user)
    except ValidationError as error:
        report_refusal(request, error)
        return redirect(f"{redirect('funds:final').url}?year={year}")
    messages.success(request, _("%(year)s年收支情况已提交预审，预审通过后在公开栏向会员公示。") % {"year": year})
    return redirect(item)
