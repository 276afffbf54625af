"""The 经审's 经费审查报告 goes before the congress: attached to a session as its 工会经费审查报告, shown on the
session page and listed with its documents."""

import pytest
from django.utils import timezone
from pypdf import PdfReader

from congress.audit_report import attach_audit_report
from congress.models import SessionDocument
from funds.services import audits

from .factories import make_session

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def audit(users):
    audit = audits.open_audit(
        kind="annual",
        title=f"{TODAY.year}年度经费审查",
        year=TODAY.year,
        period_from=TODAY.replace(month=1, day=1),
        period_to=TODAY,
        actor=users["auditor"],
    )
    return audits.finish(audit=audit, conclusion="账目清楚，手续齐全。", finished_on=TODAY, actor=users["auditor"])


@pytest.fixture
def render_report(client_as, django_capture_on_commit_callbacks):
    """The auditor prints the report: its PDF job runs when the request's transaction commits."""

    def render(audit):
        with django_capture_on_commit_callbacks(execute=True):
            response = client_as("auditor").post("/funds/print/funds_audit_report/", {"audit": audit.pk})
        assert response.status_code == 302

    return render


def test_the_chair_attaches_the_audit_report_and_the_session_shows_it(client_as, audit, render_report):
    session = make_session()
    render_report(audit)
    client = client_as("chair")
    page = client.get(session.get_absolute_url()).content.decode()
    assert "附上工会经费审查报告" in page and audit.title in page
    page = client.post(f"/congress/sessions/{session.pk}/documents/audit-report/", {"audit": audit.pk}, follow=True)
    page = page.content.decode()
    assert "已附上" in page and 'data-testid="audit-report"' in page
    document = SessionDocument.objects.get(session=session)
    assert document.audit == audit and document.title == f"工会经费审查报告（{audit.title}）"
    assert document.title in page.split('data-testid="documents"')[1]  # listed with the session's documents
    with document.file.open("rb") as pdf:
        text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "工会经费审查报告" in text and "账目清楚" in text
    member_page = client_as("member").get(session.get_absolute_url()).content.decode()
    assert document.title in member_page and "附上工会经费审查报告" not in member_page


def test_a_report_not_yet_rendered_or_attached_twice_is_refused(users, audit, render_report):
    from django.core.exceptions import ValidationError

    session = make_session()
    with pytest.raises(ValidationError, match="还没有生成"):
        attach_audit_report(session=session, audit=audit, actor=users["chair"])
    render_report(audit)
    attach_audit_report(session=session, audit=audit, actor=users["chair"])
    with pytest.raises(ValidationError, match="已附上"):
        attach_audit_report(session=session, audit=audit, actor=users["chair"])
    assert SessionDocument.objects.count() == 1


def test_an_open_audit_cannot_be_attached(users, client_as):
    session = make_session()
    open_audit = audits.open_audit(
        kind="special", title="送温暖专项审查", year=TODAY.year, period_from=TODAY, period_to=TODAY,
        subject="春节送温暖", actor=users["auditor"],
    )  # fmt: skip
    page = client_as("chair").post(
        f"/congress/sessions/{session.pk}/documents/audit-report/", {"audit": open_audit.pk}, follow=True
    )
    assert "请选择一次已完成的经费审查" in page.content.decode() and not SessionDocument.objects.exists()


@pytest.mark.parametrize("role", ["member", "delegate", "auditor", "accountant", "welfare"])
def test_only_who_runs_the_congress_attaches(client_as, audit, role):
    session = make_session()
    response = client_as(role).post(f"/congress/sessions/{session.pk}/documents/audit-report/", {"audit": audit.pk})
    assert response.status_code == 403 and not SessionDocument.objects.exists()
