"""The Word copy of an official document, read back with python-docx: the page and grid of GB/T 9704,
each part in the Word style an office expects, the fonts named for Chinese Word, and nothing the
PDF leaves out (no seal placeholder, no running header)."""

import io
import shutil
import subprocess

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from pypdf import PdfReader

from unionportal.documents.notice import Notice
from unionportal.documents.rendering import DOCX, render
from unionportal.models import UnionProfile

from .test_official_layout import PARAMS


def word_notice(**changes):
    context = {**Notice.context({**PARAMS, **changes}, None), "union": UnionProfile(name=PARAMS["issuing_body"])}
    return Document(io.BytesIO(render(DOCX, Notice.template, context)))


def east_asian(style):
    return style.element.rPr.rFonts.get(qn("w:eastAsia"))


def test_word_copy_has_the_official_page_and_styles():
    document = word_notice()
    section = document.sections[0]
    sizes = (section.page_width, section.page_height, section.top_margin, section.right_margin)
    expected = (Mm(210), Mm(297), Mm(37), Mm(26))
    assert all(abs(size - mm) < Mm(0.1) for size, mm in zip(sizes, expected, strict=True))
    assert abs(section.bottom_margin - Mm(35)) < Mm(0.1) and abs(section.left_margin - Mm(28)) < Mm(0.1)
    assert section._sectPr.find(qn("w:docGrid")).get(qn("w:linePitch")) == "579"
    styles = document.styles
    assert (east_asian(styles["Normal"]), styles["Normal"].font.size) == ("仿宋_GB2312", Pt(16))
    assert (east_asian(styles["Title"]), styles["Title"].font.size) == ("方正小标宋简体", Pt(22))
    assert east_asian(styles["Heading 1"]) == "黑体" and east_asian(styles["Heading 2"]) == "楷体_GB2312"
    by_style = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert by_style["发文机关标志"] == ["青山市实验中学工会委员会文件"]
    assert by_style["发文字号"] == ["青实工〔2026〕12号"]
    assert by_style["Title"] == ["关于开展2027年春节送温暖活动\n和困难职工帮扶慰问工作的通知"]
    assert by_style["Salutation"] == ["各工会小组、全体会员："]
    assert by_style["Heading 1"] == ["二、工作要求"]
    assert by_style["附件说明"] == ["附件：1.春节送温暖慰问对象推荐表", "2.困难职工家庭情况调查表"]
    assert by_style["Signature"] == ["青山市实验中学工会委员会"] and by_style["Date"] == ["2026年12月1日"]
    first_heading = next(p for p in document.paragraphs if p.text.startswith("一、活动时间。"))
    assert first_heading.runs[0].text == "一、活动时间。"
    assert first_heading.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    assert not any("盖章" in p.text for p in document.paragraphs)


def test_date_four_characters_in_and_signature_centred_over_it():
    document = word_notice()
    (signer,) = [p for p in document.paragraphs if p.style.name == "Signature"]
    (date,) = [p for p in document.paragraphs if p.style.name == "Date"]
    assert date.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert date.paragraph_format.right_indent == Pt(64)
    # 2026年12月1日 is 6.5 characters wide (digits are half), the signer 12: centred, it stands 1.25 in
    assert signer.paragraph_format.right_indent == Pt(16 * 1.25)
    assert signer.paragraph_format.space_before > Pt(50)  # two blank lines for the seal


def test_colophon_is_framed_at_the_foot_of_the_last_page_and_page_numbers_alternate():
    document = word_notice()
    assert document.tables == []
    colophon = [p for p in document.paragraphs if p.style.name == "版记"]
    assert [p.text for p in colophon] == [
        "抄送：青山市教育工会，学校党委。",
        "青山市实验中学工会办公室\t2026年12月2日印发",
    ]
    for paragraph in colophon:
        frame = paragraph._p.pPr.find(qn("w:framePr"))
        assert frame.get(qn("w:vAnchor")) == "page" and int(frame.get(qn("w:w"))) == Mm(156).twips
        assert abs(int(frame.get(qn("w:y"))) - Mm(297 - 35 - 2 * 225 / 22).twips) <= 1
        assert paragraph._p.pPr.find(qn("w:pBdr")) is None  # the rules are the style's
    rules = document.styles["版记"].element.pPr.find(qn("w:pBdr"))
    assert [(rule.tag.split("}")[1], rule.get(qn("w:sz"))) for rule in rules] == [
        ("top", "8"),
        ("bottom", "8"),
        ("between", "6"),
    ]
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT and even.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert odd.text == even.text == "—  —"  # the PAGE field between the dashes
    assert not section.header.paragraphs[0].text


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_lays_the_colophon_at_the_foot_of_the_last_page(tmp_path):
    """Opened in LibreOffice, the 版记 of a notice whose last page is half empty still sits on the foot of
    the 版心 (a floating table was laid inline, right under the signature)."""
    docx = tmp_path / "notice.docx"
    body = PARAMS["body"] + "\n" + "\n".join(["补充说明一段，把版记推到下一页。"] * 6)
    context = {**Notice.context({**PARAMS, "body": body}, None), "union": UnionProfile(name=PARAMS["issuing_body"])}
    docx.write_bytes(render(DOCX, Notice.template, context))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    reader = PdfReader(tmp_path / "notice.pdf")
    last = len(reader.pages) - 1
    lines = {}
    reader.pages[last].extract_text(visitor_text=lambda text, cm, tm, font, size: lines.setdefault(text, tm[5]))
    (colophon_y,) = [y for text, y in lines.items() if text.startswith("抄送")]
    (signer_y,) = [y for text, y in lines.items() if text.startswith("青山市实验中学工会委员会")]
    foot_of_text_area = Mm(35).pt
    assert foot_of_text_area < colophon_y < foot_of_text_area + Mm(25).pt  # PDF y counts from the bottom
    assert signer_y - colophon_y > Mm(20).pt
