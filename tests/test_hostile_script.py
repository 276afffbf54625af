"""Script typed into any text field comes back as text. Each case writes the payload into the free-text
fields of one kind of object through the app's own services (as its forms do), then opens every page
that shows them, as a role that may see it: the payload must be there, escaped, and never as markup."""

import pytest

from activities.tests.factories import make_event
from congress import proposal_services, suggestion_services
from congress.tests.factories import make_delegate, make_session, make_term
from disclosure.tests.factories import make_item
from members import services as members
from unionportal.documents import services as documents
from unionportal.documents.tests.test_notice import NOTICE
from welfare import services as welfare
from welfare.tests.factories import make_file

SCRIPT = "<script>x()</script>"  # short enough for a 20-character name field
ESCAPED = "&lt;script&gt;x()&lt;/script&gt;"


def member_case(users):
    member = members.create_member(name=SCRIPT, gender="F", title=SCRIPT, post=SCRIPT, notes=SCRIPT)
    return "staff", [f"/members/{member.pk}/", f"/members/?search={SCRIPT}", "/members/print/"]


def proposal_case(users):
    term = make_term()
    delegate = make_delegate(term, users["delegate"].member)
    proposal = proposal_services.draft_proposal(
        session=make_session(term), proposer=delegate.member, title=SCRIPT, content=SCRIPT, actor=users["delegate"]
    )
    return "delegate", [f"/congress/proposals/{proposal.pk}/", "/congress/proposals/"]


def suggestion_case(users):
    suggestion = suggestion_services.submit_suggestion(author=users["member"].member, title=SCRIPT, content=SCRIPT)
    return "staff", [f"/congress/suggestions/{suggestion.pk}/", "/congress/suggestions/"]


def disclosure_case(users):
    item = make_item("published", title=SCRIPT, actor=users["chair"])
    item.body = SCRIPT
    item.save()
    return "member", [f"/disclosure/{item.pk}/", f"/disclosure/{item.pk}/print/", "/disclosure/"]


def hardship_case(users):
    file = make_file(member=users["member"].member, situation=SCRIPT, help_plan=SCRIPT)
    application = welfare.apply_for_help(
        member=users["member"].member, actor=users["member"], reason=SCRIPT, amount_requested="100"
    )
    return "welfare", [f"/welfare/files/{file.pk}/", f"/welfare/applications/{application.pk}/"]


def event_case(users):
    event = make_event(title=SCRIPT, place=SCRIPT, description=SCRIPT)
    return "staff", [f"/activities/{event.pk}/", "/activities/", f"/activities/{event.pk}/door/"]


def notice_case(users):
    job = documents.queue_document(owner=users["staff"], kind="notice", params=NOTICE | {"title": SCRIPT})
    return "staff", [f"/documents/{job.pk}/", "/documents/"]


CASES = [member_case, proposal_case, suggestion_case, disclosure_case, hardship_case, event_case, notice_case]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.__name__)
def test_script_in_text_fields_is_shown_as_text(case, users, client_as):
    role, pages = case(users)
    client = client_as(role)
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        html = response.content.decode()
        assert ESCAPED in html, page
        assert SCRIPT not in html, page


def test_script_in_a_notice_title_is_text_in_the_pdf_too(users, django_capture_on_commit_callbacks):
    from unionportal.documents.tests.test_notice import pdf_text

    with django_capture_on_commit_callbacks(execute=True):
        job = documents.queue_document(owner=users["staff"], kind="notice", params=NOTICE | {"title": SCRIPT})
    job.refresh_from_db()
    assert SCRIPT in pdf_text(job).replace(" ", "")
