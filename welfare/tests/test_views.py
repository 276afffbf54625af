import io
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from welfare import services
from welfare.models import Application, FileAccessLog, Payment

from .factories import make_campaign, make_file, make_member, through_funds, visit_occasion

pytestmark = pytest.mark.django_db


def test_every_read_of_a_file_is_logged_with_who(client_as, users):
    file = make_file()
    client_as("welfare").get(f"/welfare/files/{file.pk}/")
    client_as("chair").get(f"/welfare/files/{file.pk}/")
    assert list(FileAccessLog.objects.filter(file=file, action="view").values_list("user__username", flat=True)) == [
        "chair",
        "welfare",
    ]


def test_refused_reads_are_not_files_read(client_as, users):
    file = make_file()
    assert client_as("auditor").get(f"/welfare/files/{file.pk}/").status_code == 403
    assert not FileAccessLog.objects.exists()


def test_file_page_masks_the_id_number(client_as, users):
    file = make_file(member=make_member(id_number="110101199003074514"))
    response = client_as("welfare").get(f"/welfare/files/{file.pk}/")
    assert "110101199003074514" not in response.content.decode()
    assert "1101" in response.content.decode()


def test_file_list_query_count_does_not_grow_with_files(client_as, users, django_assert_max_num_queries):
    client = client_as("welfare")
    make_file(member=make_member("甲"))
    with CaptureQueriesContext(connection) as few:
        client.get("/welfare/files/")
    for name in "乙丙丁戊己":
        make_file(member=make_member(name))
    with CaptureQueriesContext(connection) as many:
        response = client.get("/welfare/files/")
    assert response.status_code == 200
    assert len(many) == len(few)


def test_file_form_shows_chinese_errors(client_as, users):
    response = client_as("welfare").post("/welfare/files/new/", {"household_size": "0"})
    page = response.content.decode()
    assert "请选择职工。" in page and "这个字段是必填项" not in page


def test_chair_exports_files_and_the_export_is_logged(client_as, users):
    file = make_file()
    response = client_as("chair").get("/welfare/files/export/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert quote("困难职工档案-") in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "姓名" and sheet["A1"].font.b and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width == 21 and sheet.column_dimensions["D"].width == 24
    assert sheet["A2"].value == file.member.name
    assert FileAccessLog.objects.filter(file=file, action="export", user=users["chair"]).exists()


def test_member_applies_staff_review_chair_approves_payment_member_sees_result(client, users):
    client.force_login(users["member"])
    response = client.post("/welfare/applications/new/?for=me", {"reason": "住院治疗", "amount_requested": "2000"})
    application = Application.objects.get()
    assert response.url == f"/welfare/applications/{application.pk}/"
    assert application.member == users["member"].member and not application.on_behalf
    client.force_login(users["welfare"])
    client.post(f"/welfare/applications/{application.pk}/review/", {"note": "情况属实"})
    # the welfare officer cannot approve
    refused = client.post(f"/welfare/applications/{application.pk}/approve/", {"amount": "1"}, follow=True)
    assert "您不能批准这个帮扶申请。" in refused.content.decode()
    client.force_login(users["chair"])
    client.post(f"/welfare/applications/{application.pk}/approve/", {"amount": "1500.50", "state": "reviewed"})
    client.force_login(users["welfare"])
    # the pay button is the books': the welfare officer can only ask for the money
    refused = client.post(f"/welfare/applications/{application.pk}/pay/", {"fund_source": "union"}, follow=True)
    assert "您不能支付这个帮扶申请。" in refused.content.decode() and not Payment.objects.exists()
    url = f"/welfare/applications/{application.pk}/request_payment/"
    asked = client.post(url, {"fund_source": "union"}, follow=True)
    assert "已向财务提交1500.50元的支出申请" in asked.content.decode()
    payment = Payment.objects.get()
    assert payment.status == Payment.Status.REQUESTED and payment.approver is None
    client.force_login(users["member"])
    assert "已发放" not in client.get(f"/welfare/applications/{application.pk}/").content.decode()
    through_funds(payment.expense, users)
    payment.refresh_from_db()
    assert payment.amount == Decimal("1500.50") and payment.approver == users["chair"]
    page = client.get(f"/welfare/applications/{application.pk}/").content.decode()
    assert "已发放" in page and "1500.50" in page
    assert "已发放" in client.get("/welfare/applications/mine/").content.decode()


def test_member_cannot_see_or_act_on_another_members_application(client, users):
    other = services.apply_for_help(member=make_member(), actor=users["welfare"], reason="r", amount_requested="10")
    client.force_login(users["member"])
    assert client.get(f"/welfare/applications/{other.pk}/").status_code == 403
    assert client.post(f"/welfare/applications/{other.pk}/review/").status_code == 403
    assert "r" not in client.get("/welfare/applications/mine/").context["page_obj"].object_list


def test_refused_transition_shows_the_chinese_reason(client_as, users):
    application = services.apply_for_help(
        member=make_member(), actor=users["welfare"], reason="r", amount_requested="10"
    )
    response = client_as("chair").post(
        f"/welfare/applications/{application.pk}/approve/", {"amount": "10"}, follow=True
    )
    assert "不能批准" in response.content.decode()


def test_campaign_page_adds_proposed_recipient_and_delivers(client_as, users):
    campaign = make_campaign()
    file = make_file()
    client = client_as("welfare")
    assert file.member.name in client.get(f"/welfare/campaigns/{campaign.pk}/").content.decode()
    client.post(f"/welfare/campaigns/{campaign.pk}/add/", {"member": file.member.pk})
    recipient = campaign.recipients.get()
    page = client.post(f"/welfare/recipients/{recipient.pk}/deliver/", follow=True).content.decode()
    assert "已向财务提交300.00元的支出申请" in page and "经费审批中" in page
    assert services.campaign_progress(campaign)["waiting"] == 1
    recipient.refresh_from_db()
    through_funds(recipient.payment.expense, users)
    assert services.campaign_progress(campaign)["delivered"] == 1


def test_overspending_a_campaign_is_refused_for_the_welfare_officer(client_as, users):
    campaign = make_campaign(budget="100", default_amount="100")
    services.add_recipient(campaign=campaign, member=make_member("甲"), actor=users["welfare"])
    response = client_as("welfare").post(
        f"/welfare/campaigns/{campaign.pk}/add/", {"member": make_member("乙").pk}, follow=True
    )
    assert "超出活动预算" in response.content.decode()
    assert campaign.recipients.count() == 1


def test_totals_page_counts_person_times_and_yuan(client_as, users):
    for amount in ("100.10", "200.20", "999.00"):
        payment = services.record_payment(
            member=make_member(), actor=users["welfare"], amount=amount, fund_source="union", occasion=visit_occasion()
        )
        if amount != "999.00":  # the last one waits for the chair: not counted
            through_funds(payment.expense, users)
    page = client_as("auditor").get("/welfare/totals/").content.decode()
    assert "2 人次，300.30 元" in page


def test_dashboard_reminds_of_birthdays_and_due_reviews(client_as, users):
    from django.utils import timezone

    today = timezone.localdate()
    make_member("寿星", birth_date=today.replace(year=1970, day=1))
    make_file(member=make_member("待复核"), next_review_on=today)
    page = client_as("welfare").get("/welfare/").content.decode()
    assert "寿星" in page and "待复核" in page


def test_home_page_cards_for_the_officer_and_the_applicant(client_as, users):
    services.apply_for_help(member=users["member"].member, actor=users["member"], reason="r", amount_requested="10")
    assert "待办帮扶申请" in client_as("welfare").get("/").content.decode()
    page = client_as("member").get("/").content.decode()
    assert "我的帮扶申请" in page and "待办帮扶申请" not in page


def _settings(**data):
    from welfare.models import VisitOccasion

    occasions = list(VisitOccasion.objects.all())
    form = {"occasions-TOTAL_FORMS": len(occasions), "occasions-INITIAL_FORMS": len(occasions)}
    for i, occasion in enumerate(occasions):
        form |= {
            f"occasions-{i}-id": occasion.pk,
            f"occasions-{i}-usual_amount": occasion.usual_amount,
            f"occasions-{i}-visit_within_days": occasion.visit_within_days or "",
        }
    return form | {"yearly_cap_per_person": "5000", **data}


def test_chair_sets_the_cap_and_adds_an_occasion(client_as, users):
    from welfare.models import VisitOccasion, WelfareSettings

    client_as("chair").post("/welfare/settings/", _settings(yearly_cap_per_person="3000", new_occasion="重阳节"))
    assert WelfareSettings.current().yearly_cap_per_person == Decimal("3000.00")
    assert VisitOccasion.objects.filter(name="重阳节").exists()


def test_chair_sets_each_occasions_usual_amount_and_visit_deadline(client_as, users):
    from welfare.models import VisitOccasion

    data = _settings()
    [index] = [i for i, occasion in enumerate(VisitOccasion.objects.all()) if occasion.name == "住院"]
    hospital = f"occasions-{index}"
    data |= {f"{hospital}-usual_amount": "300.00", f"{hospital}-visit_within_days": "3"}
    response = client_as("chair").post("/welfare/settings/", data, follow=True)
    assert "帮扶设置已保存" in response.content.decode()
    occasion = VisitOccasion.objects.get(name="住院")
    assert (occasion.usual_amount, occasion.visit_within_days) == (Decimal("300.00"), 3)
    data[f"{hospital}-usual_amount"] = "-5"
    response = client_as("chair").post("/welfare/settings/", data)
    assert "慰问标准（元）不能小于0" in response.content.decode()
    assert VisitOccasion.objects.get(name="住院").usual_amount == Decimal("300.00")


def test_opening_the_edit_page_is_a_logged_read(client_as, users):
    file = make_file()
    client_as("welfare").get(f"/welfare/files/{file.pk}/edit/")
    assert FileAccessLog.objects.filter(file=file, user=users["welfare"], action="view").exists()


def test_export_masks_id_numbers(client_as, users):
    import io

    from openpyxl import load_workbook

    make_file(member=make_member(id_number="110101199003074514"))
    response = client_as("chair").get("/welfare/files/export/")
    values = [c.value for row in load_workbook(io.BytesIO(response.content)).active.iter_rows() for c in row]
    assert "110101199003074514" not in values


def test_officer_hands_a_drive_over_to_the_upper_union_without_a_payment(client_as, users):
    from django.utils import timezone

    from welfare.models import DonationDrive

    today = timezone.localdate()
    drive = services.open_drive(actor=None, title="支援灾区", appeal="倡议书", opened_on=today, closes_on=today)
    services.pledge(drive=drive, member=users["member"].member, amount="88")
    client = client_as("welfare")
    page = client.post(f"/welfare/drives/{drive.pk}/hand-over/", {"handed_over_to": ""}, follow=True).text
    assert "请填写捐款的接收方" in page
    page = client.post(f"/welfare/drives/{drive.pk}/hand-over/", {"handed_over_to": "区总工会"}, follow=True).text
    assert "捐款移交已提交经费审批" in page and "移交区总工会 88.00 元：" in page and "审批中：待财务审核" in page
    assert "我要捐款" not in page and "申请移交捐款" not in page
    assert DonationDrive.objects.get().handed_over_to == "区总工会" and not Payment.objects.exists()
    assert "爱心捐款移交 0 次" in client.get("/welfare/totals/").text  # not handed over until paid
    member_page = client_as("member").get(f"/welfare/drives/{drive.pk}/").text
    assert "审批中：待财务审核" in member_page and "查看支出申请" not in member_page


def test_chair_approves_beyond_the_cap_with_a_reason_on_the_page(client_as, users):
    services.set_yearly_cap(actor=users["chair"], cap="100")
    application = services.apply_for_help(
        member=users["member"].member, actor=users["member"], reason="住院", amount_requested="300"
    )
    services.review_application(application=application, actor=users["welfare"])
    client = client_as("chair")
    url = f"/welfare/applications/{application.pk}/approve/"
    assert "超出年度上限时请填写理由" in client.post(url, {"amount": "300"}, follow=True).text
    client.post(url, {"amount": "300", "override_note": "大病手术"})
    application.refresh_from_db()
    assert application.status == "approved" and application.cap_override_note == "大病手术"
