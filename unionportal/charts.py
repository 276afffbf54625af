"""Small SVG bar charts for pages and PDFs (WeasyPrint renders inline SVG)."""

from django.utils.html import conditional_escape, format_html
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
    It is called once per bar: the report's chart of 200 union groups spent most of its time translating.
    """
    bars = [(label, value, value_label(value)) for label, value in items]
    if not bars:
        return ""
    largest = max(value for _, value, _ in bars) or 1
    label_width = max(LABEL_WIDTH, round(max(text_width(label) for label, _, _ in bars)) + 8)
    value_width = max(VALUE_WIDTH, round(max(text_width(figure) for _, _, figure in bars)) + 8)
    width = max(width, label_width + value_width + 120)  # room for the bars beside long labels
    bar_space = width - label_width - value_width
    rows = []
    for i, (label, value, figure) in enumerate(bars):
        length = round(bar_space * value / largest, 1)
        y = i * ROW_HEIGHT
        # only the label and the figure are text; the rest are numbers this function computed
        rows.append(
            f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end" font-size="11">{conditional_escape(label)}'
            f'</text><rect x="{label_width}" y="{y + 4}" width="{length}" height="14" fill="{BAR_COLOUR}"></rect>'
            f'<text x="{label_width + length + 4}" y="{y + 15}" font-size="11">{conditional_escape(figure)}</text>'
        )
    height = len(bars) * ROW_HEIGHT + 4
    # the chart's text alternative: every bar read out, for a screen reader
    description = "；".join(f"{label}：{figure}" for label, _, figure in bars)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{}" height="{}" viewBox="0 0 {} {}" '
        'font-family="Noto Sans CJK SC, sans-serif" role="img" aria-label="{}">{}</svg>',
        width,
        height,
        width,
        height,
        description,
        mark_safe("".join(rows)),
    )
