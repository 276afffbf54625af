"""The figures the app issues ask for besides page times: the roster export and import,
the annual report and a thousand individual notices.

Documents go the way ``make run`` sends them without Redis: ``queue_document`` records the job and
the Celery task runs eagerly in the same process (job rows, WeasyPrint, the PDF stored), so what
is timed is the whole job a worker does, minus the broker hop. The notices run in one process per
core, as one worker per core would.
"""

import datetime
import multiprocessing
import time
from io import BytesIO

from django.core.exceptions import ValidationError
from django.db import connections
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


def _job(owner, kind, params):
    job = queue_document(owner=owner, kind=kind, params=params)
    job.refresh_from_db()
    if job.status != Job.Status.DONE:
        raise SystemExit(f"{kind} job ended {job.status}: {job.error}")
    return job


def annual_report(chair, year):
    started = time.perf_counter()
    job = _job(chair, "annual_report", {"year": year})
    seconds = time.perf_counter() - started
    from pypdf import PdfReader

    with job.file.open("rb") as pdf:
        pages = len(PdfReader(pdf).pages)
    return {"year": year, "seconds": seconds, "pages": pages, "bytes": job.file.size}


def _notice_params(name, i):
    today = timezone.localdate()
    return {
        "issuing_body": "工会委员会",
        "number": f"工〔{today.year}〕{i + 1}号",
        "title": f"关于{today.year}年度教职工健康体检的通知",
        "addressees": f"{name}同志",
        "body": "\n".join(
            [
                f"{name}同志：",
                "根据学校年度工作安排，工会将组织全体教职工参加年度健康体检。",
                "请于规定日期上午八时前空腹到校医院报到，携带本人身份证件。",
                "如因故不能参加，请提前向所在工会小组长请假。",
            ]
        ),
        "date": today.isoformat(),
    }


def _render_notices(chair_pk, batch):
    from django.contrib.auth.models import User

    chair = User.objects.get(pk=chair_pk)
    for i, name in batch:
        _job(chair, "notice", _notice_params(name, i))
    connections.close_all()
    return len(batch)


def notices(chair, count, processes):
    """``count`` notices, each addressed to one member, shared between ``processes`` processes."""
    names = list(Member.objects.order_by("pk").values_list("name", flat=True)[:count])
    batches = [list(enumerate(names))[p::processes] for p in range(processes)]
    _render_notices(chair.pk, [(count, names[0])])  # warm-up: fonts loaded before the workers fork
    done_notices = Job.objects.filter(kind="notice", status=Job.Status.DONE)
    before = done_notices.count()  # the warm-up and any notice an earlier figure rendered
    connections.close_all()
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        done = sum(pool.starmap(_render_notices, [(chair.pk, batch) for batch in batches]))
    seconds = time.perf_counter() - started
    stored = done_notices.count() - before
    return {"count": done, "stored": stored, "seconds": seconds, "processes": processes, "ok": stored == count}
