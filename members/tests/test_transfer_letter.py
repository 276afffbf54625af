"""会员组织关系转移介绍信: printed through the job queue as an official letter and read back with pypdf."""

import datetime
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from members import services
from members.documents import dues_paid_up_to
from members.models import DuesRecord, Member
from unionportal.documents.models import Job
from unionportal.documents.tests.pdf_layout import assert_official_layout
from unionportal.models import UnionProfile

pytestmark = pytest.mark.django_db


def text_of(job):
    return "".join(page.extract_text() for page in PdfReader(job.file.path).pages).replace(" ", "").replace("\n", "")


@pytest.fixture
def leaving():
    UnionProfile.objects.update_or_create(pk=1, defaults={"name": "某市第一中学工会"})
    member = Member.objects.create(name="王芳", gender="F", is_union_member=True, joined_on=datetime.date(2005, 9, 1))
    for month, paid in ((1, 30), (2, 30), (3, 0), (4, 30)):
        DuesRecord.objects.create(member=member, month=datetime.date(2025, month, 1), wage_base=6000, due=30, paid=paid)
    return member


def post_and_run(client, url, data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    job = Job.objects.order_by("-created_at").first()
    if job:
        job.refresh_from_db()
    return response, job


def test_dues_are_paid_up_to_the_month_before_the_first_unpaid_one(leaving):
    assert dues_paid_up_to(leaving) == datetime.date(2025, 2, 1)
    DuesRecord.objects.filter(member=leaving).update(paid=30)
    assert dues_paid_up_to(leaving) == datetime.date(2025, 4, 1)


def test_the_letter_of_a_member_transferred_out(client_as, leaving, django_capture_on_commit_callbacks):
    services.transfer_out(member=leaving, on=datetime.date(2025, 6, 30), to_union="某区教育工会")
    client = client_as("staff")
    url = f"/members/{leaving.pk}/transfer-letter/"
    assert 'value="某区教育工会"' in client.get(url).content.decode()  # the destination of the 转出
    assert "会籍转移介绍信" in client.get(f"/members/{leaving.pk}/").content.decode()
    response, job = post_and_run(
        client, url, {"destination": "某区教育工会", "date": "2025-07-01"}, django_capture_on_commit_callbacks
    )
    assert response.status_code == 302 and job.status == Job.Status.DONE, job.error
    text = text_of(job)
    for expected in [
        "会员组织关系转移介绍信",
        "某区教育工会：",
        "兹有我会会员王芳同志（女，2005年9月1日入会）",
        "该同志会费已缴至2025年2月。",
        "特此介绍。",
        "某市第一中学工会",
        "2025年7月1日",
    ]:
        assert expected in text, expected
    assert_official_layout(Path(job.file.path), signer="某市第一中学工会", date="2025年7月1日", name="transfer-letter")


def test_an_in_service_member_leaving_gets_one_on_request(client_as, leaving, django_capture_on_commit_callbacks):
    _response, job = post_and_run(
        client_as("chair"),
        f"/members/{leaving.pk}/transfer-letter/",
        {"destination": "某公司工会", "date": "2025-07-01"},
        django_capture_on_commit_callbacks,
    )
    assert job.status == Job.Status.DONE, job.error
    assert "某公司工会：" in text_of(job)
    _response, word = post_and_run(
        client_as("chair"), f"/documents/{job.pk}/word/", {}, django_capture_on_commit_callbacks
    )
    assert word.kind == "members_transfer_letter_docx" and word.status == Job.Status.DONE, word.error
    styles = {paragraph.style.name: paragraph.text for paragraph in Document(word.file.path).paragraphs}
    assert styles["Title"] == "会员组织关系转移介绍信" and styles["Signature"] == "某市第一中学工会"


def test_no_letter_for_a_retiree_or_without_a_destination(client_as, leaving, django_capture_on_commit_callbacks):
    client = client_as("chair")
    url = f"/members/{leaving.pk}/transfer-letter/"
    response, job = post_and_run(
        client, url, {"destination": " ", "date": "2025-07-01"}, django_capture_on_commit_callbacks
    )
    assert job is None and "请填写转往单位工会。" in response.content.decode()
    services.retire(member=leaving, on=datetime.date(2025, 6, 30))
    response, job = post_and_run(client, url, {"destination": "某区教育工会"}, django_capture_on_commit_callbacks)
    assert job is None
    assert "王芳 当前状态为“退休”，只能为转出或在职人员开具会籍转移介绍信。" in response.content.decode()


def test_only_chair_and_staff_print_it(client_as, leaving):
    for role in ("member", "welfare", "delegate", "auditor"):
        assert (
            client_as(role).post(f"/members/{leaving.pk}/transfer-letter/", {"destination": "某工会"}).status_code
            == 403
        )
    assert not Job.objects.exists()
