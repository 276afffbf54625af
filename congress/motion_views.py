"""Votes on a session's motions (表决): the motion's page, the secret ballot and staff's controls."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionportal import workflow
from unionportal.access import permission_required
from unionportal.form_pages import report_refusal

from . import forms, motion_services, selectors
from .models import BallotReceipt, Motion, Session
from .vote_flows import before_session


@permission_required("congress.manage_session")
def motion_create(request, pk):
    session = get_object_or_404(Session, pk=pk)
    form = forms.MotionForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            motion = motion_services.add_motion(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("congress:motion", pk=motion.pk)
    return render(request, "congress/motion_form.html", {"form": form, "session": session})


def ballot_refusal(check, ballot, member):
    """Why the member may not vote on the ballot now, shown in place of it; None when they may."""
    try:
        check(ballot, member)
    except ValidationError as error:
        return error.messages[0]
    return None


def _delegate_for(request, motion):
    return selectors.active_delegate(getattr(request.user, "member", None), motion.agenda_item.session.term_id)


@permission_required("congress.view_session")
def motion_detail(request, pk):
    motion = get_object_or_404(Motion.objects.select_related("agenda_item__session__term"), pk=pk)
    delegate = _delegate_for(request, motion)
    voted = delegate is not None and BallotReceipt.objects.filter(motion=motion, delegate=delegate).exists()
    asked = delegate is not None and not voted and motion.method == Motion.Method.SECRET
    refusal = ballot_refusal(motion_services.check_ballot, motion, delegate.member) if asked else None
    return render(
        request,
        "congress/motion_detail.html",
        {
            "motion": motion,
            "session": motion.agenda_item.session,
            "result": selectors.motion_result(motion),
            "turnout": motion.receipts.count(),
            "can_vote": asked and refusal is None,
            "refusal": refusal if motion.status == Motion.Status.OPEN else None,
            "voted": voted,
            "ballot_form": forms.BallotForm(),
            "buttons": workflow.buttons_for(request, motion),
            "not_yet": before_session(motion) if motion.status == Motion.Status.DRAFT else None,
            "steps": motion.steps.select_related("actor__member"),
        },
    )


@require_POST
@permission_required("congress.vote")
def motion_vote(request, pk):
    motion = get_object_or_404(Motion, pk=pk)
    form = forms.BallotForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择赞成、反对或弃权。"))
        return redirect("congress:motion", pk=pk)
    try:
        motion_services.cast_ballot(
            motion=motion, member=getattr(request.user, "member", None), choice=form.cleaned_data["choice"]
        )
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(request, _("您的选票已投出。"))
    return redirect("congress:motion", pk=pk)


@require_POST
@permission_required("congress.view_session")
def motion_act(request, pk, action):
    """Every button of the motion's table (vote_flows.py) posts here."""
    return workflow.act(request, get_object_or_404(Motion, pk=pk), action)
