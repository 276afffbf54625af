"""A document's printable HTML as a Word file (.docx), for chairs who edit the report further in Word.

The HTML is the one the PDF is made from, so both say the same. It is walked with lxml (python-docx
depends on it) into python-docx: h1 → title, h2/h3 → headings, p → paragraphs, ol/ul → lists, table →
Word tables (the thead row repeats on each page; ``num`` cells are right-aligned, ``total`` rows bold),
strong/b → bold. SVG charts become pictures (Word cannot show inline SVG), drawn again with Pillow
(chart_image.py). The running header goes into the page header and the
page number into the footer.

Word on Chinese Windows picks the font for Chinese characters from ``w:eastAsia``, which python-docx does
not set, so the styles name 宋体 for the body and 黑体 for headings there.
"""

import io
import re

import lxml.html
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .chart_image import chart_png

BODY_FONT = ("Times New Roman", "宋体")
HEADING_FONT = ("Arial", "黑体")
# style → size in points: 四号 body as in the PDF, 二号 title, 三号 and 四号 headings, 五号 tables
SIZES = {"Normal": 14, "Title": 22, "Heading 1": 16, "Heading 2": 14}
TABLE_SIZE = Pt(10.5)
MARGINS = (Mm(30), Mm(26), Mm(28), Mm(28))  # top, right, bottom, left: the PDF's
HEADINGS = {"h1": 0, "h2": 1, "h3": 2}
LISTS = {"ol": "List Number", "ul": "List Bullet"}
BOLD = {"strong", "b", "th"}
SKIPPED = {"head", "style", "script", "svg"}
BLOCKS = {"div", "p", "table", "svg", *HEADINGS, *LISTS}
# classes of the printable templates that set a block's alignment, and those whose p has no indent
ALIGNED = {"cover": WD_ALIGN_PARAGRAPH.CENTER, "signature": WD_ALIGN_PARAGRAPH.RIGHT}
UNINDENTED = {"empty", "note"}
PAGE_AFTER = {"cover", "toc"}  # blocks that end their page, as in the PDF


def html_to_docx(html):
    from .word_official import is_official, official_docx

    root = lxml.html.document_fromstring(html)
    if is_official(root):
        return official_docx(root)
    document = Document()
    _set_up(document, title=root.findtext(".//title") or "")
    _Writer(document).blocks(root.body)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _set_up(document, title):
    document.core_properties.title = _clean(title)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)  # A4
    section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = MARGINS
    for name, size in SIZES.items():
        _set_font(document.styles[name], *(BODY_FONT if name == "Normal" else HEADING_FONT), size)
    normal = document.styles["Normal"].paragraph_format
    normal.space_after, normal.line_spacing = Pt(0), 1.5
    title_style = document.styles["Title"]._element
    title_style.pPr.remove(title_style.pPr.find(qn("w:pBdr")))  # the default title underlines itself
    _page_number(section.footer.paragraphs[0])


def _set_font(style, latin, east_asian, size):
    style.font.name = latin
    style.font.size = Pt(size)
    style.font.color.rgb = RGBColor(0, 0, 0)
    fonts = style.element.rPr.rFonts
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would win over the named one
    fonts.set(qn("w:eastAsia"), east_asian)


def _page_number(paragraph):
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    paragraph.add_run("— ")
    paragraph._p.append(field)
    paragraph.add_run(" —")


CJK = r"[\u2e80-\u9fff\uff00-\uffef]"  # ideographs and their full-width punctuation


def _clean(text):
    """Whitespace collapsed as HTML does, and dropped between Chinese characters, where a
    template's line break is no word space (CSS Text 3 removes such segment breaks)."""
    text = re.sub(rf"(?<={CJK})\s+(?={CJK})", "", text or "")
    return re.sub(r"\s+", " ", text)


def _segments(element, bold=False):
    """The text inside an element as (text, bold) pieces, tails included by the caller."""
    if not isinstance(element.tag, str) or element.tag in SKIPPED:
        return
    bold = bold or element.tag in BOLD
    if element.tag == "br":
        yield " ", bold
    yield element.text or "", bold
    for child in element:
        yield from _segments(child, bold)
        yield child.tail or "", bold


def _pieces(segments):
    """The (text, bold) pieces with HTML's whitespace collapsed and trimmed at both ends."""
    pieces = [(_clean(text), bold) for text, bold in segments]
    pieces = [(text, bold) for text, bold in pieces if text]
    if pieces:
        pieces[0] = (pieces[0][0].lstrip(), pieces[0][1])
        pieces[-1] = (pieces[-1][0].rstrip(), pieces[-1][1])
    return [(text, bold) for text, bold in pieces if text]


def _fill(paragraph, segments, *, size=None):
    for text, bold in _pieces(segments):
        run = paragraph.add_run(text)
        run.bold = bold or None
        if size:
            run.font.size = size


class _Writer:
    def __init__(self, document):
        self.document = document

    def blocks(self, element, alignment=None):
        """Write a container's children; loose text between blocks becomes a paragraph of its own."""
        loose = [(element.text or "", False)]
        for child in element:
            if isinstance(child.tag, str) and child.tag in BLOCKS:
                self._paragraph(loose, alignment)
                loose = []
                self._block(child, alignment)
            else:
                loose.extend(_segments(child))
            loose.append((child.tail or "", False))
        self._paragraph(loose, alignment)

    def _paragraph(self, segments, alignment, style=None):
        """A paragraph of the pieces, or None when they hold no text."""
        pieces = _pieces(segments)
        if not pieces:
            return None
        paragraph = self.document.add_paragraph(style=style)
        _fill(paragraph, pieces)
        paragraph.alignment = alignment
        return paragraph

    def _block(self, element, alignment):
        classes = set(element.classes)
        alignment = next((ALIGNED[name] for name in classes & ALIGNED.keys()), alignment)
        if "toc" in classes:
            self._toc()
        elif "running-header" in classes:
            header = self.document.sections[0].header.paragraphs[0]
            header.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _fill(header, _segments(element), size=Pt(9))
        elif element.tag in HEADINGS:
            heading = self.document.add_heading(level=HEADINGS[element.tag])
            _fill(heading, _segments(element))
            heading.alignment = alignment
        elif element.tag == "p":
            paragraph = self._paragraph(_segments(element), alignment)
            if paragraph and alignment is None and not classes & UNINDENTED:
                paragraph.paragraph_format.first_line_indent = Pt(SIZES["Normal"] * 2)
        elif element.tag in LISTS:
            self._list(element)
        elif element.tag == "table":
            self._table(element)
        elif element.tag == "svg":
            self._chart(element)
        else:
            self.blocks(element, alignment)
        if classes & PAGE_AFTER:
            self.document.add_page_break()

    def _toc(self):
        """Word's own table of contents, filled in when the file is opened (its page numbers are Word's)."""
        self.document.add_paragraph(_("目录"), style="TOC Heading")
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), 'TOC \\o "1-1" \\h \\z \\u')
        self.document.add_paragraph()._p.append(field)
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        self.document.settings.element.append(update)

    def _list(self, element):
        style = LISTS[element.tag]
        items = [self._paragraph(_segments(item), None, style=style) for item in element.iterchildren("li")]
        if element.tag == "ol":
            _restart_numbering(self.document, [item for item in items if item])

    def _table(self, element):
        rows = list(element.iter("tr"))
        self._grid(
            [[(list(_segments(cell, "total" in row.classes)), "num" in cell.classes) for cell in row] for row in rows],
            header_rows=sum(row.getparent().tag == "thead" for row in rows),
        )

    def _chart(self, svg):
        """A bar chart (unionportal/charts.py) as a picture: Word shows no inline SVG."""
        png, width = chart_png(svg)
        self.document.add_picture(io.BytesIO(png), width=Mm(min(150, width * 25.4 / 96)))
        self.document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER

    def _grid(self, rows, header_rows=0):
        """A Word table of rows of (segments, right-aligned) cells; header rows repeat on each page."""
        if not rows:
            return
        table = self.document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
        table.style = self.document.styles["Table Grid"]
        for row, word_row in zip(rows, table.rows, strict=True):
            for (segments, right), word_cell in zip(row, word_row.cells, strict=False):
                paragraph = word_cell.paragraphs[0]
                _fill(paragraph, segments, size=TABLE_SIZE)
                if right:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for word_row in table.rows[:header_rows]:
            word_row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _restart_numbering(document, items):
    """Each numbered list counts from 1: Word's List Number style otherwise carries on
    from the previous list (存在的问题 would end at 3 and 今后打算 start at 4)."""
    if not items:
        return
    numbering = document.part.numbering_part.element
    style_num = document.styles["List Number"]._element.pPr.numPr.numId.val
    num = numbering.add_num(numbering.num_having_numId(style_num).abstractNumId.val)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    for item in items:
        item._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = num.numId
