"""The small forms staff post from a session, term or appraisal page: a bad form names the field in
Chinese and saves nothing; a good one says what was saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from congress.models import Appraisal, Delegate

from .factories import make_delegate, make_member, make_session, make_term

pytestmark = pytest.mark.django_db


def _messages(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def staff(client, users):
    client.force_login(users["staff"])
    return client


def test_an_agenda_item_needs_its_title(staff):
    session = make_session()
    url = f"/congress/sessions/{session.pk}/agenda/add/"
    response = staff.post(url, {"title": ""}, follow=True)
    assert _messages(response) == ["请填写议程。"]
    assert not session.agenda.exists()
    response = staff.post(url, {"title": "审议工作报告"}, follow=True)
    assert _messages(response) == ["已将“审议工作报告”列入第1项议程。"]


def test_a_delegate_is_added_and_replaced_with_the_fields_named(staff):
    term = make_term()
    url = f"/congress/terms/{term.pk}/delegates/add/"
    response = staff.post(url, {"do": "add", "member": ""}, follow=True)
    assert _messages(response) == ["请选择代表。"]
    assert not term.delegates.exists()
    first = make_member("张老师")
    assert _messages(staff.post(url, {"do": "add", "member": first.pk}, follow=True)) == ["张老师已登记为本届代表。"]
    response = staff.post(url, {"do": "add", "member": first.pk}, follow=True)
    assert _messages(response) == ["张老师已是本届代表。"]
    delegate = Delegate.objects.get(term=term, member=first)
    response = staff.post(url, {"do": "replace", "delegate": delegate.pk, "member": ""}, follow=True)
    assert _messages(response) == ["请选择补选代表。"]
    newcomer = make_member("李老师")
    response = staff.post(url, {"do": "replace", "delegate": delegate.pk, "member": newcomer.pk}, follow=True)
    assert _messages(response) == ["李老师已补选为本届代表，接替离任代表。"]
    delegate.refresh_from_db()
    assert delegate.replaced_by.member == newcomer


def test_an_appraisee_must_be_chosen_and_listed_once(staff):
    term = make_term()
    leader = make_delegate(term, make_member("王校长")).member
    appraisal = Appraisal.objects.create(term=term, title="评议")
    url = f"/congress/appraisals/{appraisal.pk}/appraisees/add/"
    response = staff.post(url, {"member": "", "post": "校长"}, follow=True)
    assert _messages(response) == ["请选择被评议人。"]
    assert not appraisal.appraisees.exists()
    response = staff.post(url, {"member": leader.pk, "post": "校长"}, follow=True)
    assert _messages(response) == ["已将王校长列入被评议人名单。"]
    response = staff.post(url, {"member": leader.pk}, follow=True)
    assert _messages(response) == ["王校长已在被评议人名单中。"]
    assert appraisal.appraisees.count() == 1


def test_a_session_document_needs_a_file(staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    session = make_session()
    url = f"/congress/sessions/{session.pk}/documents/add/"
    response = staff.post(url, {"title": "工作报告"}, follow=True)
    assert _messages(response) == ["请选择文件。"]
    assert not session.documents.exists()
    upload = SimpleUploadedFile("report.pdf", b"%PDF-1.4 report", content_type="application/pdf")
    response = staff.post(url, {"title": "学校工作报告", "file": upload}, follow=True)
    assert _messages(response) == ["会议文件“学校工作报告”已上传。"]
