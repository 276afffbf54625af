"""The light formatting of an item's body (公示正文): headings, lists, tables and bold.

The text is escaped before any markup is added, so a body never carries HTML of its own:
``# 标题``, ``- 列表项``, ``1. 编号项``, ``| 表格 | 行 |`` and ``**加粗**``; other lines are
paragraphs, a blank line starts a new one.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

BOLD = re.compile(r"\*\*(.+?)\*\*")
HEADING = re.compile(r"^(#{1,3})\s+(.*)$")
BULLET = re.compile(r"^[-*•]\s+(.*)$")
NUMBERED = re.compile(r"^(\d+)[.、)）]\s*(.*)$")
TABLE_RULE = re.compile(r"^\|?[\s:|-]+\|?$")


def _inline(text):
    return BOLD.sub(r"<strong>\1</strong>", escape(text.strip()))


def _cells(line):
    return [_inline(cell) for cell in line.strip().strip("|").split("|")]


def _table(rows):
    header, *body = [row for row in rows if not TABLE_RULE.match(row.strip())] or [""]
    head = "".join(f"<th>{cell}</th>" for cell in _cells(header))
    lines = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in _cells(row)) + "</tr>" for row in body)
    return (
        '<div class="table-responsive"><table class="table table-sm table-bordered">'
        f"<thead><tr>{head}</tr></thead><tbody>{lines}</tbody></table></div>"
    )


def _kind(line):
    if not line.strip():
        return "blank"
    if line.lstrip().startswith("|"):
        return "table"
    if BULLET.match(line.strip()):
        return "ul"
    if NUMBERED.match(line.strip()):
        return "ol"
    if HEADING.match(line.strip()):
        return "heading"
    return "p"


def _block(kind, lines):
    if kind == "table":
        return _table(lines)
    if kind == "heading":
        marks, text = HEADING.match(lines[0].strip()).groups()
        tag = f"h{len(marks) + 2}"
        return f'<{tag} class="h{min(len(marks) + 4, 6)}">{_inline(text)}</{tag}>'
    if kind == "ul":
        return "<ul>" + "".join(f"<li>{_inline(BULLET.match(x.strip())[1])}</li>" for x in lines) + "</ul>"
    if kind == "ol":
        first = NUMBERED.match(lines[0].strip())[1]
        items = "".join(f"<li>{_inline(NUMBERED.match(x.strip())[2])}</li>" for x in lines)
        return f'<ol start="{int(first)}">{items}</ol>'
    return "<p>" + "<br>".join(_inline(line) for line in lines) + "</p>"


def render_body(text):
    """The body as safe HTML: consecutive lines of one kind form one block."""
    blocks, kind, lines = [], None, []
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        line_kind = _kind(line)
        if line_kind != kind or line_kind == "heading":
            if kind not in (None, "blank"):
                blocks.append(_block(kind, lines))
            kind, lines = line_kind, []
        lines.append(line)
    if kind not in (None, "blank"):
        blocks.append(_block(kind, lines))
    return mark_safe("\n".join(blocks))  # every piece of text went through escape() above
