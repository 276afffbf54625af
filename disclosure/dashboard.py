from django.urls import reverse
from django.utils.translation import gettext as _

from unionportal.dashboard import Card

from . import selectors


def cards(request):
    if not request.user.has_perm("disclosure.review"):
        return []
    result = []
    pending = selectors.pending_review_count()
    if pending:
        result.append(Card(_("待预审的公开事项"), value=str(pending), url=reverse("disclosure:work"), level="warning"))
    for overdue in selectors.overdue_categories():
        period = {"start": overdue.period_start, "end": overdue.period_end}
        text = _("上一周期（%(start)s 至 %(end)s）结束时仍未公开") % period
        if overdue.serious:
            text += _("；已连续 %(missed)s 个周期未公开") % {"missed": overdue.missed}
        result.append(
            Card(
                _("逾期未公开：%(name)s") % {"name": overdue.category.name},
                text=text,
                url=reverse("disclosure:index") + f"?category={overdue.category.pk}",
                level="danger" if overdue.serious else "warning",
            )
        )
    return result
