from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionportal.access import permission_required

from . import registration
from .org_forms import FreezeForm


@permission_required("members.view_registration")
def registration_index(request):
    years = registration.frozen_years()
    if years:
        return redirect("members:registration_year", year=years[0])
    return render(request, "members/registration.html", {"years": years, "freeze_form": _freeze_form(request, years)})


@permission_required("members.view_registration")
def registration_year(request, year):
    frozen = registration.registration_of(year)
    if frozen is None:
        raise Http404
    years = registration.frozen_years()
    context = {"registration": frozen, "years": years, "freeze_form": _freeze_form(request, years)}
    return render(request, "members/registration.html", context)


def _freeze_form(request, frozen_years):
    """The freeze form for those who may freeze, while this year or last is still open."""
    if not request.user.has_perm("members.freeze_registration"):
        return None
    form = FreezeForm(frozen_years=frozen_years)
    return form if form.fields["year"].choices else None


@permission_required("members.freeze_registration")
@require_POST
def freeze(request):
    form = FreezeForm(request.POST)
    if form.is_valid():
        year = form.cleaned_data["year"]
        try:
            registration.freeze_year(year=year, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(year)s年度登记已完成。") % {"year": year})
            return redirect("members:registration_year", year=year)
    else:
        messages.error(request, " ".join(" ".join(errors) for errors in form.errors.values()))
    return redirect("members:registration")
