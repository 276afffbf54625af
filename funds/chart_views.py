"""The chart of accounts page (科目与资金): the accountant or the chair adds, renames and deactivates accounts and
funds; deleting one that the books name is refused with the reason."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionportal.access import permission_required
from unionportal.form_pages import form_page, report_refusal

from . import forms
from .models import Account, AdjustmentLine, BudgetLine, Expense, Fund
from .services import chart
from .services.income import general_fund


@permission_required("funds.manage_chart")
def chart_page(request):
    """Each row offers 删除 only where the service would allow it (nothing in the books names it)."""
    named = [Expense, BudgetLine, AdjustmentLine]
    account_tied = Exists(Account.objects.filter(parent=OuterRef("pk")))
    for model in named:
        account_tied |= Exists(model.objects.filter(account=OuterRef("pk")))
    accounts = Account.objects.select_related("parent").annotate(
        postings=Count("entries", distinct=True), deletable=~account_tied & Q(postings=0)
    )
    own_money = general_fund()
    funds = Fund.objects.annotate(postings=Count("entries", distinct=True)).annotate(
        deletable=~Exists(Expense.objects.filter(fund=OuterRef("pk")))
        & Q(postings=0)
        & ~Q(pk=own_money.pk if own_money else None)
    )
    return render(request, "funds/chart.html", {"accounts": accounts, "funds": funds})


def _edit(request, form, service, done, title):
    return form_page(
        request,
        form,
        template="funds/form.html",
        save=lambda form: service(form.save(commit=False), actor=request.user),
        done=done,
        title=title,
        back="funds:chart",
        then=lambda saved: redirect("funds:chart"),
    )


def _save_account(account, actor):
    return chart.save_account(account=account, actor=actor)


def _save_fund(fund, actor):
    return chart.save_fund(fund=fund, actor=actor)


@permission_required("funds.manage_chart")
def account_create(request):
    form = forms.NewAccountForm(request.POST or None)
    return _edit(request, form, _save_account, lambda a: _("已添加科目“%(a)s”。") % {"a": a}, _("添加科目"))


@permission_required("funds.manage_chart")
def account_edit(request, pk):
    form = forms.AccountForm(request.POST or None, instance=get_object_or_404(Account, pk=pk))
    return _edit(request, form, _save_account, lambda a: _("科目“%(a)s”已保存。") % {"a": a}, _("修改科目"))


@permission_required("funds.manage_chart")
def fund_create(request):
    form = forms.NewFundForm(request.POST or None)
    return _edit(request, form, _save_fund, lambda f: _("已添加资金“%(f)s”。") % {"f": f}, _("添加资金"))


@permission_required("funds.manage_chart")
def fund_edit(request, pk):
    form = forms.FundForm(request.POST or None, instance=get_object_or_404(Fund, pk=pk))
    return _edit(request, form, _save_fund, lambda f: _("资金“%(f)s”已保存。") % {"f": f}, _("修改资金"))


def _delete(request, obj, service):
    try:
        service(obj, actor=request.user)
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(request, _("已删除“%(obj)s”。") % {"obj": obj})
    return redirect("funds:chart")


@require_POST
@permission_required("funds.manage_chart")
def account_delete(request, pk):
    account = get_object_or_404(Account, pk=pk)
    return _delete(request, account, lambda a, actor: chart.delete_account(account=a, actor=actor))


@require_POST
@permission_required("funds.manage_chart")
def fund_delete(request, pk):
    fund = get_object_or_404(Fund, pk=pk)
    return _delete(request, fund, lambda f, actor: chart.delete_fund(fund=f, actor=actor))
