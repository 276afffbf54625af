"""The dues (会费) pages: month ledger, bulk payment, arrears, settings."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionportal.access import permission_required
from unionportal.pagination import paginate
from unionportal.spreadsheets import xlsx_response

from . import dues
from .forms import CorrectDuesForm, DuesSettingsForm, GroupPaidForm, MonthField, PayDuesForm, WageBaseForm
from .models import DuesRecord, DuesSettings, UnionGroup


def _month(request):
    try:
        return dues.first_of_month(MonthField().clean(request.GET.get("month", "")))
    except ValidationError:
        return dues.first_of_month(timezone.localdate())


def _back(month):
    return redirect(f"{reverse('members:dues')}?month={month:%Y-%m}")


@permission_required("members.view_dues")
def ledger(request):
    month = _month(request)
    group = request.GET.get("group", "")
    records = dues.month_ledger(month, union_group=group if group.isdigit() else None)
    context = {
        "month": month,
        "group": group,
        "groups": UnionGroup.objects.current(),
        "page_obj": paginate(request, records),
        "totals": dues.yearly_totals(month.year),
        "monthly": dues.monthly_totals(month.year),
        "settings": DuesSettings.current(),
        "hand_up_share": dues.hand_up_share(month.year),
        "paid_form": GroupPaidForm(initial={"month": month}, auto_id="id_paid_%s"),
        "wage_form": WageBaseForm(initial={"month": month}, auto_id="id_wage_%s"),
    }
    return render(request, "members/dues/ledger.html", context)


@permission_required("members.manage_dues")
@require_POST
def open_month(request):
    try:
        month = dues.first_of_month(MonthField().clean(request.POST.get("month", "")))
    except ValidationError:
        messages.error(request, _("请选择月份。"))
        return redirect("members:dues")
    created = dues.open_month(month=month, actor=request.user)
    messages.success(request, _("已生成 %(count)s 条会费记录。") % {"count": len(created)})
    return _back(month)


@permission_required("members.manage_dues")
@require_POST
def wage_base(request):
    form = WageBaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写会员、月份和工资基数。"))
        return redirect("members:dues")
    try:
        dues.set_wage_base(actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("已登记工资基数。"))
    return _back(form.cleaned_data["month"])


@permission_required("members.manage_dues")
@require_POST
def mark_group_paid(request):
    form = GroupPaidForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
        return redirect("members:dues")
    try:
        count = dues.mark_group_paid(actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("已登记 %(count)s 人缴纳。") % {"count": count})
    return _back(form.cleaned_data["month"])


def _return_to(request, record):
    """Back to the page the payment was entered on (arrears list, ledger or member page)."""
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return _back(record.month)


@permission_required("members.manage_dues")
@require_POST
def pay(request, pk):
    """One member pays one month, in full (amount left blank) or in part."""
    record = get_object_or_404(DuesRecord.objects.select_related("member"), pk=pk)
    form = PayDuesForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
        return _return_to(request, record)
    try:
        record = dues.mark_paid(record=record, on=form.cleaned_data["on"], amount=form.cleaned_data["amount"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("已登记 %(name)s %(month)s 缴纳，实缴 %(paid)s 元。")
            % {"name": record.member.name, "month": f"{record.month:%Y-%m}", "paid": record.paid},
        )
    return _return_to(request, record)


@permission_required("members.manage_dues")
def correct(request, pk):
    """更正 a payment entered wrongly; the change and its reason stay in the record's history."""
    record = get_object_or_404(DuesRecord.objects.select_related("member"), pk=pk)
    form = CorrectDuesForm(request.POST or None, initial={"paid": record.paid, "paid_on": record.paid_on})
    if form.is_valid():
        try:
            dues.correct_payment(record=record, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("会费记录已更正。"))
            return _back(record.month)
    history = record.history.select_related("history_user").order_by("-history_date")
    return render(request, "members/dues/correct.html", {"record": record, "form": form, "history": history})


@permission_required("members.view_dues")
def arrears(request):
    return render(request, "members/dues/arrears.html", {"page_obj": paginate(request, dues.arrears())})


@permission_required("members.view_dues")
def ledger_export(request):
    month = _month(request)
    title = _("会费台账%(month)s") % {"month": f"{month:%Y-%m}"}
    return xlsx_response(dues.ledger_workbook(dues.month_ledger(month), title), f"{title}.xlsx")


@permission_required("members.view_dues")
def arrears_export(request):
    title = _("欠缴名单%(day)s") % {"day": f"{timezone.localdate():%Y%m%d}"}
    return xlsx_response(dues.ledger_workbook(dues.arrears(), _("欠缴名单")), f"{title}.xlsx")


@permission_required("members.change_dues_settings")
def settings(request):
    current = DuesSettings.current()
    this_year = timezone.localdate().year
    form = DuesSettingsForm(
        request.POST or None, instance=current, initial={"hand_up_share": dues.hand_up_share(this_year)}
    )
    if form.is_valid():
        try:
            dues.update_settings(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("会费设置已保存。"))
            return redirect("members:dues")
    return render(request, "members/dues/settings.html", {"form": form, "current": current, "year": this_year})


@permission_required("members.view_dues")
def year_totals(request):
    this_year = timezone.localdate().year
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else this_year
    context = {
        "year": year,
        "years": sorted({this_year, year, *dues.years_on_ledger()}, reverse=True),
        "totals": dues.yearly_totals(year),
        "page_obj": paginate(request, dues.member_totals(year)),
    }
    return render(request, "members/dues/year.html", context)
