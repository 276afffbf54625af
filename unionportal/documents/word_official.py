"""An official document's HTML (documents/pdf/official.html) as a Word file an office can adjust and
issue: the same page (A4, margins 37/26/35/28 mm, a grid of 22 lines), the same parts, each in the
Word style an office's own template uses, so that 格式刷 and the style pane work as they expect:
正文 (Normal) in 仿宋_GB2312 三号, 标题 (Title) in 方正小标宋简体 二号, 标题 1 (Heading 1) in 黑体,
标题 2 (Heading 2) in 楷体_GB2312, 称呼 (Salutation) for 主送, 签名 (Signature) and 日期 (Date) for the
署名 and 成文日期, and styles named after the 公文 parts for the rest (发文机关标志, 发文字号, 附件说明, 版记).
The 版记 is a frame at the foot of the 版心 on the last page; page numbers "— 1 —" sit right on odd and left on
even pages. Word looks the fonts up by name; a machine without them shows its own fallback.
"""

import io
import re

import lxml.html
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .word import _clean, _set_font, _Writer

LINE = Pt(28.99)  # 225 mm / 22 lines
BODY = Pt(16)  # 三号
CHAR_SPACING = -4  # twentieths of a point: 28 characters of 16 pt in 156 mm
RED = RGBColor(0xDD, 0, 0)
FANG = ("Times New Roman", "仿宋_GB2312")
FACES = {
    "Normal": (FANG, 16),
    "Title": (("Times New Roman", "方正小标宋简体"), 22),
    "Heading 1": (("Times New Roman", "黑体"), 16),
    "Heading 2": (("Times New Roman", "楷体_GB2312"), 16),
}
# What follows w:pBdr (in w:pPr) and w:spacing (in w:rPr) in the schema: Word and LibreOffice
# ignore an element out of its order.
AFTER_BORDER = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:snapToGrid", "w:spacing", "w:ind", "w:jc")
AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:lang", "w:eastAsianLayout")
# Word's built-in names (shown as 称呼/签名/日期 in Chinese Word) and the 公文 parts' own styles.
OWN_STYLES = ("Salutation", "Signature", "Date", "发文机关标志", "发文字号", "附件说明", "版记")


def official_docx(root) -> bytes:
    document = Document()
    document.core_properties.title = _clean(root.findtext(".//title") or "")
    _page(document)
    _styles(document)
    writer = _OfficialWriter(document)
    for element in root.body:
        writer.element(element)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def is_official(root) -> bool:
    return "official" in (root.body.get("class") or "").split()


def _page(document):
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = (
        Mm(37),
        Mm(26),
        Mm(35),
        Mm(28),
    )
    section.footer_distance = Mm(21)  # the page number's dash 7 mm under the 版心
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(int(LINE.pt * 20)))
    document.settings.odd_and_even_pages_header_footer = True
    _set_font(document.styles["Footer"], "Times New Roman", "宋体", 14)
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _page_number(paragraph, alignment):
    """ "— 1 —" in 4号 宋体 (the Footer style), one character in from the outer edge."""
    paragraph.alignment = alignment
    if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = Pt(14)
    else:
        paragraph.paragraph_format.left_indent = Pt(14)
    paragraph.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    paragraph._p.append(field)
    paragraph.add_run(" —")


def _run_font(run, fonts, size=None, color=None):
    latin, east_asian = fonts
    run.font.name = latin
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asian)
    if size:
        run.font.size = Pt(size)
    if color:
        run.font.color.rgb = color


def _styles(document):
    styles = document.styles
    for name, (fonts, size) in FACES.items():
        style = styles[name]
        _set_font(style, *fonts, size)
        style.font.bold = False
        fmt = style.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, LINE
    normal = styles["Normal"]
    normal.paragraph_format.first_line_indent = BODY * 2
    normal.paragraph_format.widow_control = True
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CHAR_SPACING))
    normal.element.get_or_add_rPr().insert_element_before(spacing, *AFTER_SPACING)
    title = styles["Title"]
    border = title.element.pPr.find(qn("w:pBdr"))
    if border is not None:
        title.element.pPr.remove(border)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.space_before, title.paragraph_format.space_after = LINE * 2, LINE
    for level in ("Heading 1", "Heading 2"):
        styles[level].paragraph_format.first_line_indent = BODY * 2
        styles[level].paragraph_format.keep_with_next = True
    for name in OWN_STYLES:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.paragraph_format.first_line_indent = Pt(0)
    styles["发文机关标志"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styles["发文机关标志"].paragraph_format.space_before = Mm(35)
    styles["发文机关标志"].paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    _set_font(styles["发文机关标志"], "Times New Roman", "方正小标宋简体", 36)
    styles["发文机关标志"].font.color.rgb = RED
    number = styles["发文字号"]
    number.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.paragraph_format.space_before = LINE * 2
    _border(number.element.get_or_add_pPr(), "bottom", color="DD0000", size=8, space=11)  # 4 mm above the line
    styles["附件说明"].paragraph_format.left_indent = BODY * 5
    styles["附件说明"].paragraph_format.first_line_indent = -BODY * 3
    for name in ("Signature", "Date"):
        styles[name].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        styles[name].paragraph_format.keep_with_next = name == "Signature"
    _set_font(styles["版记"], *FANG, 14)
    # On the style, not the paragraphs: LibreOffice lays framed paragraphs with borders of their own inline.
    colophon = styles["版记"].element.get_or_add_pPr()
    for side, size in (("top", 8), ("bottom", 8), ("between", 6)):  # 0.35 mm outside, 0.25 mm between
        _border(colophon, side, size=size)


def _border(ppr, side, *, color="000000", size=8, space=0):
    """A paragraph border; size in eighths of a point, space in points."""
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.insert_element_before(borders, *AFTER_BORDER)
    line = OxmlElement(f"w:{side}")
    for name, value in (("val", "single"), ("sz", size), ("space", space), ("color", color)):
        line.set(qn(f"w:{name}"), str(value))
    borders.append(line)


def _width(text):
    """In characters of the body's size; Latin letters and digits are half as wide."""
    return sum(0.5 if ord(char) < 0x2000 else 1 for char in text)


class _OfficialWriter:
    def __init__(self, document):
        self.document = document
        self.writer = _Writer(document)
        self.signer = None

    def add(self, text="", style=None):
        paragraph = self.document.add_paragraph(style=style)
        if text:
            paragraph.add_run(text)
        return paragraph

    def element(self, element):
        if not isinstance(element.tag, str):
            return
        classes = set(element.classes)
        text = _clean(element.text_content()).strip()
        if "masthead" in classes:
            paragraph = self.add(text, "发文机关标志")
            size = re.search(r"font-size:\s*([\d.]+)pt", element.get("style") or "")
            if size:
                paragraph.runs[0].font.size = Pt(float(size.group(1)))
        elif "number" in classes:
            self.add(text, "发文字号")
        elif "no-number" in classes:
            self.add("", "发文字号")
        elif "separator" in classes:
            pass  # the 发文字号's bottom border
        elif element.tag == "h1" and "title" in classes:
            lines = [_clean(line).strip() for line in lxml.html.tostring(element, encoding="unicode").split("<br>")]
            paragraph = self.add(style="Title")
            for i, line in enumerate(lines):
                if i:
                    paragraph.add_run().add_break()
                paragraph.add_run(_clean(lxml.html.fromstring(line).text_content()).strip())
        elif "addressees" in classes:
            self.add(text, "Salutation")
        elif classes & {"level-0", "level-1", "level-2"}:
            self.block(element)
        elif "attachments" in classes:
            for i, item in enumerate(element.iterchildren("p")):
                paragraph = self.add(_clean(item.text_content()).strip(), "附件说明")
                if i == 0:
                    paragraph.paragraph_format.space_before = LINE
                else:
                    paragraph.paragraph_format.first_line_indent = Pt(0)
        elif "signature" in classes:
            self.signature(element)
        elif "colophon-space" in classes:
            self.colophon(element.find_class("colophon")[0])
        else:
            self.writer._block(element, None)

    def block(self, element):
        heading = element.find_class("heading")
        level = next(int(name[-1]) for name in element.classes if name.startswith("level-"))
        if heading and not (heading[0].tail or "").strip():
            self.add(_clean(heading[0].text_content()).strip(), f"Heading {level}")
            return
        paragraph = self.add()
        if heading:
            face = FACES[f"Heading {level}"][0]
            _run_font(paragraph.add_run(_clean(heading[0].text_content()).strip()), face)
            paragraph.add_run(_clean(heading[0].tail).strip())
        else:
            paragraph.add_run(_clean(element.text_content()).strip())

    def signature(self, element):
        """署名 centred over 成文日期, which ends four characters in from the right; two blank lines
        above for the seal."""
        signer = _clean(element.find_class("signer")[0].text_content()).strip()
        date = _clean(element.find_class("date")[0].text_content()).strip()
        offset = max(0, 4 + (_width(date) - _width(signer)) / 2)
        paragraph = self.add(signer, "Signature")
        paragraph.paragraph_format.space_before = LINE * 2
        paragraph.paragraph_format.right_indent = Pt(16 * offset)
        paragraph = self.add(date, "Date")
        paragraph.paragraph_format.right_indent = BODY * 4

    def colophon(self, element):
        """抄送 and 印发 in a frame on the page they fall on (the last), its bottom rule on the foot of the
        版心 (the rules are the 版记 style's). A frame (w:framePr), not a floating table: LibreOffice lays a
        floating table as wide as the 版心 inline, right under the signature. LibreOffice omits the rule
        between the rows; Word draws it."""
        rows = list(element.iterchildren("p"))
        top = Mm(297 - 35 - 225 / 22 * len(rows))
        for row in rows:
            paragraph = self.add(style="版记")
            ppr = paragraph._p.get_or_add_pPr()
            frame = OxmlElement("w:framePr")
            for name, value in (("w", Mm(156).twips), ("hAnchor", "margin"), ("x", 0), ("vAnchor", "page")):
                frame.set(qn(f"w:{name}"), str(value))
            frame.set(qn("w:y"), str(top.twips))
            frame.set(qn("w:wrap"), "notBeside")
            ppr.insert_element_before(frame, "w:widowControl", "w:numPr", "w:pBdr", *AFTER_BORDER)
            fmt = paragraph.paragraph_format
            fmt.left_indent = fmt.right_indent = Pt(14)
            spans = list(row.iterchildren("span"))
            if len(spans) == 2:  # 印发机关 left, 印发日期 right
                fmt.tab_stops.add_tab_stop(Mm(156) - Pt(28) - Mm(4), WD_TAB_ALIGNMENT.RIGHT)
                paragraph.add_run(_clean(spans[0].text_content()).strip() + "\t")
                paragraph.add_run(_clean(spans[1].text_content()).strip())
            else:
                paragraph.add_run(_clean(row.text_content()).strip())
        self.document.add_paragraph()  # the frame is anchored to the paragraph after it
