import datetime
from decimal import Decimal

from django.utils import timezone

from members import dues
from members.models import DuesRecord, DuesSettings, UnionGroup


def test_staff_marks_a_group_paid_for_a_month(client_as, users):
    group = UnionGroup.objects.create(name="英语组")
    member = users["member"].member
    member.union_group = group
    member.save()
    dues.set_wage_base(member=member, month=datetime.date(2025, 5, 1), wage_base="6000")
    client = client_as("staff")
    data = {"union_group": group.pk, "month": "2025-05", "on": "2025-05-20"}
    response = client.post("/members/dues/mark-paid/", data, follow=True)
    assert "请在台账中勾选已缴的会员。" in response.content.decode()
    ledger = client.get("/members/dues/?month=2025-05").content.decode()
    assert f'name="members" value="{member.pk}" form="group-paid"' in ledger
    response = client.post("/members/dues/mark-paid/", {**data, "members": [member.pk]}, follow=True)
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
    assert DuesSettings.current().rate == Decimal("0.0060")
    assert dues.hand_up_share(timezone.localdate().year) == Decimal("0.4000")
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
    dues.update_settings(rate=Decimal("0.005"), hand_up_share=Decimal("0.4"), year=2025)
    member = users["member"].member
    record = dues.set_wage_base(member=member, month=datetime.date(2025, 5, 1), wage_base="6000")
    dues.mark_paid(record=record, on=datetime.date(2025, 5, 20))
    content = client_as("auditor").get("/members/dues/year/?year=2025").content.decode()
    assert "上缴（40.0%）" in content and "12.00" in content and "18.00" in content and "member" in content


def test_this_years_share_on_the_settings_page_leaves_last_years_pages(client_as, users):
    dues.update_settings(rate=Decimal("0.005"), hand_up_share=Decimal("0.4"), year=2025)
    record = dues.set_wage_base(member=users["member"].member, month=datetime.date(2025, 5, 1), wage_base="6000")
    dues.mark_paid(record=record, on=datetime.date(2025, 5, 20))
    client = client_as("chair")
    assert client.post("/members/dues/settings/", {"rate": "0.5", "hand_up_share": "10"}).status_code == 302
    assert "上缴（40.0%）" in client.get("/members/dues/year/?year=2025").content.decode()
    assert "当年上缴比例 40%" in client.get("/members/dues/?month=2025-05").content.decode()
    this_year = timezone.localdate().year
    assert "上缴（10.0%）" in client.get(f"/members/dues/year/?year={this_year}").content.decode()


def _line(member, month="2025-05-01", due="25.00"):
    return DuesRecord.objects.create(
        member=member, month=datetime.date.fromisoformat(month), wage_base=Decimal(5000), due=Decimal(due)
    )


def test_one_member_pays_part_then_the_rest_from_the_arrears_list(client_as, users):
    record = _line(users["member"].member)
    client = client_as("staff")
    page = client.get("/members/dues/arrears/").content.decode()
    assert f"/members/dues/{record.pk}/pay/" in page and "登记缴纳" in page
    today = timezone.localdate().isoformat()
    response = client.post(
        f"/members/dues/{record.pk}/pay/", {"amount": "10", "on": today, "next": "/members/dues/arrears/"}
    )
    assert response.url == "/members/dues/arrears/"
    record.refresh_from_db()
    assert record.paid == Decimal("10.00") and record.arrears == Decimal("15.00")
    client.post(f"/members/dues/{record.pk}/pay/", {"amount": "", "on": today})  # blank: the rest
    record.refresh_from_db()
    assert record.paid == Decimal("25.00") and record.arrears == 0
    response = client.post(f"/members/dues/{record.pk}/pay/", {"amount": "1", "on": today}, follow=True)
    assert "已缴清" in response.content.decode()


def test_payments_are_entered_from_the_ledger_and_the_member_page_too(client_as, users):
    member = users["member"].member
    record = _line(member)
    client = client_as("chair")
    assert f"/members/dues/{record.pk}/pay/" in client.get("/members/dues/?month=2025-05").content.decode()
    assert f"/members/dues/{record.pk}/pay/" in client.get(f"/members/{member.pk}/").content.decode()
    assert "登记缴纳" not in client_as("auditor").get("/members/dues/?month=2025-05").content.decode()


def test_a_payment_over_what_is_owed_is_refused(client_as, users):
    record = _line(users["member"].member)
    today = timezone.localdate().isoformat()
    response = client_as("staff").post(f"/members/dues/{record.pk}/pay/", {"amount": "30", "on": today}, follow=True)
    assert "缴纳金额超过欠缴的 25.00 元" in response.content.decode()
    record.refresh_from_db()
    assert record.paid == 0


def test_a_wrong_payment_is_corrected_with_the_reason_in_its_history(client_as, users):
    record = _line(users["member"].member)
    client = client_as("staff")
    today = timezone.localdate()
    client.post(f"/members/dues/{record.pk}/pay/", {"amount": "", "on": today.isoformat()})
    response = client.post(f"/members/dues/{record.pk}/correct/", {"paid": "12.5", "paid_on": today.isoformat()})
    assert "请填写更正原因。" in response.content.decode()
    client.post(
        f"/members/dues/{record.pk}/correct/",
        {"paid": "12.5", "paid_on": today.isoformat(), "reason": "误录为全额，实收现金12.5元"},
    )
    record.refresh_from_db()
    assert record.paid == Decimal("12.50")
    page = client.get(f"/members/dues/{record.pk}/correct/").content.decode()
    assert "更正：误录为全额，实收现金12.5元；原实缴 25.00" in page
    response = client.post(f"/members/dues/{record.pk}/correct/", {"paid": "99", "reason": "错"})
    assert "实缴金额应在0到应缴的 25.00 元之间。" in response.content.decode()


def _sheet(response):
    from io import BytesIO

    from openpyxl import load_workbook

    return load_workbook(BytesIO(response.content)).active


def test_ledger_and_arrears_export_with_a_bold_frozen_header_widths_and_a_total(client_as, users):
    from urllib.parse import quote

    record = _line(users["member"].member)
    dues.mark_paid(record=record, on=timezone.localdate(), amount=Decimal("10"))
    client = client_as("auditor")
    response = client.get("/members/dues/export.xlsx?month=2025-05")
    assert quote("会费台账2025-05.xlsx") in response["Content-Disposition"]
    sheet = _sheet(response)
    assert [cell.value for cell in sheet[1]][:3] == ["序号", "姓名", "工会小组"]
    assert sheet["A1"].font.b and sheet.freeze_panes == "A2" and sheet.column_dimensions["B"].width >= 10
    assert [cell.value for cell in sheet[2]][1] == "member"
    assert [cell.value for cell in sheet[3]][0] == "合计" and [cell.value for cell in sheet[3]][5:8] == [25, 10, 15]
    response = client.get("/members/dues/arrears.xlsx")
    assert quote("欠缴名单") in response["Content-Disposition"]
    assert [cell.value for cell in _sheet(response)[2]][7] == 15


def test_roster_export_has_a_chinese_file_name_and_a_styled_header(client_as, users):
    from urllib.parse import quote

    response = client_as("staff").get("/members/export.xlsx")
    assert quote("教职工名册-") in response["Content-Disposition"]
    sheet = _sheet(response)
    assert sheet["A1"].value == "序号" and sheet["A1"].font.b and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["E"].width == 21  # 身份证号


def test_the_accountant_reads_the_dues_ledger_to_book_it_but_changes_nothing(client_as, users):
    member = users["member"].member
    record = dues.set_wage_base(member=member, month=datetime.date(2025, 5, 1), wage_base="6000")
    client = client_as("accountant")
    ledger = client.get("/members/dues/?month=2025-05")
    assert ledger.status_code == 200 and "30.00" in ledger.content.decode()
    assert 'form="group-paid"' not in ledger.content.decode()  # no ticking members paid
    year = client.get("/members/dues/year/?year=2025").content.decode()
    # the accountant reads no roster: the name is not a link to a record they may not open
    assert "<td>member</td>" in year and f"/members/{member.pk}/" not in year
    assert client.post("/members/dues/mark-paid/", {"month": "2025-05"}).status_code == 403
    assert client.post(f"/members/dues/{record.pk}/pay/", {"on": "2025-05-20"}).status_code == 403
    assert client.get("/members/dues/settings/").status_code == 403
