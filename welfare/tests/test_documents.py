import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation
from pypdf import PdfReader

from unionportal.documents import services as documents
from unionportal.documents.models import Job
from welfare import services
from welfare.documents import VisitRegister, scope_label
from welfare.models import FundSource, VisitOccasion
from welfare.tests.factories import make_campaign, make_member, pay_all

DAY = datetime.date(2026, 3, 10)


def pdf_text(job):
    return "".join(page.extract_text() for page in PdfReader(job.file.path).pages).replace(" ", "")


def render(user, kind, params, capture):
    with capture(execute=True):
        job = documents.queue_document(owner=user, kind=kind, params=params)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    return job


@pytest.fixture
def helped(users):
    """Two condolence visits in March and one campaign delivery, all paid in 元."""
    officer, chair = users["welfare"], users["chair"]
    ill, bereaved = make_member("周住院"), make_member("吴丧亲")
    occasion = VisitOccasion.objects.get_or_create(name="住院")[0]
    services.record_visit(
        member=ill, actor=officer, occasion=occasion, visited_on=DAY, visitors=[officer.member, chair.member],
        gifts="鲜花", money=Decimal("500.00"), fund_source=FundSource.UNION_FUNDS, notes="术后恢复良好",
    )  # fmt: skip
    services.record_visit(
        member=bereaved, actor=officer, occasion=VisitOccasion.objects.get_or_create(name="直系亲属去世")[0],
        visited_on=DAY + datetime.timedelta(days=5), visitors=[officer.member], money=Decimal("800.50"),
        fund_source=FundSource.UNION_FUNDS,
    )  # fmt: skip
    campaign = make_campaign(name="2026年春节送温暖", budget=Decimal("2000"), default_amount=Decimal("300.25"))
    paid = services.add_recipient(campaign=campaign, member=make_member("郑困难"), actor=officer, reason="特困")
    services.add_recipient(campaign=campaign, member=make_member("冯未发"), actor=officer, reason="退休")
    services.deliver_to_recipient(recipient=paid, actor=officer, paid_on=DAY)
    pay_all(users)
    return campaign


MARCH = {"date_from": "2026-03-01", "date_to": "2026-03-31"}


def test_visit_register_for_a_period_lists_visits_with_visitors_and_money(
    users, helped, django_capture_on_commit_callbacks
):
    job = render(users["welfare"], "welfare_visit_register", MARCH, django_capture_on_commit_callbacks)
    assert job.title == "走访慰问登记表（2026年3月1日至2026年3月31日）"
    text = pdf_text(job)
    assert "走访慰问登记表" in text
    assert text.index("周住院") < text.index("吴丧亲")  # by date
    assert "chair、welfare" in text  # both visitors, in roster order
    assert "术后恢复良好" in text
    assert "共慰问2人次，慰问金1,300.50元" in text
    assert "郑困难" not in text  # a campaign delivery is a payment, not a visit


def test_visit_register_for_a_campaign_lists_its_recipients_and_who_is_still_to_be_visited(
    users, helped, django_capture_on_commit_callbacks
):
    job = render(users["chair"], "welfare_visit_register", {"campaign": helped.pk}, django_capture_on_commit_callbacks)
    text = pdf_text(job)
    assert "2026年春节送温暖" in text
    assert "郑困难" in text and "冯未发" in text
    assert "未发放（拟发300.25元）" in text
    assert "共慰问1人次，慰问金300.25元" in text


def test_the_money_column_of_a_campaign_register_adds_up_to_its_total(users, helped):
    """A recipient still to be visited carries no amount in the column, so the rows add up to the 合计."""
    context = VisitRegister.context({"campaign": helped.pk}, None)
    assert sum(row["money"] for row in context["rows"] if row["money"]) == context["money"] == Decimal("300.25")


def test_payment_register_totals_person_times_and_yuan_exactly(users, helped, django_capture_on_commit_callbacks):
    job = render(users["welfare"], "welfare_payment_register", MARCH, django_capture_on_commit_callbacks)
    text = pdf_text(job)
    for expected in ["帮扶资金发放登记表", "领取人签名", "审批人", "周住院", "郑困难", "慰问金（2026年春节送温暖）"]:
        assert expected in text
    # 500.00 + 800.50 + 300.25, in Decimal: no float drift
    assert "共发放3人次，金额合计1,600.75元" in text
    assert "合计：3人次" in text


def test_payment_register_of_one_campaign_leaves_other_payments_out(users, helped, django_capture_on_commit_callbacks):
    job = render(
        users["welfare"], "welfare_payment_register", {"campaign": helped.pk}, django_capture_on_commit_callbacks
    )
    text = pdf_text(job)
    assert "郑困难" in text
    assert "周住院" not in text
    assert "共发放1人次，金额合计300.25元" in text


@pytest.mark.parametrize("role", ["staff", "auditor", "member", "delegate", "handler"])
@pytest.mark.parametrize("kind", ["welfare_visit_register", "welfare_payment_register"])
def test_only_the_chair_and_welfare_officers_may_queue_registers(users, role, kind):
    with pytest.raises(PermissionDenied):
        documents.queue_document(owner=users[role], kind=kind, params=MARCH)


@pytest.mark.parametrize("role", ["staff", "auditor", "member"])
def test_the_register_page_refuses_others(client_as, role):
    response = client_as(role).post("/welfare/registers/", {"register": "payments", **MARCH})
    assert response.status_code == 403
    assert not Job.objects.exists()


def test_the_welfare_officer_queues_a_register_from_the_page(client_as, helped):
    response = client_as("welfare").post("/welfare/registers/", {"register": "payments", "campaign": helped.pk})
    job = Job.objects.get()
    assert response.url == f"/documents/{job.pk}/"
    assert job.kind == "welfare_payment_register"
    assert job.params == {"campaign": helped.pk}


def test_the_register_form_needs_a_period_or_a_campaign_and_keeps_what_was_typed(client_as):
    response = client_as("chair").post("/welfare/registers/", {"register": "visits", "date_from": "2026-03-01"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "请选择慰问活动，或填写开始和结束日期。" in content
    assert 'value="2026-03-01"' in content
    response = client_as("chair").post(
        "/welfare/registers/", {"register": "visits", "date_from": "2026-03-10", "date_to": "2026-03-01"}
    )
    assert "结束日期不能早于开始日期。" in response.content.decode()
    assert not Job.objects.exists()


def test_the_period_of_a_register_is_written_in_the_reports_language(db):
    params = {"date_from": "2026-01-01", "date_to": "2026-06-30"}
    assert scope_label(params) == "2026年1月1日至2026年6月30日"
    with translation.override("en"):
        assert scope_label(params) == "Jan. 1, 2026 to June 30, 2026"
