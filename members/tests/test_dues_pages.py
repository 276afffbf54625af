import datetime
from decimal import Decimal

from members import dues
from members.models import DuesRecord, DuesSettings, UnionGroup


def test_staff_marks_a_group_paid_for_a_month(client_as, users):
    group = UnionGroup.objects.create(name="英语组")
    member = users["member"].member
    member.union_group = group
    member.save()
    dues.set_wage_base(member=member, month=datetime.date(2025, 5, 1), wage_base="6000")
    client = client_as("staff")
    response = client.post(
        "/members/dues/mark-paid/", {"union_group": group.pk, "month": "2025-05", "on": "2025-05-20"}, follow=True
    )
    assert "已登记 1 人缴纳" in response.content.decode()
    assert DuesRecord.objects.get(member=member).paid == Decimal("30.00")
    content = client.get("/members/dues/?month=2025-05").content.decode()
    assert "30.00" in content


def test_member_sees_own_dues_on_own_page_only(client_as, users):
    mine = users["member"].member
    dues.set_wage_base(member=mine, month=datetime.date(2025, 5, 1), wage_base="4321")
    other = users["delegate"].member
    client = client_as("member")
    assert "21.61" in client.get(f"/members/{mine.pk}/").content.decode()
    assert client.get(f"/members/{other.pk}/").status_code == 403


def test_chair_changes_the_rate_as_a_percentage(client_as, users):
    client = client_as("chair")
    page = client.get("/members/dues/settings/").content.decode()
    assert "会费比例（%）" in page and 'value="0.5"' in page and 'value="0"' in page
    response = client.post("/members/dues/settings/", {"rate": "0.6", "hand_up_share": "40"})
    assert response.status_code == 302
    settings = DuesSettings.current()
    assert (settings.rate, settings.hand_up_share) == (Decimal("0.0060"), Decimal("0.4000"))
    ledger = client.get("/members/dues/").content.decode()
    assert "会费比例 0.6%" in ledger and "上缴比例 40%" in ledger and "0.0060" not in ledger


def test_a_rate_out_of_bounds_is_refused_in_percent(client_as, users):
    response = client_as("chair").post("/members/dues/settings/", {"rate": "15", "hand_up_share": "0"})
    assert "会费比例应大于0且不超过10%" in response.content.decode()


def test_wage_base_form_on_the_ledger(client_as, users):
    member = users["member"].member
    client_as("staff").post("/members/dues/wage-base/", {"member": member.pk, "month": "2025-05", "wage_base": "5000"})
    assert DuesRecord.objects.get(member=member).due == Decimal("25.00")


def test_year_totals_page_shows_each_member_and_the_hand_up_share(client_as, users):
    dues.update_settings(rate=Decimal("0.005"), hand_up_share=Decimal("0.4"))
    member = users["member"].member
    record = dues.set_wage_base(member=member, month=datetime.date(2025, 5, 1), wage_base="6000")
    dues.mark_paid(record=record, on=datetime.date(2025, 5, 20))
    content = client_as("auditor").get("/members/dues/year/?year=2025").content.decode()
    assert "上缴（40.0%）" in content and "12.00" in content and "18.00" in content and "member" in content
