"""The buttons that print congress documents: each queues a background job
(unionportal.documents) and opens the job page."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionportal.access import check_object_permission, permission_required
from unionportal.documents.services import queue_document
from unionportal.models import UnionProfile

from . import documents, forms
from .models import Appraisal, CongressTerm, Proposal, Session


def _queued(request, document, **params):
    job = queue_document(owner=request.user, kind=document.kind, params=params)
    return redirect("documents:job", job_id=job.pk)


@permission_required("congress.print_documents")
def convening_notice(request, pk):
    session = get_object_or_404(Session.objects.select_related("term"), pk=pk)
    form = forms.ConveningNoticeForm(request.POST or None, initial={"issuing_body": UnionProfile.load().name})
    if form.is_valid():
        return _queued(request, documents.ConveningNotice, **form.params(session))
    return render(request, "congress/convening_notice_form.html", {"form": form, "session": session})


@require_POST
@permission_required("congress.print_documents")
def delegate_roster(request, pk):
    term = get_object_or_404(CongressTerm, pk=pk)
    return _queued(request, documents.DelegateRoster, term=term.pk)


@require_POST
@permission_required("congress.print_documents")
def proposal_register(request, pk):
    session = get_object_or_404(Session, pk=pk)
    return _queued(request, documents.ProposalRegister, session=session.pk)


@require_POST
@permission_required("congress.view_proposals")
def reply_letter(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    check_object_permission(request.user, "congress.print_reply_letter", proposal)
    if not proposal.reply:
        messages.error(request, _("该提案尚未答复，不能打印答复函。"))
        return redirect(proposal)
    return _queued(request, documents.ReplyLetter, proposal=proposal.pk)


@require_POST
@permission_required("congress.print_documents")
def appraisal_result(request, pk):
    appraisal = get_object_or_404(Appraisal, pk=pk)
    if appraisal.status != Appraisal.Status.CLOSED:
        messages.error(request, _("评议尚未结束，结果不能打印。"))
        return redirect(appraisal)
    return _queued(request, documents.AppraisalResult, appraisal=appraisal.pk)
