"""Pages of the union's money: the desk (工作台), expense requests and their steps, income, the budget, and the
ledger. Reports and audits are in ``report_views`` and ``audit_views``."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from unionportal import workflow
from unionportal.access import check_object_permission, permission_required
from unionportal.form_pages import form_page, report_refusal
from unionportal.pagination import paginate

from . import forms, selectors
from .models import Account, Adjustment, Attachment, Budget, Entry, Expense, Fund
from .services import budget as budget_services
from .services import expenses as expense_services
from .services import income as income_services
from .services import reversal as reversal_services
from .services.common import is_closed, year_settings


def _year(request) -> int:
    try:
        return int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        raise Http404 from None


def _form_page(request, form, **page):
    return form_page(request, form, template="funds/form.html", **page)


@permission_required("funds.view_index")
def index(request):
    year = _year(request)
    context = {"year": year, "years": selectors.years()}
    if request.user.has_perm("funds.view_books"):
        context |= {
            "balances": selectors.fund_balances(year),
            "waiting": selectors.waiting_counts(),
            "budget": Budget.objects.filter(year=year).first(),
            "closed": is_closed(year),
            "settings": year_settings(year),
        }
    context["mine"] = selectors.expenses().filter(requester=request.user, status__in=Expense.OPEN)[:10]
    return render(request, "funds/index.html", context)


# ---- expenses ---------------------------------------------------------------------------------------------


@permission_required("funds.view_books")
def expense_list(request):
    status = request.GET.get("status", "")
    if status and status not in Expense.Status.values:
        status = ""
    desk = request.GET.get("desk", "")
    if desk not in selectors.DESKS:
        desk = ""
    rows = selectors.expenses(status=status, desk=desk, year=_year(request))
    return render(
        request,
        "funds/expense_list.html",
        {
            "page_obj": paginate(request, rows),
            "status": status,
            "desk": selectors.DESK_LABELS.get(desk, ""),
            "statuses": Expense.Status.choices,
            "year": _year(request),
        },
    )


@permission_required("funds.request_expense")
def my_expenses(request):
    rows = selectors.expenses().filter(requester=request.user)
    return render(request, "funds/expense_list.html", {"page_obj": paginate(request, rows), "mine": True})


@permission_required("funds.request_expense")
def expense_create(request):
    form = forms.ExpenseForm(request.POST or None, request.FILES or None)

    def save(form):
        data = form.cleaned_data
        return expense_services.request_expense(
            requester=request.user,
            account=data["account"],
            fund=data["fund"],
            amount=data["amount"],
            purpose=data["purpose"],
            payee=data["payee"],
            is_goods=data["is_goods"],
            attachments=[(upload, data["kind"]) for upload in data["files"]],
        )

    return form_page(
        request,
        form,
        save=save,
        done=_("支出申请已提交，等待财务审核。"),
        title=_("支出申请"),
        back="funds:index",
        template="funds/expense_form.html",
    )


def _may_attach(user, expense):
    return expense.requester_id == user.pk and expense.status in ATTACHABLE


ATTACHABLE = {Expense.Status.SUBMITTED, Expense.Status.RETURNED, Expense.Status.REFUSED}


@permission_required("funds.view_index")
def expense_detail(request, pk):
    expense = get_object_or_404(
        Expense.objects.select_related("account", "fund", "requester__member", "reviewed_by", "approved_by"), pk=pk
    )
    check_object_permission(request.user, "funds.view_expense", expense)
    context = {
        "expense": expense,
        "steps": expense.steps.select_related("actor__member"),
        "attachments": expense.attachments.all(),
        "buttons": workflow.buttons_for(request, expense),
        "attach_form": forms.AttachmentForm() if _may_attach(request.user, expense) else None,
        "decision_reason": expense_services.decision_reason(expense),
    }
    return render(request, "funds/expense_detail.html", context)


@require_POST
@permission_required("funds.view_index")
def expense_step(request, pk, step):
    expense = get_object_or_404(Expense, pk=pk)
    check_object_permission(request.user, "funds.view_expense", expense)
    if step != "attach":
        return workflow.act(request, expense, step)
    form = forms.AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        _tell_errors(request, form)
        return redirect(expense)
    uploads = [(upload, form.cleaned_data["kind"]) for upload in form.cleaned_data["files"]]
    return _after(
        request,
        lambda: expense_services.add_attachments(expense=expense, actor=request.user, attachments=uploads),
        _("票据已补充。"),
        expense,
    )


def _tell_errors(request, form):
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)


@permission_required("funds.view_index")
def attachment_file(request, pk):
    """A voucher, opened through the portal only, and every opening logged."""
    attachment = get_object_or_404(Attachment.objects.select_related("expense"), pk=pk)
    check_object_permission(request.user, "funds.view_expense", attachment.expense)
    expense_services.log_attachment_read(attachment=attachment, reader=request.user)
    return FileResponse(attachment.file.open("rb"), filename=attachment.name)


# ---- income -----------------------------------------------------------------------------------------------


def _ledger_posting(form_class, record, done, title):
    """A bookkeeper's page that records one ledger entry through ``record`` and goes back to the ledger."""

    @permission_required("funds.keep_books")
    def view(request):
        return _form_page(
            request,
            form_class(request.POST or None),
            save=lambda form: record(actor=request.user, **form.cleaned_data),
            done=done,
            title=title,
            back="funds:ledger",
            then=lambda entry: redirect("funds:ledger"),
        )

    return view


income_create = _ledger_posting(
    forms.IncomeForm, income_services.record_income, gettext_lazy("收入已入账。"), gettext_lazy("登记收入")
)
dues_post = _ledger_posting(
    forms.DuesForm,
    income_services.post_dues,
    lambda entry: _("会费 %(amount)s 元已入账。") % {"amount": entry.amount},
    gettext_lazy("会费入账"),
)
allocation_create = _ledger_posting(
    forms.AllocationForm,
    income_services.record_allocation,
    lambda entry: _("拨缴经费留成 %(amount)s 元已入账。") % {"amount": entry.amount},
    gettext_lazy("拨缴经费入账"),
)


@permission_required("funds.change_settings")
def settings_page(request):
    year = _year(request)
    settings = year_settings(year)
    form = forms.SettingsForm(request.POST or None, instance=settings)

    def save(form):
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        return income_services.update_year_settings(year=year, actor=request.user, **fields)

    return _form_page(
        request,
        form,
        save=save,
        done=_("%(year)s年度经费设置已保存。") % {"year": year},
        title=_("%(year)s年度经费设置") % {"year": year},
        back="funds:index",
        then=lambda saved: redirect("funds:index"),
    )


# ---- ledger -----------------------------------------------------------------------------------------------


def _chosen(model, pk):
    """The row a filter names, or None (without a query) when it names none."""
    return model.objects.filter(pk=pk).first() if pk else None


def _ledger_filters(request):
    """The ledger's filters; a month (YYYY-MM, checked by the query-string guard) names its own year."""
    account = _chosen(Account, request.GET.get("account"))
    fund = _chosen(Fund, request.GET.get("fund"))
    month = request.GET.get("month")
    if month:
        month = datetime.datetime.strptime(month, "%Y-%m").date()
        return month.year, account, month, fund
    return _year(request), account, None, fund


@permission_required("funds.view_books")
def ledger(request):
    year, account, month, fund = _ledger_filters(request)
    entries = selectors.ledger(year, account=account, month=month, fund=fund).values(*selectors.LINE_FIELDS)
    totals, months = selectors.ledger_summary(year, account=account, month=month, fund=fund)
    # the totals counted the entries already: no second COUNT query
    page_obj = paginate(request, entries, per_page=50, count=totals["count"])
    page_obj.object_list = selectors.ledger_lines(page_obj.object_list)
    return render(
        request,
        "funds/ledger.html",
        {
            "year": year,
            "years": selectors.years(),
            "account": account,
            "month": month,
            "fund": fund,
            "accounts": Account.objects.all(),
            "funds": Fund.objects.all(),
            "page_obj": page_obj,
            "totals": totals,
            "monthly": months,
        },
    )


@permission_required("funds.view_books")
def entry_detail(request, pk):
    """One ledger entry, with its 红字冲销 (or the one it takes back); the accountant takes it back from here."""
    entry = get_object_or_404(
        Entry.objects.select_related("account", "fund", "expense", "reverses", "reversal", "recorded_by__member"),
        pk=pk,
    )
    refusal = reversal_services.why_not_reversible(entry)
    may_reverse = request.user.has_perm("funds.keep_books")
    if request.method == "POST" and not may_reverse:
        raise PermissionDenied
    if request.method == "POST" and refusal:  # taken back meanwhile, from another page
        messages.error(request, refusal)
        return redirect(entry)
    form = forms.ReversalForm(request.POST or None) if may_reverse and not refusal else None
    if request.method == "POST" and form.is_valid():
        try:
            reversal = reversal_services.reverse_entry(entry=entry, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("凭证“%(voucher)s”已红字冲销，冲销凭证“%(reversal)s”；如需更正，请再登记正确的收入。")
                % {"voucher": entry.voucher_number, "reversal": reversal.voucher_number},
            )
            return redirect(reversal)
    return render(request, "funds/entry.html", {"entry": entry, "form": form, "refusal": refusal})


# ---- budget -----------------------------------------------------------------------------------------------


@permission_required("funds.view_books")
def budget_page(request):
    year = _year(request)
    budget = Budget.objects.filter(year=year).first()
    context = {"year": year, "budget": budget}
    if budget is not None:
        context |= {
            "lines": budget.lines.select_related("account"),
            "adjustments": budget.adjustments.all(),
            "steps": budget.steps.select_related("actor__member"),
            "buttons": workflow.buttons_for(request, budget),
            "line_form": forms.BudgetLineForm(prefix="line"),
            "adjustment_form": forms.AdjustmentForm(prefix="adjustment"),
        }
    return render(request, "funds/budget.html", context)


def _after(request, call, done, back):
    try:
        call()
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(request, done)
    return redirect(back)


def _valid(request, form_class, prefix):
    form = form_class(request.POST, prefix=prefix)
    if form.is_valid():
        return form.cleaned_data
    _tell_errors(request, form)
    return None


@require_POST
@permission_required("funds.draft_budget")
def budget_create(request):
    year = _year(request)
    return _after(
        request,
        lambda: budget_services.create_budget(year=year, actor=request.user),
        _("%(year)s年度预算草案已建立。") % {"year": year},
        f"{reverse('funds:budget')}?year={year}",
    )


# Changes that are not steps of the table: a line of the draft, a new adjustment.
BUDGET_EDITS = {
    "line": (forms.BudgetLineForm, budget_services.set_budget_line, gettext_lazy("预算项目已保存。")),
    "adjustment": (forms.AdjustmentForm, budget_services.create_adjustment, gettext_lazy("已新建预算调整。")),
}


@require_POST
@permission_required("funds.view_books")
def budget_step(request, pk, step):
    budget = get_object_or_404(Budget, pk=pk)
    if step not in BUDGET_EDITS:
        return workflow.act(request, budget, step)
    if not request.user.has_perm("funds.draft_budget"):
        raise PermissionDenied
    form_class, call, done = BUDGET_EDITS[step]
    data = _valid(request, form_class, step)
    if data is None:
        return redirect(budget)
    return _after(request, lambda: call(budget=budget, actor=request.user, **data), done, budget.get_absolute_url())


@permission_required("funds.view_books")
def adjustment_detail(request, pk):
    adjustment = get_object_or_404(Adjustment.objects.select_related("budget"), pk=pk)
    return render(
        request,
        "funds/adjustment.html",
        {
            "adjustment": adjustment,
            "lines": adjustment.lines.select_related("account"),
            "steps": adjustment.steps.select_related("actor__member"),
            "buttons": workflow.buttons_for(request, adjustment),
            "line_form": forms.AdjustmentLineForm(prefix="line"),
        },
    )


@require_POST
@permission_required("funds.view_books")
def adjustment_step(request, pk, step):
    adjustment = get_object_or_404(Adjustment, pk=pk)
    if step != "line":
        return workflow.act(request, adjustment, step)
    if not request.user.has_perm("funds.draft_budget"):
        raise PermissionDenied
    data = _valid(request, forms.AdjustmentLineForm, "line")
    if data is None:
        return redirect(adjustment)
    return _after(
        request,
        lambda: budget_services.set_adjustment_line(adjustment=adjustment, actor=request.user, **data),
        _("调整项目已保存。"),
        adjustment,
    )
