import io

import pytest
from django.core.exceptions import PermissionDenied
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from funds.tests.test_report import YEAR, year_of_money
from members.models import Member
from unionportal.documents import services
from unionportal.documents.annual_report import AnnualReportWordDocument, compile_report
from unionportal.documents.models import AnnualReport, Job
from unionportal.documents.rendering import DOCX, render
from unionportal.documents.tests.test_annual_report import YEAR as THIS_YEAR


def word_report(users):
    year_of_money(users)
    Member.objects.create(name="老李", gender="M", status=Member.Status.RETIRED)
    AnnualReport.objects.create(
        year=YEAR, opening="一年来工作扎实。\n现汇报如下。", problems="经费紧张\n参与度不高", plans="加强提案督办"
    )
    return Document(io.BytesIO(render(DOCX, AnnualReportWordDocument.template, compile_report(YEAR))))


def test_the_word_report_has_the_cover_opening_numbered_chapters_and_closing(users):
    document = word_report(users)
    paragraphs = [(paragraph.style.name, paragraph.text) for paragraph in document.paragraphs]
    assert paragraphs[1] == ("Title", f"{YEAR}年度工会工作报告")
    assert ("Normal", "一年来工作扎实。") in paragraphs
    assert [text for style, text in paragraphs if style == "Heading 1"] == [
        "一、基本情况", "二、女职工工作", "三、离退休工作", "四、经费收支", "存在的问题", "今后打算",
    ]  # fmt: skip
    assert ("Heading 2", "资金余额") in paragraphs
    assert ("List Number", "参与度不高") in paragraphs
    assert document.paragraphs[-1].alignment == WD_ALIGN_PARAGRAPH.RIGHT  # the date under the signature
    assert "<" not in "".join(text for _style, text in paragraphs)


def test_the_word_report_tables_keep_the_figures_right_aligned_under_a_header_row(users):
    document = word_report(users)
    income = next(table for table in document.tables if table.cell(0, 0).text == "收入")
    assert [cell.text for cell in income.rows[1].cells] == ["会费收入", "—", "59.10元", "—"]
    assert income.cell(1, 2).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert income.cell(0, 0).paragraphs[0].runs[0].bold
    assert income.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    # charts are pictures, as in the PDF, not tables of their labels
    assert len(document.inline_shapes) >= 2
    png = document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert document.part.related_parts[png].blob.startswith(b"\x89PNG")
    cells = "".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "<" not in cells


def test_the_word_report_names_chinese_fonts_and_is_a4(users):
    document = word_report(users)
    fonts = {name: document.styles[name].element.rPr.rFonts.get(qn("w:eastAsia")) for name in ("Normal", "Heading 1")}
    assert fonts == {"Normal": "宋体", "Heading 1": "黑体"}
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 28
    assert "年度工会工作报告" in section.header.paragraphs[0].text


def test_the_chair_queues_the_word_report_and_downloads_it(client_as, django_capture_on_commit_callbacks):
    client = client_as("chair")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/documents/annual/{THIS_YEAR}/", {"opening": "开篇文字", "problems": "", "plans": "", "docx": "1"}
        )
    job = Job.objects.get()
    assert response.url == f"/documents/{job.pk}/"
    assert job.status == Job.Status.DONE
    assert "下载Word文档" in client.get(response.url).content.decode()
    download = client.get(f"/documents/{job.pk}/file/")
    assert download["Content-Type"] == DOCX.content_type
    assert f"{THIS_YEAR}%E5%B9%B4%E5%BA%A6" in download["Content-Disposition"]  # “年度” in the Chinese filename
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Content-Disposition"].endswith(".docx")
    document = Document(io.BytesIO(b"".join(download.streaming_content)))
    assert "开篇文字" in [paragraph.text for paragraph in document.paragraphs]


def test_only_the_chair_may_ask_for_the_word_report(client_as, users):
    response = client_as("staff").post(f"/documents/annual/{THIS_YEAR}/", {"opening": "", "docx": "1"})
    assert response.status_code == 403
    assert not Job.objects.exists()
    with pytest.raises(PermissionDenied):
        services.queue_document(owner=users["staff"], kind=AnnualReportWordDocument.kind, params={"year": YEAR})
