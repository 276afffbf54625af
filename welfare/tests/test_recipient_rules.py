"""A gift for everyone is one action over a rule: exactly the people it selects, within budget, or nobody."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from members.models import Member, UnionGroup
from welfare import recipient_rules
from welfare.models import CampaignRecipient
from welfare.recipient_rules import Rule

from .factories import make_campaign, make_member

pytestmark = pytest.mark.django_db
ACTIVE, RETIRED = Member.Status.ACTIVE, Member.Status.RETIRED


@pytest.fixture
def staff_room(users):
    Member.objects.update(status=Member.Status.TRANSFERRED)  # the role users' own records: not this staff room
    maths = UnionGroup.objects.create(name="数学组")
    people = {
        "王芳": dict(status=ACTIVE, is_union_member=True, union_group=maths, birth_date=datetime.date(1980, 9, 3)),
        "李明": dict(status=ACTIVE, is_union_member=True, birth_date=datetime.date(1990, 9, 28)),
        "赵强": dict(status=ACTIVE, is_union_member=True, union_group=maths, birth_date=datetime.date(1975, 3, 1)),
        "钱红": dict(status=ACTIVE, is_union_member=False, union_group=maths, birth_date=datetime.date(1985, 9, 9)),
        "孙老师": dict(status=RETIRED, is_union_member=True, birth_date=datetime.date(1950, 9, 1)),
        "周调出": dict(status=Member.Status.TRANSFERRED, is_union_member=True),
    }
    return {"maths": maths, **{name: make_member(name, **fields) for name, fields in people.items()}}


def listed(campaign):
    return sorted(campaign.recipients.values_list("member__name", "reason", "amount"))


def test_all_members_in_service_and_nobody_else(staff_room, users):
    campaign = make_campaign(name="中秋慰问", budget=Decimal("1000"), default_amount=Decimal("200"))
    added = recipient_rules.add_by_rule(campaign=campaign, actor=users["welfare"], rule=Rule.MEMBERS_IN_SERVICE)
    assert (added.count, added.skipped, added.total) == (3, 0, Decimal("600.00"))
    assert listed(campaign) == [(name, "全体在职会员", Decimal("200.00")) for name in ["李明", "王芳", "赵强"]]


def test_a_union_group_a_month_of_birthdays_and_the_retirees(staff_room, users):
    campaign = make_campaign(budget=Decimal("5000"), default_amount=Decimal("100"))
    add = recipient_rules.add_by_rule
    add(campaign=campaign, actor=users["welfare"], rule=Rule.UNION_GROUP, union_group=staff_room["maths"])
    assert [row[:2] for row in listed(campaign)] == [("王芳", "数学组在职会员"), ("赵强", "数学组在职会员")]
    added = add(campaign=campaign, actor=users["welfare"], rule=Rule.BIRTHDAYS, month=9, amount="150")
    assert (added.count, added.skipped) == (1, 1)  # 李明 added, 王芳 already listed; 钱红 is not a member
    assert ("李明", "9月生日", Decimal("150.00")) in listed(campaign)
    add(campaign=campaign, actor=users["welfare"], rule=Rule.RETIREES)
    assert ("孙老师", "全体退休人员", Decimal("100.00")) in listed(campaign)


def test_a_rule_that_selects_nobody_says_so_and_changes_nothing(users):
    campaign = make_campaign()
    with pytest.raises(ValidationError, match="没有选出任何人"):
        recipient_rules.add_by_rule(campaign=campaign, actor=users["welfare"], rule=Rule.BIRTHDAYS, month=2)
    assert not CampaignRecipient.objects.exists()


def test_a_budget_too_small_for_everyone_adds_no_one(staff_room, users):
    campaign = make_campaign(budget=Decimal("500"), default_amount=Decimal("200"))
    with pytest.raises(ValidationError, match="将新增3人、每人200.00元，合计600.00元将超出活动预算500.00元"):
        recipient_rules.add_by_rule(campaign=campaign, actor=users["welfare"], rule=Rule.MEMBERS_IN_SERVICE)
    assert not CampaignRecipient.objects.exists()


def test_the_page_adds_by_rule_and_refuses_bad_amounts_in_chinese(client_as, staff_room):
    campaign = make_campaign(budget=Decimal("1000"), default_amount=Decimal("200"))
    client = client_as("welfare")
    response = client.post(
        f"/welfare/campaigns/{campaign.pk}/add-by-rule/", {"rule": "members", "amount": "1.005"}, follow=True
    )
    assert "最多2位小数" in response.content.decode()
    assert not CampaignRecipient.objects.exists()
    response = client.post(f"/welfare/campaigns/{campaign.pk}/add-by-rule/", {"rule": "group"}, follow=True)
    assert "请选择工会小组" in response.content.decode()
    response = client.post(f"/welfare/campaigns/{campaign.pk}/add-by-rule/", {"rule": "members"}, follow=True)
    assert "已按规则加入3人，合计600.00元。" in response.content.decode()


@pytest.mark.parametrize("role", ["staff", "member", "auditor", "delegate"])
def test_only_those_who_run_welfare_add_by_rule(client_as, staff_room, role):
    campaign = make_campaign()
    response = client_as(role).post(f"/welfare/campaigns/{campaign.pk}/add-by-rule/", {"rule": "members"})
    assert response.status_code == 403
    assert not CampaignRecipient.objects.exists()
