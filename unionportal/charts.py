"""Small SVG bar charts for pages and PDFs (WeasyPrint renders inline SVG)."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

ROW_HEIGHT = 22
FONT_SIZE = 11
LABEL_WIDTH = 110  # at least; wider when a label needs it, so that no label is clipped
VALUE_WIDTH = 60
BAR_COLOUR = "#a61b1b"


def text_width(text, size=FONT_SIZE):
    """Roughly how wide the text draws: a Chinese character is square, a Latin one about 0.6 of it."""
    return sum(size if ord(char) >= 0x2000 else size * 0.6 for char in str(text))


def bar_chart(items, *, width=480, value_label=str):
    """Horizontal bars, one per (label, value), scaled to the largest value.

    ``value_label(value)`` writes the figure beside a bar; callers pass one with the
    unit in a translatable string (with ngettext where the number decides the form).
    """
    items = list(items)
    if not items:
        return ""
    largest = max(value for _, value in items) or 1
    label_width = max(LABEL_WIDTH, round(max(text_width(label) for label, _ in items)) + 8)
    value_width = max(VALUE_WIDTH, round(max(text_width(value_label(value)) for _, value in items)) + 8)
    width = max(width, label_width + value_width + 120)  # room for the bars beside long labels
    bar_space = width - label_width - value_width
    rows = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="end" font-size="11">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="14" fill="{}"></rect>'
        '<text x="{}" y="{}" font-size="11">{}</text>',
        (
            (
                label_width - 6,
                i * ROW_HEIGHT + 15,
                label,
                label_width,
                i * ROW_HEIGHT + 4,
                round(bar_space * value / largest, 1),
                BAR_COLOUR,
                label_width + round(bar_space * value / largest, 1) + 4,
                i * ROW_HEIGHT + 15,
                value_label(value),
            )
            for i, (label, value) in enumerate(items)
        ),
    )
    height = len(items) * ROW_HEIGHT + 4
    # the chart's text alternative: every bar read out, for a screen reader
    description = "；".join(f"{label}：{value_label(value)}" for label, value in items)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{}" height="{}" viewBox="0 0 {} {}" '
        'font-family="Noto Sans CJK SC, sans-serif" role="img" aria-label="{}">{}</svg>',
        width,
        height,
        width,
        height,
        description,
        mark_safe(rows),
    )
