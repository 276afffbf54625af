"""The 工会经费审查报告 put before a session: the 经审's finished audit, as the PDF its report job rendered
(``funds.documents.AuditReport``, a background job), becomes one of the session's documents."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from funds.documents import AuditReport
from funds.models import Audit
from unionportal.access import permission_required
from unionportal.documents.models import Job
from unionportal.form_pages import report_refusal

from .models import Session, SessionDocument

TITLE = _("工会经费审查报告")


def finished_audits():
    return Audit.objects.filter(status=Audit.Status.FINISHED).order_by("-year", "-pk")


def latest_report_job(audit: Audit) -> Job | None:
    done = Job.objects.filter(kind=AuditReport.kind, status=Job.Status.DONE, params__audit=str(audit.pk))
    return done.exclude(file="").order_by("-finished_at").first()


@transaction.atomic
def attach_audit_report(*, session: Session, audit: Audit, actor) -> SessionDocument:
    """Attach the audit's 经费审查报告 (the latest PDF rendered for it) to the session, once."""
    if audit.status != Audit.Status.FINISHED:
        raise ValidationError(_("“%(audit)s”尚未完成，完成后才能附上经费审查报告。") % {"audit": audit})
    if session.documents.filter(audit=audit).exists():
        raise ValidationError(_("本次会议已附上“%(audit)s”的经费审查报告。") % {"audit": audit})
    job = latest_report_job(audit)
    if job is None:
        raise ValidationError(
            _("“%(audit)s”的经费审查报告 PDF 还没有生成：请在经费审查页面点“打印经费审查报告（PDF）”，生成后再附上。")
            % {"audit": audit}
        )
    document = SessionDocument(session=session, title=f"{TITLE}（{audit.title}）", audit=audit)
    with job.file.open("rb") as pdf:
        document.file.save(f"audit-report-{audit.pk}.pdf", ContentFile(pdf.read()), save=False)
    document.full_clean()
    document.save()
    return document


@require_POST
@permission_required("congress.manage_session")
def attach(request, pk):
    session = get_object_or_404(Session, pk=pk)
    chosen = request.POST.get("audit", "")
    audit = finished_audits().filter(pk=chosen).first() if chosen.isascii() and chosen.isdigit() else None
    if audit is None:
        messages.error(request, _("请选择一次已完成的经费审查。"))
        return redirect(session)
    try:
        attach_audit_report(session=session, audit=audit, actor=request.user)
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(request, _("已附上“%(audit)s”的工会经费审查报告。") % {"audit": audit})
    return redirect(session)
