import subprocess

import pytest
from pypdf import PdfReader

from unionportal.documents import services
from unionportal.documents.models import Job
from unionportal.documents.tests.pdf_layout import has_chinese_font

NOTICE = {
    "issuing_body": "青山市实验中学工会委员会",
    "number": "青实工〔2026〕12号",
    "title": "关于开展2027年春节送温暖活动的通知",
    "addressees": "各工会小组、全体会员",
    "body": "为把党和政府的温暖送到困难教职工心中，经研究，决定开展春节送温暖活动。\n请各小组于1月10日前报送名单。",
    "date": "2026-12-01",
}


def pdf_text(job):
    path = job.file.path
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout


def font_names(job):
    reader = PdfReader(job.file.path)
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


@pytest.fixture
def notice_job(users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.queue_document(owner=users["staff"], kind="notice", params=NOTICE)
    job.refresh_from_db()
    return job


def test_notice_renders_to_a_pdf_with_its_chinese_text(notice_job):
    assert notice_job.status == Job.Status.DONE
    assert notice_job.progress == 100
    text = pdf_text(notice_job)
    for expected in [
        "青山市实验中学工会委员会文件",
        "青实工〔2026〕12号",
        "春节送温暖活动的通知",
        "2026年12月1日",
        "各工会小组",
    ]:
        assert expected in text.replace(" ", "")


def test_notice_embeds_a_cjk_font(notice_job):
    assert has_chinese_font(font_names(notice_job))


def test_members_cannot_queue_a_notice(users):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.queue_document(owner=users["member"], kind="notice", params=NOTICE)


def test_a_failing_render_marks_the_job_failed_with_a_chinese_reason(
    users, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(services, "render", broken)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.queue_document(owner=users["staff"], kind="notice", params=NOTICE)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "生成文档时出错（OSError）" in job.error
    assert not job.file


def test_a_failed_job_can_be_retried_and_then_succeeds(users, monkeypatch, django_capture_on_commit_callbacks):
    real = services.render
    monkeypatch.setattr(services, "render", lambda *a: (_ for _ in ()).throw(OSError()))
    with django_capture_on_commit_callbacks(execute=True):
        job = services.queue_document(owner=users["staff"], kind="notice", params=NOTICE)
    monkeypatch.setattr(services, "render", real)
    job.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.retry_job(job=job)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert job.error == ""
    assert job.attempts == 2


def test_running_a_finished_job_again_changes_nothing(notice_job):
    name = notice_job.file.name
    services.run_job(notice_job.pk)
    notice_job.refresh_from_db()
    assert notice_job.file.name == name
    assert notice_job.attempts == 1


def test_a_done_job_cannot_be_retried(notice_job):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.retry_job(job=notice_job)
