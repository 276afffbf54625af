"""公开: the year's 收支情况 as a summary on the disclosure board, in one action. The summary is sums by
account and fund only; no person is named, so hardship payments stay as private as welfare's 公示 keeps them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from disclosure import selectors as disclosure_selectors
from disclosure import services as disclosure_services
from disclosure.models import DisclosureItem
from unionportal.models import UnionKind, UnionProfile

from .. import selectors
from .common import year_settings

# Where the union's accounts go on the board of each kind (校务公开 17 / 厂务公开 7 categories).
FUNDS_CATEGORY = {UnionKind.SCHOOL: "财务管理和收支情况", UnionKind.ENTERPRISE: "经营收支"}


def default_category():
    kind = UnionProfile.load().kind
    return disclosure_selectors.categories(kind).filter(name=FUNDS_CATEGORY.get(kind)).first()


def summary_body(year: int) -> str:
    report = selectors.final_accounts(year)
    lines = [
        _("%(year)s年工会经费收入 %(income)s 元，支出 %(spent)s 元，收支结余 %(surplus)s 元。")
        % {
            "year": year,
            "income": report["income"]["actual"],
            "spent": report["expense"]["actual"],
            "surplus": report["surplus"],
        },
        "",
        "| " + " | ".join([_("项目"), _("预算（元）"), _("实际（元）"), _("执行率")]) + " |",
        "| --- | --- | --- | --- |",
    ]
    for kind in ("income", "expense"):
        for row in report[kind]["rows"]:
            if row.budget is None and not row.actual:
                continue
            budget = "—" if row.budget is None else row.budget
            lines.append(f"| {row.account.name} | {budget} | {row.actual} | {row.percent} |")
    lines += ["", "| " + " | ".join([_("资金"), _("年初余额"), _("本年收入"), _("本年支出"), _("年末余额")]) + " |"]
    lines.append("| --- | --- | --- | --- | --- |")
    for balance in report["balances"]:
        lines.append(
            f"| {balance.fund.name} | {balance.opening} | {balance.income} | {balance.spent} | {balance.closing} |"
        )
    lines += ["", _("如有疑问，请在公示期内提出，工会将及时答复。")]
    return "\n".join(lines)


@transaction.atomic
def publish_year(*, year: int, actor, category=None) -> DisclosureItem:
    """Draft the year's summary for the members (对内) and submit it to 预审, once per year: whoever reviews the
    board's items (the 公开领导小组, or union staff) publishes it for a week, as nobody passes her own draft."""
    settings = year_settings(year)
    settings = type(settings).objects.select_for_update().get(pk=settings.pk)
    if settings.publication_id is not None:
        raise ValidationError(
            _("%(year)s年收支情况已提交公开（“%(title)s”），不再重复提交。")
            % {"year": year, "title": settings.publication.title}
        )
    category = category or default_category()
    if category is None:
        raise ValidationError(
            _("公开栏目里没有“%(name)s”栏目，请先设置公开栏目。") % {"name": FUNDS_CATEGORY[UnionProfile.load().kind]}
        )
    item = disclosure_services.draft_item(
        actor=actor,
        category=category,
        title=_("%(year)s年度工会经费收支情况") % {"year": year},
        body=summary_body(year),
        audience=DisclosureItem.Audience.INTERNAL,
    )
    item = disclosure_services.submit(item=item, actor=actor)
    settings.publication = item
    settings.save(update_fields=["publication"])
    return item
