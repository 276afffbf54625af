"""Member self-service (我的档案): a member's own record, contact details, dues and history."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from unionportal.access import member_record_required, permission_required

from . import dues, selectors, services
from .forms import ContactForm


@member_record_required
@permission_required("members.view_own_record")
def my_record(request):
    member = selectors.own_member(request.user)
    form = ContactForm(request.POST or None, initial={"phone": member.phone, "email": request.user.email})
    if form.is_valid():
        services.update_own_contact(member=member, **form.cleaned_data)
        messages.success(request, _("联系方式已更新。"))
        return redirect("members:me")
    years = dues.years_on_ledger(member) or [timezone.localdate().year]
    year = int(request.GET["year"]) if request.GET.get("year", "") in map(str, years) else years[0]
    context = {
        "member": member,
        "form": form,
        "events": selectors.timeline(member),
        "year": year,
        "years": years,
        "own_dues": dues.own_year(member, year),
    }
    return render(request, "members/my_record.html", context)
