"""Pages of the union's money: the desk (工作台), expense requests and their steps, income, the budget, and the
ledger. Reports and audits are in ``report_views`` and ``audit_views``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from unionportal.access import check_object_permission, permission_required
from unionportal.form_pages import form_page, report_refusal
from unionportal.pagination import paginate

from . import forms, selectors
from .models import Account, Adjustment, Attachment, Budget, Expense, Fund
from .services import budget as budget_services
from .services import expenses as expense_services
from .services import income as income_services
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
    rows = selectors.expenses(status=status, year=_year(request))
    return render(
        request,
        "funds/expense_list.html",
        {"page": paginate(request, rows), "status": status, "statuses": Expense.Status.choices, "year": _year(request)},
    )


@permission_required("funds.request_expense")
def my_expenses(request):
    rows = selectors.expenses().filter(requester=request.user)
    return render(request, "funds/expense_list.html", {"page": paginate(request, rows), "mine": True})


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

    return _form_page(
        request, form, save=save, done=_("支出申请已提交，等待财务审核。"), title=_("支出申请"), back="funds:index"
    )


# Each step of an expense: the permission it needs, its form, and the service call with the form's data.
STEPS = {
    "review": ("funds.review_expense", forms.NoteForm, expense_services.review_expense),
    "accept": ("funds.accept_expense", forms.AcceptForm, expense_services.accept_expense),
    "decide": ("funds.record_decision", forms.DecisionForm, expense_services.record_decision),
    "approve": ("funds.approve_expense", forms.NoteForm, expense_services.approve_expense),
    "pay": ("funds.pay_expense", forms.PayForm, expense_services.pay_expense),
    "return": ("funds.return_expense", forms.ReasonForm, expense_services.return_expense),
    "refuse": ("funds.approve_expense", forms.ReasonForm, expense_services.refuse_expense),
    "resubmit": ("funds.view_expense", forms.ResubmitForm, expense_services.resubmit_expense),
    "withdraw": ("funds.view_expense", forms.NoteForm, expense_services.withdraw_expense),
    "attach": ("funds.view_expense", forms.AttachmentForm, None),
}
STEP_LABELS = {
    "review": gettext_lazy("财务审核通过"),
    "accept": gettext_lazy("验收"),
    "decide": gettext_lazy("登记集体研究"),
    "approve": gettext_lazy("审批同意"),
    "pay": gettext_lazy("支付记账"),
    "return": gettext_lazy("退回"),
    "refuse": gettext_lazy("不批准"),
    "resubmit": gettext_lazy("修改后重新提交"),
    "withdraw": gettext_lazy("撤回"),
    "attach": gettext_lazy("补充票据"),
}


def _offered_steps(user, expense):
    """The steps this user may take now: allowed by the table, the role, and not on one's own request."""
    own = expense.requester_id == user.pk
    offered = []
    for name, (permission, form_class, _call) in STEPS.items():
        if name in {"resubmit", "withdraw", "attach"}:
            allowed = own and (
                expense.can(name) if name != "attach" else expense.status in {"submitted", "returned", "refused"}
            )
        elif name == "decide":
            allowed = expense.status in {"submitted", "reviewed", "accepted"} and expense_services.needs_decision(
                expense
            )
        else:
            allowed = not own and expense.can(name) and (name != "accept" or expense.is_goods)
        if allowed and user.has_perm(permission, expense):
            initial = {"amount": expense.amount, "purpose": expense.purpose, "payee": expense.payee}
            offered.append((name, STEP_LABELS[name], form_class(initial=initial, prefix=name)))
    return offered


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
        "offered": _offered_steps(request.user, expense),
        "needs_decision": expense_services.needs_decision(expense),
    }
    return render(request, "funds/expense_detail.html", context)


@require_POST
@permission_required("funds.view_index")
def expense_step(request, pk, step):
    expense = get_object_or_404(Expense, pk=pk)
    if step not in STEPS:
        raise Http404
    permission, form_class, call = STEPS[step]
    check_object_permission(request.user, permission, expense)
    form = form_class(request.POST, request.FILES, prefix=step)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(expense)
    data = dict(form.cleaned_data)
    try:
        if step == "attach":
            expense_services.add_attachments(
                expense=expense, actor=request.user, attachments=[(f, data["kind"]) for f in data["files"]]
            )
        else:
            call(expense=expense, actor=request.user, **data)
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(request, _("已%(step)s。") % {"step": STEP_LABELS[step]})
    return redirect(expense)


@permission_required("funds.view_index")
def attachment_file(request, pk):
    """A voucher, opened through the portal only, and every opening logged."""
    attachment = get_object_or_404(Attachment.objects.select_related("expense"), pk=pk)
    check_object_permission(request.user, "funds.view_expense", attachment.expense)
    expense_services.log_attachment_read(attachment=attachment, reader=request.user)
    return FileResponse(attachment.file.open("rb"), filename=attachment.name)


# ---- income -----------------------------------------------------------------------------------------------


@permission_required("funds.keep_books")
def income_create(request):
    form = forms.IncomeForm(request.POST or None)
    return _form_page(
        request,
        form,
        save=lambda form: income_services.record_income(actor=request.user, **form.cleaned_data),
        done=_("收入已入账。"),
        title=_("登记收入"),
        back="funds:ledger",
        then=lambda entry: redirect("funds:ledger"),
    )


@permission_required("funds.keep_books")
def dues_post(request):
    form = forms.DuesForm(request.POST or None)
    return _form_page(
        request,
        form,
        save=lambda form: income_services.post_dues(actor=request.user, **form.cleaned_data),
        done=lambda entry: _("会费 %(amount)s 元已入账。") % {"amount": entry.amount},
        title=_("会费入账"),
        back="funds:ledger",
        then=lambda entry: redirect("funds:ledger"),
    )


@permission_required("funds.keep_books")
def allocation_create(request):
    form = forms.AllocationForm(request.POST or None)
    return _form_page(
        request,
        form,
        save=lambda form: income_services.record_allocation(actor=request.user, **form.cleaned_data),
        done=lambda entry: _("拨缴经费留成 %(amount)s 元已入账。") % {"amount": entry.amount},
        title=_("拨缴经费入账"),
        back="funds:ledger",
        then=lambda entry: redirect("funds:ledger"),
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


def _ledger_filters(request):
    year = _year(request)
    account = Account.objects.filter(pk=request.GET.get("account") or None).first()
    fund = Fund.objects.filter(pk=request.GET.get("fund") or None).first()
    try:
        month = int(request.GET.get("month") or 0)
    except ValueError:
        month = 0
    return year, account, (month if 1 <= month <= 12 else None), fund


@permission_required("funds.view_books")
def ledger(request):
    year, account, month, fund = _ledger_filters(request)
    entries = selectors.ledger(year, account=account, month=month, fund=fund)
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
            "months": range(1, 13),
            "page": paginate(request, entries, per_page=50),
            "totals": selectors.ledger_totals(entries),
            "monthly": selectors.monthly(year, account),
        },
    )


# ---- budget -----------------------------------------------------------------------------------------------


@permission_required("funds.view_books")
def budget_page(request):
    year = _year(request)
    budget = Budget.objects.filter(year=year).first()
    context = {"year": year, "budget": budget, "execution": selectors.execution(year)}
    if budget is not None:
        context |= {
            "lines": budget.lines.select_related("account"),
            "adjustments": budget.adjustments.prefetch_related("lines__account"),
            "steps": budget.steps.filter(adjustment=None).select_related("actor__member"),
            "line_form": forms.BudgetLineForm(prefix="line"),
            "adopt_form": forms.AdoptForm(prefix="adopt"),
            "approve_form": forms.ApprovalForm(prefix="approve"),
            "close_form": forms.CloseForm(prefix="close"),
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
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)
    return None


BUDGET_STEPS = {
    # step: (permission, form, service, done message)
    "line": (
        "funds.draft_budget",
        forms.BudgetLineForm,
        budget_services.set_budget_line,
        gettext_lazy("预算项目已保存。"),
    ),
    "adopt": ("funds.decide_budget", forms.AdoptForm, budget_services.adopt_budget, gettext_lazy("已登记委员会通过。")),
    "approve": (
        "funds.decide_budget",
        forms.ApprovalForm,
        budget_services.approve_budget,
        gettext_lazy("已登记上级批复。"),
    ),
    "execute": ("funds.decide_budget", None, budget_services.execute_budget, gettext_lazy("预算开始执行。")),
    "close": (
        "funds.decide_budget",
        forms.CloseForm,
        budget_services.close_budget,
        gettext_lazy("已决算，本年度账目关闭。"),
    ),
    "adjustment": (
        "funds.draft_budget",
        forms.AdjustmentForm,
        budget_services.create_adjustment,
        gettext_lazy("已新建预算调整。"),
    ),
}


@require_POST
@permission_required("funds.draft_budget")
def budget_create(request):
    year = _year(request)
    back = f"{redirect('funds:budget').url}?year={year}"
    return _after(
        request,
        lambda: budget_services.create_budget(year=year, actor=request.user),
        _("%(year)s年度预算草案已建立。") % {"year": year},
        back,
    )


@require_POST
@permission_required("funds.view_books")
def budget_step(request, year, step):
    budget = get_object_or_404(Budget, year=year)
    if step not in BUDGET_STEPS:
        raise Http404
    permission, form_class, call, done = BUDGET_STEPS[step]
    if not request.user.has_perm(permission):
        raise PermissionDenied
    back = f"{redirect('funds:budget').url}?year={year}"
    data = {} if form_class is None else _valid(request, form_class, step)
    if data is None:
        return redirect(back)
    return _after(request, lambda: call(budget=budget, actor=request.user, **data), done, back)


ADJUSTMENT_STEPS = {
    "line": (
        "funds.draft_budget",
        forms.AdjustmentLineForm,
        budget_services.set_adjustment_line,
        gettext_lazy("调整项目已保存。"),
    ),
    "adopt": (
        "funds.decide_budget",
        forms.AdoptForm,
        budget_services.adopt_adjustment,
        gettext_lazy("已登记委员会通过。"),
    ),
    "approve": (
        "funds.decide_budget",
        forms.ApprovalForm,
        budget_services.approve_adjustment,
        gettext_lazy("调整已批复生效。"),
    ),
}


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
            "line_form": forms.AdjustmentLineForm(prefix="line"),
            "adopt_form": forms.AdoptForm(prefix="adopt"),
            "approve_form": forms.ApprovalForm(prefix="approve"),
        },
    )


@require_POST
@permission_required("funds.view_books")
def adjustment_step(request, pk, step):
    adjustment = get_object_or_404(Adjustment, pk=pk)
    if step not in ADJUSTMENT_STEPS:
        raise Http404
    permission, form_class, call, done = ADJUSTMENT_STEPS[step]
    if not request.user.has_perm(permission):
        raise PermissionDenied
    data = _valid(request, form_class, step)
    if data is None:
        return redirect(adjustment)
    return _after(request, lambda: call(adjustment=adjustment, actor=request.user, **data), done, adjustment)
