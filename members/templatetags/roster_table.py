"""The roster's table rows, written in Python: a template loop resolved, localised and escaped some ten variables a
row (about 50 µs a row, a fifth of the page), where filling one format string a row costs a tenth of that."""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from unionportal.html_rows import html_rows

register = template.Library()

ROW = """
      <tr>
        <td><a href="{url}">{name}</a>{no_login}</td>
        <td>{gender}</td>
        <td class="d-none d-md-table-cell">{department}</td>
        <td>{union_group}</td>
        <td class="d-none d-md-table-cell">{employment_type}</td>
        <td>{status}</td>
        <td>{is_union_member}</td>
      </tr>
    """


@register.simple_tag
def roster_rows(rows):
    """The <tr>s of ``rows`` (selectors.RosterRow), every value escaped as the template's autoescape would."""
    no_login = mark_safe(
        f' <span class="badge text-bg-light border" title="{escape(_("还没有登录账号"))}" data-testid="no-login">'
        f"{escape(_('无账号'))}</span>"
    )
    union_member = mark_safe(f'<i class="bi bi-check-lg text-success" title="{escape(_("会员"))}"></i>')
    return html_rows(
        ROW,
        rows,
        lambda row: {
            "url": row.url,
            "name": row.name,
            "no_login": "" if row.has_login else no_login,
            "gender": row.gender,
            "department": row.department,
            "union_group": row.union_group,
            "employment_type": row.employment_type,
            "status": row.status,
            "is_union_member": union_member if row.is_union_member else "—",
        },
    )
