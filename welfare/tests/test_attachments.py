"""The papers behind a help application: checked by content, opened only by those who may open the
application, changed only while it is back with its filer (issue 14)."""

import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from welfare import attachments, services
from welfare.models import Application, ApplicationAttachment

from .factories import pdf_upload

pytestmark = pytest.mark.django_db
S = Application.Status
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _applied(users, files=(), actor="member"):
    return services.apply_for_help(
        member=users["member"].member,
        actor=users[actor],
        reason="住院",
        amount_requested="2000",
        attachments=list(files),
    )


def _returned(users, files=()):
    return services.return_application(application=_applied(users, files), actor=users["welfare"], note="请补票据")


def test_the_member_files_with_a_bill_and_a_photo_of_a_certificate(client_as, users):
    client = client_as("member")
    form = client.get("/welfare/applications/new/").content.decode()
    assert 'enctype="multipart/form-data"' in form and 'accept=".pdf,.jpg,.jpeg,.png"' in form
    response = client.post(
        "/welfare/applications/new/",
        {
            "reason": "住院治疗",
            "amount_requested": "1800",
            "attachments": [pdf_upload(), SimpleUploadedFile("诊断证明.jpg", JPEG, content_type="image/jpeg")],
        },
        follow=True,
    )
    assert "申请已提交" in response.content.decode()
    application = Application.objects.get()
    kept = [(a.name, a.kind) for a in application.attachments.all()]
    assert kept == [("住院发票.pdf", "pdf"), ("诊断证明.jpg", "jpeg")]
    step = application.steps.get(action="attach")
    assert step.label == "添加附件" and "住院发票.pdf" in step.note


def test_a_forged_file_is_refused_with_its_name_and_nothing_is_filed(client_as, users):
    forged = SimpleUploadedFile("医疗发票.pdf", b"MZ\x90\x00 a program renamed", content_type="application/pdf")
    response = client_as("member").post(
        "/welfare/applications/new/",
        {"reason": "住院治疗", "amount_requested": "1800", "attachments": [pdf_upload(), forged]},
    )
    assert "附件“医疗发票.pdf”不是 PDF 或图片（JPG、PNG），未上传。" in response.content.decode()
    assert not Application.objects.exists() and not ApplicationAttachment.objects.exists()


def test_a_word_file_or_an_oversized_bill_is_refused(users, monkeypatch):
    with pytest.raises(ValidationError, match="“说明.docx”不是 PDF 或图片"):
        _applied(users, [SimpleUploadedFile("说明.docx", b"PK\x03\x04")])
    monkeypatch.setattr(attachments, "MAX_BYTES", 10)
    with pytest.raises(ValidationError, match="超过了"):
        _applied(users, [pdf_upload()])
    assert not ApplicationAttachment.objects.exists()


def test_the_applicant_officer_and_chair_open_a_bill_a_stranger_does_not(client, users):
    attachment = _applied(users, [pdf_upload()]).attachments.get()
    url = attachment.get_absolute_url()
    for role in ("member", "welfare", "chair"):
        client.force_login(users[role])
        response = client.get(url)
        assert response.status_code == 200, role
        assert b"".join(response.streaming_content) == b"%PDF-1.4 hospital bill"
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-store"
    for stranger in ("delegate", "staff", "auditor"):
        client.force_login(users[stranger])
        assert client.get(url).status_code in (403, 404), stranger


def test_the_page_lists_the_papers_to_those_who_may_open_it(client_as, users):
    application = _applied(users, [pdf_upload()])
    page = client_as("chair").get(application.get_absolute_url()).content.decode()
    assert "住院发票.pdf" in page and application.attachments.get().get_absolute_url() in page
    assert 'data-action="remove-attachment"' not in page  # submitted: nobody changes the papers now


def test_a_returned_application_gets_more_papers_with_its_resubmission(client_as, users):
    application = _returned(users)
    response = client_as("member").post(
        f"/welfare/applications/{application.pk}/resubmit/",
        {"state": "returned", "reason": "住院，已补票据", "amount_requested": "1800", "attachments": [pdf_upload()]},
        follow=True,
    )
    assert "申请已重新提交" in response.content.decode()
    application.refresh_from_db()
    assert application.status == S.SUBMITTED and application.attachments.count() == 1


def test_a_forged_file_on_resubmission_changes_nothing(client_as, users):
    application = _returned(users)
    forged = SimpleUploadedFile("票据.png", b"<script>alert(1)</script>", content_type="image/png")
    response = client_as("member").post(
        f"/welfare/applications/{application.pk}/resubmit/",
        {"state": "returned", "reason": "改过的事由", "amount_requested": "1800", "attachments": [forged]},
        follow=True,
    )
    assert "附件“票据.png”不是 PDF 或图片" in response.content.decode()
    application.refresh_from_db()
    assert (application.status, application.reason) == (S.RETURNED, "住院")
    assert not application.attachments.exists()


def test_the_filer_removes_a_paper_only_while_the_application_is_returned(client_as, users):
    application = _returned(users, [pdf_upload()])
    attachment = application.attachments.get()
    client = client_as("member")
    assert 'data-action="remove-attachment"' in client.get(application.get_absolute_url()).content.decode()
    with pytest.raises(ValidationError, match="只有申请人或代为填报的人"):
        attachments.remove_attachment(attachment=attachment, actor=users["welfare"])
    services.resubmit_application(application=application, actor=users["member"])
    with pytest.raises(ValidationError, match="附件不能再改动"):
        attachments.remove_attachment(attachment=attachment, actor=users["member"])
    assert ApplicationAttachment.objects.filter(pk=attachment.pk).exists()


def test_removing_a_paper_of_a_returned_application_deletes_row_and_file(
    client_as, users, django_capture_on_commit_callbacks
):
    application = _returned(users, [pdf_upload()])
    attachment = application.attachments.get()
    path = attachment.file.path
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("member").post(f"/welfare/application-files/{attachment.pk}/remove/", follow=True)
    assert "附件“住院发票.pdf”已删除。" in response.content.decode()
    assert not ApplicationAttachment.objects.exists()
    assert not os.path.exists(path)
    assert application.steps.filter(action="detach", note="住院发票.pdf").exists()


def test_a_stranger_cannot_remove_a_paper(client_as, users):
    attachment = _returned(users, [pdf_upload()]).attachments.get()
    response = client_as("delegate").post(f"/welfare/application-files/{attachment.pk}/remove/")
    assert response.status_code in (403, 404)
    assert ApplicationAttachment.objects.filter(pk=attachment.pk).exists()


def test_staff_filing_for_a_member_add_papers_the_member_can_open(client, users):
    application = _applied(users, [pdf_upload()], actor="welfare")
    assert application.on_behalf
    client.force_login(users["member"])
    assert client.get(application.attachments.get().get_absolute_url()).status_code == 200
