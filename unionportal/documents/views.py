from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionportal import workflow
from unionportal.access import permission_required
from unionportal.models import UnionProfile
from unionportal.pagination import paginate

from . import selectors, services
from .annual_report import AnnualReportDocument, AnnualReportWordDocument, compile_report, year_chapters
from .forms import AddressedNoticeForm, AnnualReportForm, NoticeForm
from .models import AnnualReport, Job
from .registry import word_copy_kind

# The years a chair may report on: this one and the ten before it.
REPORT_YEARS = 10
# The annual report page's print buttons, by name, and the document each queues.
ANNUAL_REPORT_PRINTS = {"pdf": AnnualReportDocument, "docx": AnnualReportWordDocument}


@permission_required("documents.view_index")
def index(request):
    return render(request, "documents/index.html", {"page_obj": paginate(request, selectors.jobs_of(request.user))})


@permission_required("documents.write_notice")
def new_notice(request):
    form = NoticeForm(request.POST or None, initial={"issuing_body": UnionProfile.load().name})
    if form.is_valid():
        kind = word_copy_kind("notice") if "docx" in request.POST else "notice"
        job = services.queue_document(owner=request.user, kind=kind, params=form.params())
        return redirect("documents:job", job_id=job.pk)
    return render(request, "documents/notice_form.html", {"form": form})


@permission_required("documents.write_addressed_notice")
def new_addressed_notice(request):
    form = AddressedNoticeForm(request.POST or None, initial={"issuing_body": UnionProfile.load().name})
    if form.is_valid():
        job = services.queue_document(owner=request.user, kind="addressed_notice", params=form.params())
        return redirect("documents:job", job_id=job.pk)
    return render(request, "documents/addressed_notice_form.html", {"form": form})


@permission_required("documents.print_annual_report")
def annual_reports(request):
    this_year = timezone.localdate().year
    written = set(AnnualReport.objects.values_list("year", flat=True))
    years = [(year, year in written) for year in range(this_year, this_year - REPORT_YEARS - 1, -1)]
    return render(request, "documents/annual_reports.html", {"years": years})


def _report_year(year):
    this_year = timezone.localdate().year
    if not this_year - REPORT_YEARS <= year <= this_year:
        raise Http404
    return year


@permission_required("documents.print_annual_report")
def annual_report(request, year):
    narrative = AnnualReport.objects.filter(year=_report_year(year)).first() or AnnualReport(year=year)
    headings = [chapter.heading for chapter in year_chapters(year)]
    form = AnnualReportForm(request.POST or None, instance=narrative, headings=headings)
    if form.is_valid():
        form.save()
        for button, document in ANNUAL_REPORT_PRINTS.items():
            if button in request.POST:
                job = services.queue_document(owner=request.user, kind=document.kind, params={"year": year})
                return redirect("documents:job", job_id=job.pk)
        messages.success(request, _("已保存。"))
        return redirect("documents:annual_report", year=year)
    return render(request, "documents/annual_report_form.html", {"form": form, "year": year})


@permission_required("documents.print_annual_report")
def annual_report_preview(request, year):
    return render(request, AnnualReportDocument.template, compile_report(_report_year(year)))


@login_required
def job_detail(request, job_id):
    job = selectors.job_of(request.user, job_id)
    template = "documents/job.html#job-status" if request.htmx else "documents/job.html"
    context = {"job": job, "buttons": workflow.buttons_for(request, job), "steps": job.steps.all()}
    return render(request, template, context)


@login_required
def job_file(request, job_id):
    job = selectors.job_of(request.user, job_id)
    if job.status != Job.Status.DONE:
        raise Http404
    return FileResponse(
        job.file.open("rb"),
        content_type=job.output.content_type,
        as_attachment=not job.output.inline,
        filename=job.filename,
    )


@require_POST
@login_required
def word_copy(request, job_id):
    """The Word copy of an official document the user printed, from the same parameters."""
    job = selectors.job_of(request.user, job_id)
    if not job.word_copy_kind:
        raise Http404
    copy = services.queue_document(owner=request.user, kind=job.word_copy_kind, params=job.params)
    return redirect("documents:job", job_id=copy.pk)


@require_POST
@login_required
def act(request, job_id, action):
    """The job page's buttons (the table in flows.py: 重试) post here; someone else's job answers 404."""
    return workflow.act(request, selectors.job_of(request.user, job_id), action)
