"""公示 of a campaign's recipient list as a 公开事项 with masked names (张*明).

The list names who was helped, from which department or group, how much and in what form, and
nothing else: ID numbers, causes, illness and income are hardship details (困难职工档案) that stay in
welfare. The draft then follows the disclosure flow (预审 → 公示) through disclosure's own services.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from disclosure import selectors as disclosure_selectors
from disclosure import services as disclosure_services
from disclosure.models import DisclosureItem
from unionportal.models import UnionKind, UnionProfile
from unionportal.strokes import surname_of

from .models import ZERO, Campaign, Payment

# The category of the default sets (校务公开 17 / 厂务公开 7) that welfare spending belongs to.
WELFARE_CATEGORY = {UnionKind.SCHOOL: "住房分配、保险和福利", UnionKind.ENTERPRISE: "福利费用"}


def mask_name(name):
    """The surname, one star, and the last character of a given name of two or more: 张明 → 张*,
    张三明 → 张*明, 欧阳小明 → 欧阳*明 (a 复姓 is kept whole)."""
    name = name.strip()
    surname = surname_of(name)
    given = name[len(surname) :]
    return surname + "*" + (given[-1] if len(given) >= 2 else "")


def default_category():
    """The union kind's welfare category if it is loaded; otherwise the officer chooses."""
    kind = UnionProfile.load().kind
    return disclosure_selectors.categories(kind).filter(name=WELFARE_CATEGORY.get(kind)).first()


def _cell(text):
    """A table cell of the disclosure body: a "|" of its own would split it."""
    return str(text).replace("|", "／").replace("\n", " ").strip() or "—"


def _help_label(campaign, recipient):
    """慰问金 / 助学金 for money, 慰问品（…） for goods."""
    payment = recipient.payment
    parts = []
    if payment.amount > ZERO and payment.kind != Payment.Kind.GOODS:
        parts.append(payment.get_kind_display())
    if payment.goods:
        parts.append(f"{Payment.Kind.GOODS.label}（{payment.goods}）")
    return "、".join(parts) or payment.get_kind_display()


def delivered_recipients(campaign):
    """Who actually received the help: a person refused by the yearly cap, not yet visited or whose money is
    still in the funds chain is on the campaign's working list but not on the 公示, which says what was done,
    not what was planned."""
    return campaign.recipients.filter(payment__status=Payment.Status.PAID).select_related(
        "member__department", "member__union_group", "payment"
    )


def recipient_rows(campaign):
    """One row per person helped: masked name, department or group, amount paid, form of help."""
    rows = []
    for recipient in delivered_recipients(campaign):
        member = recipient.member
        place = member.department or member.union_group or ""
        rows.append((mask_name(member.name), _cell(place), recipient.payment.amount, _help_label(campaign, recipient)))
    return rows


def recipient_list_body(campaign):
    """The body of the 公示: a short lead, the table (disclosure's ``| a | b |`` syntax) and a closing line."""
    rows = recipient_rows(campaign)
    total = sum((amount for _name, _place, amount, _kind in rows), ZERO)
    lines = [
        _("%(campaign)s慰问对象名单如下，共 %(count)s 人次，合计 %(total)s 元。")
        % {"campaign": campaign.name, "count": len(rows), "total": total},
        "",
        "| " + " | ".join([_("序号"), _("姓名"), _("部门/小组"), _("金额（元）"), _("帮扶形式")]) + " |",
        "| --- | --- | --- | --- | --- |",
    ]
    for number, (name, place, amount, kind) in enumerate(rows, start=1):
        lines.append(f"| {number} | {name} | {place} | {amount} | {_cell(kind)} |")
    lines += ["", _("公示期内如有异议，请在本页提出，工会将及时答复。")]
    return "\n".join(lines)


def default_title(campaign):
    return _("%(campaign)s慰问对象名单公示") % {"campaign": campaign.name}


@transaction.atomic
def publish_recipient_list(
    *, campaign, actor, category, title=None, audience=DisclosureItem.Audience.INTERNAL, department=None
):
    """Draft a 公开事项 (草稿) of the campaign's recipient list with masked names. One per campaign: a
    second request (a double click, a second officer) is refused and names the draft that exists."""
    # no select_related: a join under FOR UPDATE would not see the draft a concurrent request just made
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.publication_id is not None:
        raise ValidationError(
            _("本活动的名单已生成公开事项“%(title)s”（%(status)s），不再重复生成。")
            % {"title": campaign.publication.title, "status": campaign.publication.get_status_display()}
        )
    if not campaign.recipients.exists():
        raise ValidationError(_("慰问名单为空，不能公示。"))
    if not delivered_recipients(campaign).exists():
        raise ValidationError(_("名单上还没有人领到慰问，公示的是已发放的名单，请发放后再生成。"))
    item = disclosure_services.draft_item(
        actor=actor,
        category=category,
        title=title or default_title(campaign),
        body=recipient_list_body(campaign),
        audience=audience,
        department=department,
    )
    campaign.publication = item
    campaign.save(update_fields=["publication"])
    return item
