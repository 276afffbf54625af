"""The 公示 sheet PDF of a published item."""

import io
from pathlib import Path

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from docx import Document
from pypdf import PdfReader

from disclosure.documents import DisclosureSheet
from unionportal.documents.models import Job
from unionportal.documents.tests.pdf_layout import assert_official_layout, has_chinese_font
from unionportal.documents.tests.test_notice import font_names
from unionportal.documents.word import html_to_docx
from unionportal.models import UnionProfile

from .factories import make_item

pytestmark = pytest.mark.django_db


def queue(client, item, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/disclosure/{item.pk}/print/pdf/")
    return response


def test_the_sheets_title_reads_the_items_title_alone():
    """Asked for as the job is queued: not the item's body, which the job itself reads."""
    item = make_item("published", title="2026年教职工体检安排")
    with CaptureQueriesContext(connection) as queries:
        assert DisclosureSheet.title({"item": item.pk}) == "公示：2026年教职工体检安排"
    (read,) = [query["sql"] for query in queries]
    assert '"body"' not in read and "JOIN" not in read


def test_published_item_prints_as_an_a4_sheet_with_period_and_objection_channel(
    client_as, django_capture_on_commit_callbacks
):
    profile = UnionProfile.load()
    profile.name, profile.phone = "青山市实验中学工会委员会", "0571-88886666"
    profile.save()
    item = make_item("published", title="2026年教职工体检安排")
    response = queue(client_as("staff"), item, django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert response.url == f"/documents/{job.pk}/"
    assert job.status == Job.Status.DONE, job.error
    reader = PdfReader(job.file.path)
    text = "".join(page.extract_text() for page in reader.pages).replace(" ", "")
    start, end = item.period_start, item.period_end
    for expected in [
        "公示",
        "2026年教职工体检安排",
        "财务管理和收支情况",
        "收入",
        f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日",
        "0571-88886666",
    ]:
        assert expected in text
    assert "盖章" not in text  # the seal is pressed on the blank space, nothing printed there
    assert_official_layout(
        Path(job.file.path),
        signer="青山市实验中学工会委员会",
        date=f"{start.year}年{start.month}月{start.day}日",
        name="disclosure-sheet",
    )
    assert round(float(reader.pages[0].mediabox.width)) == 595  # A4 portrait
    assert has_chinese_font(font_names(job))


def test_formatted_body_prints_as_headings_lists_and_a_table(client_as, django_capture_on_commit_callbacks):
    body = (
        "# 一、收支总表\n"
        "| 项目 | 金额（元） |\n"
        "| --- | --- |\n"
        "| 会费收入 | **12,000.00** |\n"
        "| 慰问支出 | 8,500.00 |\n"
        "\n"
        "## 二、说明\n"
        "- 慰问支出含春节慰问\n"
        "- 结余转入下年\n"
    )
    item = make_item("published", body=body)
    queue(client_as("staff"), item, django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert job.status == Job.Status.DONE, job.error
    pages = PdfReader(job.file.path).pages
    lines = [line.replace(" ", "") for page in pages for line in page.extract_text().splitlines()]
    text = "".join(lines)
    assert "一、收支总表" in lines and "二、说明" in lines  # headings on lines of their own
    assert "项目金额（元）" in text and "会费收入12,000.00" in text  # table cells, in rows
    assert "慰问支出含春节慰问" in text and "结余转入下年" in text
    assert not any(mark in text for mark in ("|", "#", "**", "---"))
    html = render_to_string(DisclosureSheet.template, DisclosureSheet.context({"item": item.pk}, None))
    assert "<table" in html.split('class="body"')[1] and "<strong>12,000.00</strong>" in html
    word = Document(io.BytesIO(html_to_docx(html)))  # the Word copy keeps the table and the headings
    assert [cell.text for cell in word.tables[0].rows[1].cells] == ["会费收入", "12,000.00"]
    assert any(p.text == "一、收支总表" and p.style.name.startswith("Heading") for p in word.paragraphs)
    assert any(p.style.name == "Signature" for p in word.paragraphs)


def test_only_union_staff_print_sheets(client_as, django_capture_on_commit_callbacks):
    item = make_item("published")
    for role in ("member", "delegate", "handler", "welfare", "auditor"):
        assert client_as(role).post(f"/disclosure/{item.pk}/print/pdf/").status_code == 403
    assert client_as("chair").post(f"/disclosure/{item.pk}/print/pdf/").status_code == 302
    assert Job.objects.count() == 1


def test_a_draft_is_not_printed(client_as):
    item = make_item("pending")
    response = client_as("staff").post(f"/disclosure/{item.pk}/print/pdf/")
    assert response.url == f"/disclosure/{item.pk}/"
    assert not Job.objects.exists()
