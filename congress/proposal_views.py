"""Proposals (提案): the list, drafting one, its page with the buttons of its table (``flows.py``),
and the follow-through (落实情况) reported to the next session.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionportal import workflow
from unionportal.access import check_object_permission, permission_required
from unionportal.form_pages import apply_posted_form
from unionportal.pagination import paginate
from unionportal.strokes import in_stroke_order

from . import forms, proposal_services, selectors
from .models import Proposal, ProposalCoSigner, Session


@permission_required("congress.view_proposals")
def proposal_list(request):
    sessions = list(selectors.sessions())
    chosen = request.GET.get("session", "")
    session = next((s for s in sessions if chosen.isdigit() and s.pk == int(chosen)), None)
    status = request.GET.get("status", "")
    mine = request.GET.get("mine") == "1"
    proposals = selectors.proposal_list(user=request.user, session=session, status=status, mine=mine)
    page_obj = paginate(request, proposals.values_list("pk", flat=True))
    page_obj.object_list = selectors.proposal_rows(page_obj.object_list, sessions)
    return render(
        request,
        "congress/proposal_list.html",
        {
            "page_obj": page_obj,
            "session": session,
            "status": status,
            "mine": mine,
            "statuses": Proposal.Status.choices,
            "sessions": sessions,
        },
    )


@permission_required("congress.add_proposal")
def proposal_create(request):
    member = getattr(request.user, "member", None)
    sessions = selectors.open_sessions(member) if member else Session.objects.none()
    if not sessions.exists():
        messages.error(request, _("您不是在任代表，或还没有可提交提案的会议。"))
        return redirect("congress:proposals")
    session = sessions.first()
    delegates = selectors.delegate_members(session, exclude=member)
    form = forms.ProposalForm(request.POST or None, sessions=sessions, delegates=delegates)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = proposal_services.draft_proposal(
                session=form.cleaned_data["session"],
                proposer=member,
                title=form.cleaned_data["title"],
                content=form.cleaned_data["content"],
                actor=request.user,
            )
            if form.cleaned_data["cosigners"]:
                proposal_services.invite_cosigners(
                    proposal=proposal, cosigners=form.cleaned_data["cosigners"], actor=request.user
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("提案已保存，等待代表附议后即可提交。"))
            return redirect(proposal)
    return render(request, "congress/proposal_form.html", {"form": form})


def _load(request, pk):
    try:
        proposal = selectors.proposal_detail(pk)
    except Proposal.DoesNotExist as error:
        raise Http404 from error
    check_object_permission(request.user, "congress.view_proposal", proposal)
    return proposal


@permission_required("congress.view_proposals")
def proposal_detail(request, pk):
    proposal = _load(request, pk)
    internal = request.user.has_perm("congress.view_review_notes")
    steps = proposal.steps.all()  # internal notes are left out in the template, the steps stay
    return render(
        request,
        "congress/proposal_detail.html",
        {
            "proposal": proposal,
            "steps": steps,
            "internal": internal,
            "buttons": workflow.buttons_for(request, proposal) + _invitation_buttons(proposal, request.user),
            "min_cosigners": proposal.session.term.min_cosigners,
            "signed": sum(1 for c in proposal.cosigners.all() if c.status == "signed"),
            "cosigners": in_stroke_order(proposal.cosigners.all(), name=lambda cosigner: cosigner.member.name),
        },
    )


def _invitation_buttons(proposal, user):
    """附议/谢绝附议 for the delegate invited to co-sign it, from the invitation's own table."""
    member = getattr(user, "member", None)
    invitation = next((c for c in proposal.cosigners.all() if member and c.member_id == member.pk), None)
    return workflow.buttons(invitation, user) if invitation else []


@require_POST
@permission_required("congress.view_proposals")
def invitation_act(request, pk, action):
    """The buttons of a co-signing invitation (INVITATION_FLOW in flows.py) post here."""
    invitation = get_object_or_404(ProposalCoSigner.objects.select_related("proposal"), pk=pk)
    check_object_permission(request.user, "congress.view_invitation", invitation)
    return workflow.act(request, invitation, action)


@require_POST
@permission_required("congress.view_proposals")
def proposal_act(request, pk, action):
    """Every button of the proposal's table (congress/flows.py) posts here."""
    return workflow.act(request, _load(request, pk), action)


@permission_required("congress.view_proposals")
def follow_up(request, pk):
    """落实情况: how a session's proposals were handled, as reported to the next session (public, 公示)."""
    session = get_object_or_404(Session.objects.select_related("term"), pk=pk)
    proposals = list(
        session.proposals.filter(status__in=Proposal.RECEIVED)
        .select_related("proposer", "lead_department", "merged_into")
        .order_by("number", "submitted_at", "pk")
    )
    for proposal in proposals:
        if proposal.status in Proposal.ANSWERED and request.user.has_perm("congress.record_implementation", proposal):
            proposal.implementation_form = forms.ImplementationForm(
                initial={"implementation": proposal.implementation, "note": proposal.implementation_note},
                prefix=f"p{proposal.pk}",
            )
    return render(
        request,
        "congress/follow_up.html",
        {
            "session": session,
            "proposals": proposals,
            "kpis": selectors.session_kpis(session),
            "today": timezone.localdate(),
            "next_session": selectors.next_session(session),
        },
    )


@require_POST
@permission_required("congress.view_proposals")
def record_implementation(request, pk):
    proposal = get_object_or_404(Proposal.objects.select_related("lead_department", "session"), pk=pk)
    check_object_permission(request.user, "congress.record_implementation", proposal)
    apply_posted_form(
        request,
        forms.ImplementationForm(request.POST, prefix=f"p{proposal.pk}"),
        lambda form: proposal_services.record_implementation(
            proposal=proposal, actor=request.user, **form.cleaned_data
        ),
        done=lambda saved: (
            _("已登记提案“%(title)s”的落实情况：%(state)s。")
            % {"title": saved.title, "state": saved.get_implementation_display()}
        ),
    )
    return redirect(reverse("congress:follow_up", args=[proposal.session_id]) + f"#proposal-{proposal.pk}")
