"""The figures the app issues ask for besides page times: the roster export and import,
the annual report and a notice addressed to a thousand people.

Documents go the way ``make run`` sends them without Redis: ``queue_document`` records the job and
the Celery task runs eagerly in the same process (job rows, WeasyPrint, the PDF stored), so what
is timed is the whole job a worker does, minus the broker hop. Real workers: workers.py.
"""

import datetime
import time
from io import BytesIO

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from members import excel, services
from members.models import Department, Member, UnionGroup
from members.validators import id_check_char
from unionportal.documents.models import Job
from unionportal.documents.services import queue_document

from .client import Session


def roster_export(port, chair):
    """The chair downloads the whole roster as .xlsx from the running server."""
    status, seconds, _, body = Session(port, chair).get(reverse("members:export"))
    if status != 200:
        raise SystemExit(f"roster export answered {status}")
    sheet = load_workbook(BytesIO(body), read_only=True).worksheets[0]
    rows = sum(1 for _row in sheet.iter_rows(min_row=2, max_col=1))  # a streamed sheet states no size
    return {"seconds": seconds, "rows": rows, "bytes": len(body)}


def _id_number(i):
    first17 = f"330102{datetime.date(1970, 1, 1) + datetime.timedelta(days=i // 900):%Y%m%d}{i % 900 + 100:03d}"
    return first17 + id_check_char(first17)


def import_workbook(rows, *, broken_row=None):
    """A filled import template of ``rows`` new people; ``broken_row`` gets a wrong ID check digit."""
    departments = list(Department.objects.values_list("name", flat=True))
    groups = list(UnionGroup.objects.values_list("name", flat=True))
    book = Workbook(write_only=True)
    sheet = book.create_sheet("名册")
    sheet.append([title for title, _name in excel.COLUMNS])
    for i in range(rows):
        number = _id_number(i)
        if i == broken_row:
            number = number[:17] + ("0" if number[17] != "0" else "1")
        sheet.append(
            [f"导入{i:05d}", "", "", number, f"139{i:08d}", departments[i % len(departments)]]
            + [groups[i % len(groups)], "聘用", "在职", "一级教师", "", "2015-09-01", "是", "2016-03-01", "", ""]
        )
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def roster_import(chair, rows):
    """Dry run (the preview), then the import of ``rows`` rows; and the same file with one bad row
    at the end, which must be refused whole."""
    before = Member.objects.count()
    broken = import_workbook(rows, broken_row=rows - 1)
    started = time.perf_counter()
    try:
        services.import_roster(file=BytesIO(broken), actor=chair)
        refused = False
    except ValidationError:
        refused = True
    refused_seconds = time.perf_counter() - started
    refused_clean = refused and Member.objects.count() == before

    good = import_workbook(rows)
    started = time.perf_counter()
    checked = excel.check_against_database(excel.read_rows(BytesIO(good)))
    dry_run = time.perf_counter() - started
    started = time.perf_counter()
    created = services.import_roster(file=BytesIO(good), actor=chair)
    seconds = time.perf_counter() - started
    added = Member.objects.count() - before
    ok = refused_clean and not any(row.errors for row in checked) and len(created) == added == rows
    return {
        "rows": rows,
        "dry_run": dry_run,
        "seconds": seconds,
        "added": added,
        "refused_seconds": refused_seconds,
        "refused_clean": refused_clean,
        "ok": ok,
    }


def _done(job):
    """The job as its worker left it (the eager run moved another copy of its row); only a finished one."""
    job.refresh_from_db()
    if job.status != Job.Status.DONE:
        raise SystemExit(f"{job.kind} job ended {job.status}: {job.error}")
    return job


def _job(owner, kind, params):
    return _done(queue_document(owner=owner, kind=kind, params=params))


def _pages(job):
    from pypdf import PdfReader

    with job.file.open("rb") as pdf:
        return len(PdfReader(pdf).pages)


def annual_report(chair, year):
    started = time.perf_counter()
    job = queue_document(owner=chair, kind="annual_report", params={"year": year})
    seconds = time.perf_counter() - started
    _done(job)
    return {"year": year, "seconds": seconds, "pages": _pages(job), "bytes": job.file.size}


HEALTH_CHECK = [
    "根据学校年度工作安排，工会将组织全体教职工参加年度健康体检。",
    "请于规定日期上午八时前空腹到校医院报到，携带本人身份证件。",
    "如因故不能参加，请提前向所在工会小组长请假。",
]


def _notice_params(name, i):
    today = timezone.localdate()
    return {
        "issuing_body": "工会委员会",
        "number": f"工〔{today.year}〕{i + 1}号",
        "title": f"关于{today.year}年度教职工健康体检的通知",
        "addressees": f"{name}同志",
        "body": "\n".join([f"{name}同志：", *HEALTH_CHECK]),
        "date": today.isoformat(),
    }


def notices(chair, count):
    """One notice addressed person by person (逐人通知) to ``count`` people in service: one job, one PDF with a
    copy each. Each copy starts on a right-hand page, so the file holds ``count`` times one copy's pages, rounded
    up to even, but for the last copy."""
    members = list(Member.objects.filter(status=Member.Status.ACTIVE).order_by("pk").values_list("pk", flat=True))
    one = {**_notice_params("张三", 0), "body": "\n".join(HEALTH_CHECK)}
    copy_pages = _pages(_job(chair, "notice", one))  # also the warm-up: fonts loaded before the timing
    params = {**one, "audience": "chosen", "members": members[:count], "count": min(count, len(members))}
    started = time.perf_counter()
    job = _job(chair, "addressed_notice", params)
    seconds = time.perf_counter() - started
    pages = _pages(job)
    expected = params["count"] * (copy_pages + copy_pages % 2) - copy_pages % 2
    ok = job.status == Job.Status.DONE and pages == expected
    return {"count": params["count"], "seconds": seconds, "pages": pages, "bytes": job.file.size, "ok": ok}
