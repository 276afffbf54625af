"""The board's lines and the status badge of an item, written in Python (unionportal.html_rows): the board's 25
lines each included _badge.html and resolved some ten variables, about half the page's template time."""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from unionportal.html_rows import html_rows

from ..models import DisclosureItem

register = template.Library()

LINE = """
  <a class="list-group-item list-group-item-action" href="{url}">
    <div class="d-flex justify-content-between gap-2"><span>{title}</span><span>{badge}
</span></div>
    <div class="small text-body-secondary">{published_on} · {category_name}</div>
  </a>
  """


class Badge:
    """An item's status badge (公示中 · 剩 n 天, its status otherwise, and 对内 when not public), its fixed words
    translated and escaped once for all the lines of a page."""

    def __init__(self):
        self.published = f'<span class="badge text-bg-success" data-testid="badge-published">{escape(_("公示中"))}'
        self.internal = f' <span class="badge text-bg-secondary">{escape(_("对内"))}</span>'

    def __call__(self, item, days_left):
        """``item``: a DisclosureItem or a BoardRow; ``days_left`` as it gives it. Its label is read only when
        shown: an item's status_label may query its objections."""
        if item.status == DisclosureItem.Status.PUBLISHED:
            if days_left is None:
                badge = f"{self.published}</span>"
            else:
                left = ngettext("剩 %(days)s 天", "剩 %(days)s 天", days_left) % {"days": days_left}
                badge = f"{self.published} · {escape(left)}</span>"
        else:
            badge = f'<span class="badge text-bg-light">{escape(str(item.status_label))}</span>'
        return mark_safe(badge if item.is_public else f"{badge}{self.internal}")


@register.simple_tag
def status_badge(item, days_left):
    return Badge()(item, days_left)


@register.simple_tag
def board_lines(rows):
    """The board's lines for ``rows`` (selectors.BoardRow), every value escaped as autoescape would."""
    badge = Badge()
    return html_rows(
        LINE,
        rows,
        lambda row: {
            "url": row.url,
            "title": row.title,
            "badge": badge(row, row.days_left),
            "published_on": row.published_on,
            "category_name": row.category_name,
        },
    )
