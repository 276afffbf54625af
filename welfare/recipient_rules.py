"""慰问名单 by rule: a gift for everyone (节日慰问 to all members in service, 生日慰问 this month, 退休慰问)
is one action over a rule, not 108 single additions. The rule's reason is written on each row."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import TextChoices
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.models import Member

from .models import Campaign, CampaignRecipient
from .services import check_list_budget, to_money


class Rule(TextChoices):
    MEMBERS_IN_SERVICE = "members", gettext_lazy("全体在职会员")
    UNION_GROUP = "group", gettext_lazy("一个工会小组的在职会员")
    RETIREES = "retirees", gettext_lazy("全体退休人员")
    BIRTHDAYS = "birthdays", gettext_lazy("某月过生日的在职会员")


@dataclass(frozen=True)
class Added:
    count: int
    skipped: int  # already on the list
    total: object  # Decimal, 元 planned for the newly added


def select(rule, *, union_group=None, month=None):
    """The members a rule selects, with the reason each row will carry."""
    in_service = Member.objects.filter(status=Member.Status.ACTIVE, is_union_member=True)
    if rule == Rule.MEMBERS_IN_SERVICE:
        return in_service, str(Rule.MEMBERS_IN_SERVICE.label)
    if rule == Rule.UNION_GROUP:
        return in_service.filter(union_group=union_group), _("%(group)s在职会员") % {"group": union_group}
    if rule == Rule.RETIREES:
        return Member.objects.filter(status=Member.Status.RETIRED), str(Rule.RETIREES.label)
    if rule == Rule.BIRTHDAYS:
        return in_service.filter(birth_date__month=month), _("%(month)s月生日") % {"month": month}
    raise ValueError(rule)


@transaction.atomic
def add_by_rule(*, campaign, actor, rule, union_group=None, month=None, amount=None, override_note="") -> Added:
    """Put everyone the rule selects on the list, at the standard amount unless another is given, all or
    nobody: a rule that selects nobody new, or whose cost would pass the budget, adds no one and says why."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.closed:
        raise ValidationError(_("活动已结束，不能调整名单。"))
    members, reason = select(rule, union_group=union_group, month=month)
    listed = set(campaign.recipients.values_list("member_id", flat=True))
    chosen = [member for member in members.only("pk") if member.pk not in listed]
    skipped = members.count() - len(chosen)
    if not chosen:
        if skipped:
            message = _("按“%(reason)s”选出的%(count)s人都已在名单中。") % {"reason": reason, "count": skipped}
            raise ValidationError(message)
        raise ValidationError(_("按“%(reason)s”没有选出任何人，名单未改变。") % {"reason": reason})
    amount = campaign.default_amount if amount is None else to_money(amount)
    total = amount * len(chosen)
    check_list_budget(campaign, campaign.planned_total() + total, actor, override_note, adding=(len(chosen), amount))
    CampaignRecipient.objects.bulk_create(
        CampaignRecipient(campaign=campaign, member=member, amount=amount, reason=reason[:50]) for member in chosen
    )
    return Added(len(chosen), skipped, total)
