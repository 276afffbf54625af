"""Democratic appraisal (民主评议): set up, voted, counted and published; who has voted."""

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionportal import workflow
from unionportal.access import permission_required
from unionportal.form_pages import apply_posted_form, form_page, report_refusal
from unionportal.pagination import paginate

from . import appraisal_selectors, appraisal_services, forms
from .models import Appraisal
from .motion_views import ballot_refusal
from .views import FORM_TEMPLATE

GRADE_FIELD = re.compile(r"a[0-9]+")


@permission_required("congress.view_appraisals")
def appraisal_list(request):
    appraisals = Appraisal.objects.select_related("term").order_by("-pk")
    return render(request, "congress/appraisal_list.html", {"page_obj": paginate(request, appraisals)})


@permission_required("congress.manage_appraisal")
def appraisal_create(request):
    return form_page(
        request,
        forms.AppraisalForm(request.POST or None),
        save=lambda form: appraisal_services.save_appraisal(appraisal=form.save(commit=False), actor=request.user),
        done=_("评议已创建，请添加被评议人。"),
        title=_("新建民主评议"),
        back="congress:appraisals",
        template=FORM_TEMPLATE,
    )


@require_POST
@permission_required("congress.manage_appraisal")
def appraisee_add(request, pk):
    appraisal = get_object_or_404(Appraisal, pk=pk)
    apply_posted_form(
        request,
        forms.AppraiseeForm(request.POST),
        lambda form: appraisal_services.add_appraisee(appraisal=appraisal, actor=request.user, **form.cleaned_data),
        done=lambda appraisee: _("已将%(name)s列入被评议人名单。") % {"name": appraisee.member.name},
    )
    return redirect(appraisal)


@permission_required("congress.view_appraisals")
def appraisal_detail(request, pk):
    appraisal = get_object_or_404(Appraisal.objects.select_related("term", "session"), pk=pk)
    member = getattr(request.user, "member", None)
    voted = member is not None and appraisal.receipts.filter(member=member).exists()
    asked = (
        appraisal.status == Appraisal.Status.OPEN and not voted and appraisal_selectors.in_electorate(appraisal, member)
    )
    refusal = ballot_refusal(appraisal_services.check_appraisal_ballot, appraisal, member) if asked else None
    voted_count, voters = appraisal_selectors.appraisal_turnout(appraisal)
    return render(
        request,
        "congress/appraisal_detail.html",
        {
            "appraisal": appraisal,
            "appraisees": appraisal.appraisees.select_related("member"),
            "grades": appraisal.grades(),
            "turnout": {"voted": voted_count, "voters": voters},
            # the count is for union staff until it is published (公示)
            "tally": appraisal_selectors.appraisal_tally(appraisal)
            if appraisal.status == Appraisal.Status.CLOSED or request.user.has_perm("congress.manage_appraisal")
            else None,
            "can_vote": asked and refusal is None,
            "refusal": refusal,
            "voted": voted,
            "appraisee_form": forms.AppraiseeForm(),
            "buttons": workflow.buttons_for(request, appraisal),
            "steps": appraisal.steps.select_related("actor__member"),
        },
    )


@permission_required("congress.view_appraisal_voters")
def appraisal_voters(request, pk):
    appraisal = get_object_or_404(Appraisal.objects.select_related("term"), pk=pk)
    not_voted, voted = appraisal_selectors.appraisal_voters(appraisal)
    return render(
        request,
        "congress/appraisal_voters.html",
        {"appraisal": appraisal, "not_voted": not_voted, "voted": voted},
    )


@require_POST
@permission_required("congress.vote_appraisal")
def appraisal_vote(request, pk):
    appraisal = get_object_or_404(Appraisal, pk=pk)
    # a<pk> is the grade given to each appraisee; the service refuses a ballot that does not grade exactly them
    grades = {int(key[1:]): grade for key, grade in request.POST.items() if GRADE_FIELD.fullmatch(key) and grade}
    try:
        appraisal_services.cast_appraisal_ballot(
            appraisal=appraisal, member=getattr(request.user, "member", None), grades=grades
        )
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(request, _("您的评议票已投出。"))
    return redirect(appraisal)


@require_POST
@permission_required("congress.view_appraisals")
def appraisal_act(request, pk, action):
    """Every button of the appraisal's table (vote_flows.py) posts here."""
    return workflow.act(request, get_object_or_404(Appraisal, pk=pk), action)
