from django.urls import reverse
from django.utils.translation import gettext as _

from unionportal.dashboard import Card

from . import selectors

CARDS_EACH = 5  # one card per objection or item to close; the rest are on the work list


def cards(request):
    if not request.user.has_perm("disclosure.review"):
        return []
    result = []
    pending = selectors.pending_review_count()
    if pending:
        result.append(Card(_("待预审的公开事项"), value=str(pending), url=reverse("disclosure:work"), level="warning"))
    for objection in selectors.unanswered_objections()[:CARDS_EACH]:
        result.append(
            Card(
                _("待答复的异议"),
                text=objection.item.title,
                url=objection.item.get_absolute_url(),
                level="warning",
            )
        )
    for item in selectors.awaiting_close()[:CARDS_EACH]:
        result.append(
            Card(
                _("公示期满待结束"),
                text=_("%(title)s（%(end)s 期满）") % {"title": item.title, "end": item.period_end},
                url=item.get_absolute_url(),
                level="warning",
            )
        )
    for overdue in selectors.overdue_categories():
        text = _("本期（%(start)s 至 %(end)s）尚未公开") % {"start": overdue.period_start, "end": overdue.period_end}
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
