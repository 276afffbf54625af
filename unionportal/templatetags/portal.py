"""Number formats in Chinese conventions, the dates of list rows, a filter bar's options and the page links under
a list."""

import functools
from decimal import ROUND_HALF_UP, Decimal
from html import escape

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from unionportal.html_rows import html_rows
from unionportal.links import query_for_each_page

register = template.Library()


@register.filter
def percent(value, digits=1):
    """0.9583 → 95.8%"""
    if value in (None, ""):
        return "—"
    return f"{float(value) * 100:.{int(digits)}f}%"


@register.filter
def share(value):
    """A rate kept as a fraction, as a percentage with no trailing zeros: 0.0050 → 0.5%, 0.4000 → 40%"""
    if value in (None, ""):
        return "—"
    text = format(Decimal(value) * 100, "f")
    return f"{text.rstrip('0').rstrip('.') if '.' in text else text}%"


@register.filter
def yuan(value):
    """Decimal("1234.5") → 1,234.50元"""
    if value in (None, ""):
        return "—"
    return _("%(amount)s元") % {"amount": money(value)}


@register.filter
def money(value):
    """Decimal("1234.5") → 1,234.50: an amount in a column headed （元）, written as yuan() writes it."""
    if value in (None, ""):
        return ""
    amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return intcomma(amount, use_l10n=False)


CHINESE_DIGITS = "零一二三四五六七八九十"


@register.filter
def chinese_ordinal(number):
    """1 → 一, 12 → 十二, 105 → 一百零五: numbers of 届, 次 and chapters in official documents (up to 9999)."""
    number = int(number)
    if not 0 <= number < 10000:
        return str(number)
    words, gap = "", False
    for place, digit in zip(range(len(str(number)) - 1, -1, -1), map(int, str(number)), strict=True):
        if digit == 0:
            gap = True
            continue
        words += ("零" if gap and words else "") + CHINESE_DIGITS[digit] + ("", "十", "百", "千")[place]
        gap = False
    return words[1:] if 10 <= number < 20 else words or CHINESE_DIGITS[0]


@register.filter
def chapter_number(number):
    """一 in a Chinese document, 1 in a translated one."""
    return chinese_ordinal(number) if get_language().startswith("zh") else str(number)


# Django's |date parses its format string on every call; a list pays that for each row, and these give the
# same text at half the cost
@register.filter(expects_localtime=True)
def ymd(value):
    """A date, or a moment in the current time zone, as |date:"Y-m-d" writes it: 2026-12-06"""
    return value.strftime("%Y-%m-%d") if value else ""


@register.filter(expects_localtime=True)
def ymd_hm(value):
    """A moment in the current time zone as |date:"Y-m-d H:i" writes it: 2026-12-06 14:30"""
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


@register.filter
def day(value, format_string=None):
    """A date as ``{{ value }}`` writes it (the language's DATE_FORMAT), or as |date:format_string does: the same
    text, each day worked out once per process for each format and language instead of on every row (Django parses
    the format again for each date, ~30 µs)."""
    if not value:
        return ""
    return _day_text(value, format_string or get_format("DATE_FORMAT"), get_language())


@functools.lru_cache(maxsize=4096)
def _day_text(value, format_string, language):  # the language: a key of its own, as month names are translated
    return dateformat.format(value, format_string)


@register.simple_tag(takes_context=True)
def page_links(context, page):
    """The links under a list, around the page shown: 1 … 5 6 [7] 8 9 … 1700, as {"previous": href, "next": href,
    "numbers": [(number as text, href, shown), …]}; no href for the page shown, an ellipsis or a missing neighbour.
    Django's get_elided_page_range centres on page 1 unless it is given the page, which a template cannot pass."""
    href = query_for_each_page(context.request.GET)
    return {
        "previous": href(page.number - 1) if page.has_previous() else "",
        "next": href(page.number + 1) if page.has_next() else "",
        "numbers": [
            (
                str(number),
                href(number) if isinstance(number, int) and number != page.number else "",
                number == page.number,
            )
            for number in page.paginator.get_elided_page_range(page.number)
        ],
    }


# the page numbers as the loop in includes/pagination.html wrote them, whitespace included: a link, the page shown or
# an ellipsis
PAGE_NUMBER = "\n      \n        {item}\n      \n    "
LINKED = '<li class="page-item"><a class="page-link" href="{}">{}</a></li>'
SHOWN = '<li class="page-item active" aria-current="page"><span class="page-link">{}</span></li>'
ELLIPSIS = mark_safe('<li class="page-item disabled"><span class="page-link">…</span></li>')


@register.simple_tag
def page_numbers(numbers):
    """The <li>s of page_links()'s numbers, escaped as autoescape would: a loop of three branches cost ~0.2 ms."""

    def item(number, href, shown):
        if href:
            return mark_safe(LINKED.format(escape(href), escape(number)))
        return mark_safe(SHOWN.format(escape(number))) if shown else ELLIPSIS

    return html_rows(PAGE_NUMBER, numbers, lambda each: {"item": item(*each)})


OPTION = '<option value="{value}"{selected}>{label}</option>'


@register.simple_tag
def options(choices, chosen, row=OPTION, selected=" selected"):
    """A filter bar's <option>s for ``choices``, (value, label) pairs or values that are their own label (years),
    ``selected`` put in the one whose value is ``chosen``; ``row`` the option as the page writes it. A loop in the
    template resolved and localised three variables an option: the board's 17 categories and its years cost more
    than its 25 lines."""
    marked = mark_safe(selected)
    pairs = (choice if isinstance(choice, tuple | list) else (choice, choice) for choice in choices)
    return html_rows(
        row,
        pairs,
        lambda pair: {"value": pair[0], "label": pair[1], "selected": marked if pair[0] == chosen else ""},
    )
