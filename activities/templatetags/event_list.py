"""The event list's lines, written in Python (unionportal.html_rows) rather than by a template loop that resolved
and escaped some eight variables a line."""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from unionportal.html_rows import html_rows

from ..models import Registration

register = template.Library()

LINE = """
  <a class="list-group-item list-group-item-action" href="{url}">
    <div class="d-flex w-100 justify-content-between gap-2">
      <h2 class="h6 mb-1">{title}</h2>
      <span>
        {my_place}
        <span class="badge text-bg-light">{kind}</span>
      </span>
    </div>
    <div class="small text-body-secondary">
      {details}
    </div>
  </a>
  """

WAITING = '<span class="badge text-bg-warning" data-testid="my-place">{}</span>'


@register.simple_tag
def event_lines(rows):
    """The list's lines for ``rows`` (selectors.EventRow), every value escaped as autoescape would; her sign-up
    shown as 已报名, or as her place on the waitlist."""
    registered = mark_safe(f'<span class="badge text-bg-success" data-testid="my-place">{escape(_("已报名"))}</span>')

    def my_place(row):
        if row.my_status == Registration.Status.REGISTERED:
            return registered
        return mark_safe(WAITING.format(escape(row.her_place))) if row.her_place else ""

    return html_rows(
        LINE,
        rows,
        lambda row: {
            "url": row.url,
            "title": row.title,
            "my_place": my_place(row),
            "kind": row.kind,
            "details": row.details,
        },
    )
