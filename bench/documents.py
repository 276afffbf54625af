"""Each official document (通知, 召开通知, 答复函, 公示单), the annual report and one register: the
whole job (its data, template, WeasyPrint, the PDF stored; run eagerly as in figures.py) beside
``rendering.weasyprint_pdf`` alone on the same HTML, the floor no document can go below, by the clock and
by this process's CPU (the job runs here, so its CPU is all but PostgreSQL's; on a shared machine the clock
also counts waiting for a core); and the peak memory of a fresh process that renders the annual report, as a
worker does."""

import multiprocessing
import os
import statistics
import time
from io import BytesIO
from pathlib import Path

import django
from django.utils import timezone
from pypdf import PdfReader

from congress.forms import ConveningNoticeForm
from congress.models import Proposal, Session
from disclosure.models import DisclosureItem
from unionportal.documents.registry import document_for
from unionportal.documents.rendering import document_html, weasyprint_pdf
from unionportal.documents.services import queue_document
from welfare.models import Campaign

from .figures import _done, _job, _notice_params

RUNS = int(os.environ.get("BENCH_DOCUMENT_RUNS", "5"))
# A short document is run until its floors add up to this many seconds (at most MAX_RUNS times): the median of five
# runs of a 40 ms 公文 moved by a few hundredths from one bench to the next.
SECONDS = float(os.environ.get("BENCH_DOCUMENT_SECONDS", "1.5"))
MAX_RUNS = 30
HEADER = ["document", "kind", "runs", "job ms", "WeasyPrint ms", "job÷WeasyPrint", "pages", "CPU job÷WeasyPrint"]


def _convening_params(session):
    """The convening notice's parameters as its form sends them."""
    data = {"issuing_body": "工会委员会", "addressees": "全体代表、各代表组", "venue": "学术报告厅"}
    form = ConveningNoticeForm({**data, "requirements": "请准时出席。\n不得缺席。", "date": f"{timezone.localdate()}"})
    if not form.is_valid():
        raise SystemExit(f"convening notice form refused the bench's data: {form.errors.as_text()}")
    return form.params(session)


def samples():
    """(name, kind, params) of each document timed, taken from the seeded union."""
    session = Session.objects.order_by("-starts_on").first()
    proposal = Proposal.objects.exclude(reply="").order_by("pk").first()
    item = DisclosureItem.objects.filter(status__in=DisclosureItem.ON_BOARD).order_by("pk").first()
    campaign = Campaign.objects.order_by("pk").first()
    return [
        ("通知", "notice", _notice_params("张三", 0)),
        ("召开通知", "congress_convening_notice", _convening_params(session)),
        ("答复函", "congress_reply_letter", {"proposal": proposal.pk}),
        ("公示单", "disclosure_sheet", {"item": item.pk}),
        ("年度工会工作报告", "annual_report", {"year": timezone.localdate().year}),
        ("走访慰问登记表", "welfare_visit_register", {"campaign": campaign.pk}),
    ]


def _milliseconds(work):
    """Wall-clock and CPU milliseconds of ``work()``, and its result."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, result


def _medians(timings):
    return [statistics.median(column) for column in zip(*timings, strict=True)]


def time_documents(owner, runs=RUNS, seconds=SECONDS):
    """One table row per document: median job and WeasyPrint times over at least ``runs`` runs (a short one runs until
    its floors add up to ``seconds``), their ratio, pages, and the ratio of their CPU times. Each document's HTML is
    rendered to PDF once before the timing, so that its fonts are loaded and WeasyPrint's caches are warm for the
    first job as for the floor after it."""
    rows = []
    for name, kind, params in samples():
        html = document_html(document_for(kind), params)
        weasyprint_pdf(html)
        jobs, floors = [], []
        while len(jobs) < runs or (sum(floor[0] for floor in floors) < seconds * 1000 and len(jobs) < MAX_RUNS):
            # the job as the worker runs it; reading back its row afterwards is the bench's check, not its work
            *job, queued = _milliseconds(
                lambda kind=kind, params=params: queue_document(owner=owner, kind=kind, params=params)
            )
            _done(queued)
            *floor, pdf = _milliseconds(lambda html=html: weasyprint_pdf(html))
            jobs.append(job)
            floors.append(floor)
        (job_ms, job_cpu), (floor_ms, floor_cpu) = _medians(jobs), _medians(floors)
        pages = len(PdfReader(BytesIO(pdf)).pages)
        ratio, cpu_ratio = job_ms / floor_ms, job_cpu / floor_cpu
        rows.append(
            [name, kind, len(jobs), f"{job_ms:.0f}", f"{floor_ms:.0f}", f"{ratio:.2f}×", pages, f"{cpu_ratio:.2f}×"]
        )
    return rows


def _annual_report_peak_rss(owner_pk, year):
    """The annual report job in this process, then the process's peak resident memory in MB: its VmHWM, not
    ``ru_maxrss``, which Linux carries over fork and exec, so that a spawned process starts with its parent's
    resident size as its peak (the seeded bench's, a few hundred MB)."""
    from django.contrib.auth.models import User

    _job(User.objects.get(pk=owner_pk), "annual_report", {"year": year})
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return int(status["VmHWM"].split()[0]) / 1024


def annual_report_peak_rss(owner, year):
    """Peak RSS of a new interpreter (spawned, not forked from the seeded bench) that renders the annual
    report: what one worker process needs for it, fonts and all."""
    with multiprocessing.get_context("spawn").Pool(1, initializer=django.setup) as pool:
        return pool.apply(_annual_report_peak_rss, (owner.pk, year))
