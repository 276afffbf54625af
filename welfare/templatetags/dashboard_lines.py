"""The welfare dashboard's lines and its care summary's table rows, written in Python (unionportal.html_rows) rather
than by template loops that resolved, localised and escaped each value of each line: the same HTML."""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from unionportal.html_rows import html_rows
from unionportal.templatetags.portal import day

register = template.Library()

LINK_LINE = '<li class="list-group-item"><a href="{url}">{name}</a> · {text}</li>'
LINE = '<li class="list-group-item">{name} · {text}</li>'


@register.simple_tag
def waiting_lines(lines):
    """An application waiting: its person, status and amount (workbench.Line)."""
    amount = _("%(amount)s 元")
    return html_rows(
        '<li class="list-group-item"><a href="{url}">{name}</a> · {status} · {amount}</li>',
        lines,
        lambda line: {
            "url": line.url,
            "name": line.name,
            "status": line.status,
            "amount": amount % {"amount": line.amount},
        },
    )


@register.simple_tag
def due_file_lines(lines):
    """A hardship file due for review and its day."""
    return html_rows(LINK_LINE, lines, lambda line: {"url": line.url, "name": line.name, "text": day(line.day)})


@register.simple_tag
def birthday_lines(lines):
    """A birthday, its day and the department when there is one."""

    def department(line):
        return "" if line.department is None else mark_safe(f" · {escape(line.department)}")

    return html_rows(
        '<li class="list-group-item">{name} · {day}{department}</li>',
        lines,
        lambda line: {"name": line.name, "day": day(line.day, "n月j日"), "department": department(line)},
    )


@register.simple_tag
def visit_lines(lines):
    """A visit and its day."""
    return html_rows(LINE, lines, lambda line: {"name": line.name, "text": day(line.day)})


@register.simple_tag
def late_campaign_lines(campaigns):
    """A campaign behind schedule, linked, with its deadline."""
    deadline = _("期限")
    return html_rows(
        '<li class="list-group-item list-group-item-warning"><a href="{url}">{name}</a> · {deadline} {day}</li>',
        campaigns,
        lambda campaign: {
            "url": campaign.get_absolute_url(),
            "name": campaign.name,
            "deadline": deadline,
            "day": day(campaign.due_on),
        },
    )


@register.simple_tag
def summary_rows(rows, name):
    """The care summary's rows (selectors.care_summary) of one grouping, named by their ``name`` key."""
    return html_rows(
        '<tr><td>{name}</td><td class="text-end">{times}</td><td class="text-end">{yuan}</td></tr>',
        rows,
        lambda row: {"name": row[name], "times": row["times"], "yuan": row["yuan"]},
    )
