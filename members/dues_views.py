"""The dues (会费) pages: month ledger, bulk payment, arrears, settings."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionportal.access import permission_required
from unionportal.pagination import paginate

from . import dues
from .forms import DuesSettingsForm, GroupPaidForm, MonthField, WageBaseForm
from .models import DuesSettings, UnionGroup


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
        messages.error(request, _("请选择小组、月份和缴纳日期。"))
        return redirect("members:dues")
    try:
        count = dues.mark_group_paid(actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("已登记 %(count)s 人缴纳。") % {"count": count})
    return _back(form.cleaned_data["month"])


@permission_required("members.view_dues")
def arrears(request):
    return render(request, "members/dues/arrears.html", {"page_obj": paginate(request, dues.arrears())})


@permission_required("members.change_dues_settings")
def settings(request):
    current = DuesSettings.current()
    form = DuesSettingsForm(request.POST or None, instance=DuesSettings.current())
    if form.is_valid():
        try:
            dues.update_settings(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("会费设置已保存。"))
            return redirect("members:dues")
    return render(request, "members/dues/settings.html", {"form": form, "current": current})


@permission_required("members.view_dues")
def year_totals(request):
    this_year = timezone.localdate().year
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else this_year
    context = {
        "year": year,
        "years": sorted({this_year, year, *dues.years_on_ledger()}, reverse=True),
        "totals": dues.yearly_totals(year),
        "settings": DuesSettings.current(),
        "page_obj": paginate(request, dues.member_totals(year)),
    }
    return render(request, "members/dues/year.html", context)
