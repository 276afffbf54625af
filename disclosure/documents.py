"""The A4 公示 sheet of a published item, to post on the noticeboard."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from unionportal.documents.official import Official, official_date
from unionportal.models import UnionProfile

from .models import DisclosureItem


def _item(items, params):
    try:
        return items.get(pk=params["item"])
    except DisclosureItem.DoesNotExist:
        raise ValidationError(_("该公开事项已被删除，无法生成公示。")) from None


class DisclosureSheet:
    kind = "disclosure_sheet"
    permission = "disclosure.print_sheet"
    template = "disclosure/pdf/sheet.html"
    official = True

    @staticmethod
    def title(params):
        return _("公示：%(title)s") % {"title": _item(DisclosureItem.objects.values_list("title", flat=True), params)}

    @staticmethod
    def context(params, report_progress):
        item = _item(DisclosureItem.objects.select_related("category", "department"), params)
        if not item.on_board:
            raise ValidationError(_("事项尚未发布，不能打印公示。"))
        union = UnionProfile.load()
        title = item.title if "公示" in item.title else _("%(title)s公示") % {"title": item.title}
        return {
            "union": union,
            "item": item,
            "period_start": official_date(item.period_start) if item.period_start else "",
            "period_end": official_date(item.period_end) if item.period_end else "",
            "official": Official(
                masthead=union.name,
                number=f"{union.vocabulary['disclosure']} · {item.category.name}",
                title=title,
                addressees="",
                paragraphs=[],
                signer=union.unit_name or union.name,
                date=item.period_start or item.published_on,
            ),
        }


DOCUMENTS = [DisclosureSheet]
