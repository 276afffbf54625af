"""The 经审 pages: audits, their sample and vouchers, findings and their 整改, and the finished report."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionportal.access import permission_required
from unionportal.form_pages import form_page, report_refusal
from unionportal.pagination import paginate

from . import forms, selectors
from .models import Audit, Expense, Finding
from .services import audits


@permission_required("funds.view_books")
def audit_list(request):
    return render(request, "funds/audit_list.html", {"page_obj": paginate(request, selectors.audits())})


@permission_required("funds.audit")
def audit_create(request):
    form = forms.AuditForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda form: audits.open_audit(actor=request.user, **form.cleaned_data),
        done=_("审查已建立，请抽查支出。"),
        title=_("新建经费审查"),
        back="funds:audits",
        template="funds/form.html",
    )


@permission_required("funds.view_books")
def audit_detail(request, pk):
    audit = get_object_or_404(Audit, pk=pk)
    samples = audit.samples.select_related("account").prefetch_related("attachments__reads")
    candidates = Expense.objects.filter(
        status=Expense.Status.PAID, paid_on__range=(audit.period_from, audit.period_to)
    ).exclude(audits=audit)
    return render(
        request,
        "funds/audit_detail.html",
        {
            "audit": audit,
            "samples": samples,
            "candidates": candidates.select_related("account").order_by("-amount", "pk")[:50],
            "findings": audit.findings.select_related("expense"),
            "unread": audits.unread_vouchers(audit).count(),
            "finding_form": forms.FindingForm(prefix="finding"),
            "finish_form": forms.FinishForm(prefix="finish"),
            "rectify_form": forms.RectifyForm(prefix="rectify"),
        },
    )


def _data(request, form_class, prefix):
    form = form_class(request.POST, prefix=prefix)
    if form.is_valid():
        return form.cleaned_data
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)
    return None


@require_POST
@permission_required("funds.audit")
def audit_step(request, pk, step):
    audit = get_object_or_404(Audit, pk=pk)
    try:
        if step == "sample":
            ids = [int(i) for i in request.POST.getlist("expense") if i.isdigit()]
            audits.sample(audit=audit, expenses=Expense.objects.filter(pk__in=ids), actor=request.user)
            done = _("已加入抽查。")
        elif step == "finding":
            data = _data(request, forms.FindingForm, "finding")
            if data is None:
                return redirect(audit)
            audits.add_finding(audit=audit, actor=request.user, **data)
            done = _("已记录问题。")
        elif step == "finish":
            data = _data(request, forms.FinishForm, "finish")
            if data is None:
                return redirect(audit)
            audits.finish(audit=audit, actor=request.user, **data)
            done = _("审查已完成，可以打印经费审查报告。")
        else:
            raise Http404
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(request, done)
    return redirect(audit)


@require_POST
@permission_required("funds.audit")
def finding_rectify(request, pk):
    finding = get_object_or_404(Finding.objects.select_related("audit"), pk=pk)
    data = _data(request, forms.RectifyForm, "rectify")
    if data is not None:
        try:
            audits.rectify(finding=finding, actor=request.user, **data)
        except ValidationError as error:
            report_refusal(request, error)
        else:
            messages.success(request, _("已登记整改。"))
    return redirect(finding.audit)
