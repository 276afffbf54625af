"""The official document (公文) after GB/T 9704-2012 《党政机关公文格式》, shared by every document
that an office issues: the notice (通知), the congress convening notice, the proposal reply letter
and the 公示 sheet. Each builds an ``Official`` and renders ``documents/pdf/official.html``; the same
HTML becomes the Word copy (word_official.py).

The numbers of the standard live here and in the template's CSS: A4, 天头 37 mm, 订口 28 mm,
版心 156 × 225 mm, 3号 (16 pt) body on 22 lines of 28 characters, 2号 (22 pt) title.
"""

import math
import re
from dataclasses import dataclass, field, replace
from datetime import date

LINE_MM = 225 / 22  # the body grid: 22 lines in the 225 mm 版心
TITLE_CHARS_PER_LINE = 20  # 2号 (22 pt) in a 156 mm line
BODY_CHARS_PER_LINE = 28  # 3号 (16 pt) on the grid
COLOPHON_CHARS_PER_LINE = 29  # 4号 (14 pt) in a 156 mm line, one character in at each side
# The title may break after these, which keeps words whole (关于……的通知).
TITLE_BREAK_AFTER = "，、：；）》”届"
TITLE_BREAK_BEFORE = "关的和与及暨第（《“"
# Words of union titles a break must not split when no better place is near.
TITLE_WORDS = ("教职工", "职工", "代表大会", "工会", "委员会", "会议", "小组", "活动", "工作", "通知", "决定", "慰问")
FIRST_LEVEL = re.compile(r"^[一二三四五六七八九十]+、")
SECOND_LEVEL = re.compile(r"^（[一二三四五六七八九十]+）")
# A heading ends at its first full stop or colon; what follows in the paragraph is body text.
HEADING_END = re.compile(r"^(.+?[。：])(.+)$")


def official_date(day: date) -> str:
    """成文日期 and 印发日期: Arabic numerals, the year in full, no padding zeros (2026年12月5日)."""
    return f"{day.year}年{day.month}月{day.day}日"


def _width(text):
    """In characters of the title's size: Latin letters and digits are half as wide."""
    return sum(0.5 if ord(char) < 0x2000 else 1 for char in text)


def _splits_a_word(text, cut):
    return any(0 < cut - found.start() < len(word) for word in TITLE_WORDS for found in re.finditer(word, text))


def balanced_title(title: str, per_line: int = TITLE_CHARS_PER_LINE) -> list[str]:
    """The title in lines of near-equal length (梯形或菱形), never one stray character on the last
    line; a break moves by a few characters to fall after punctuation, else before 关于/的/和/第, else
    at least outside a word, the first line rather the longer (正梯形)."""
    title = title.strip()
    count = math.ceil(_width(title) / per_line) if title else 1
    if count <= 1:
        return [title]
    lines, rest = [], title
    for remaining in range(count, 1, -1):
        ideal = round(len(rest) / remaining)

        def fits(n, remaining=remaining, rest=rest):
            return _width(rest[:n]) <= per_line and _width(rest[n:]) <= per_line * (remaining - 1)

        window = [n for n in range(max(2, ideal - 3), min(ideal + 4, len(rest) - 2) + 1) if fits(n)]
        candidates = sorted(window, key=lambda n: (abs(n - ideal), -n))
        cut = next(
            (n for n in candidates if rest[n - 1] in TITLE_BREAK_AFTER),
            next(
                (n for n in candidates if rest[n] in TITLE_BREAK_BEFORE),
                next((n for n in candidates if not _splits_a_word(rest, n)), candidates[0] if candidates else ideal),
            ),
        )
        lines.append(rest[:cut])
        rest = rest[cut:]
    return [*lines, rest]


@dataclass(frozen=True)
class Block:
    """A paragraph of the body: its level (0 body, 1 一、 in 黑体, 2 （一） in 楷体), the heading
    part in that face and the text that follows it in 仿宋."""

    level: int
    heading: str
    text: str
    keep_with_next: bool = False  # no page break after it (see body_blocks)

    @property
    def one_line(self):
        return _width(self.heading + self.text) <= BODY_CHARS_PER_LINE - 2  # after the two-character indent


def body_blocks(paragraphs: list[str]) -> list[Block]:
    """The paragraphs as blocks. GB/T 9704 7.3.5: the 署名 never stands on a page without two lines of body;
    the signature stays with the last paragraph and a paragraph keeps two lines together (widows), so when
    the last paragraph is a single line the one before it is kept with it too."""
    blocks = []
    for paragraph in paragraphs:
        level = 1 if FIRST_LEVEL.match(paragraph) else 2 if SECOND_LEVEL.match(paragraph) else 0
        if not level:
            blocks.append(Block(0, "", paragraph))
            continue
        split = HEADING_END.match(paragraph)
        blocks.append(Block(level, *(split.groups() if split else (paragraph, ""))))
    if len(blocks) > 1 and blocks[-1].one_line:
        blocks[-2] = replace(blocks[-2], keep_with_next=True)
    return blocks


def masthead_size(text: str) -> float:
    """The issuing-body mark's size in points: as large as 版心 width allows, at most 42 pt."""
    return min(42.0, round(440 / max(len(text), 1), 1))


@dataclass
class Official:
    masthead: str  # 发文机关标志, red
    title: str
    addressees: str  # 主送
    paragraphs: list[str]
    signer: str  # 发文机关署名
    date: date  # 成文日期
    number: str = ""  # 发文字号
    attachments: list[str] = field(default_factory=list)  # 附件说明
    cc: str = ""  # 抄送
    printer: str = ""  # 印发机关; the 版记 prints when it is given
    printed_on: date | None = None  # 印发日期

    @property
    def title_lines(self):
        return balanced_title(self.title)

    @property
    def blocks(self):
        return body_blocks(self.paragraphs)

    @property
    def masthead_pt(self):
        return masthead_size(self.masthead)

    @property
    def date_text(self):
        return official_date(self.date)

    @property
    def printed_on_text(self):
        return official_date(self.printed_on or self.date)

    @property
    def cc_text(self):
        """抄送 names end with a full stop."""
        cc = self.cc.strip().rstrip("。，,.")
        return f"{cc}。" if cc else ""

    @property
    def colophon_height_mm(self):
        """Room the 版记 takes at the foot of the last page, with a blank line above it."""
        cc_lines = math.ceil((len(self.cc_text) + 3) / COLOPHON_CHARS_PER_LINE) if self.cc_text else 0
        return round((cc_lines + 2) * LINE_MM, 2)


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def attachment_names(text: str) -> list[str]:
    """附件 names, one a line, without the numbers and closing punctuation a writer may have typed:
    the layout numbers them (附件：1.XXXX) and a name takes no full stop."""
    return [re.sub(r"^\d+\s*[.．、]\s*", "", line).rstrip("。.；;，,") for line in lines(text)]
