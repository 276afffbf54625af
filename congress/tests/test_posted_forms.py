"""The small forms and buttons staff post from a session, term, motion, appraisal or follow-up page: a bad
form names the field in Chinese and saves nothing; a good one says what was saved."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from congress.models import AgendaItem, Appraisal, Appraisee, Delegate, Motion, Proposal

from .factories import make_delegate, make_member, make_session, make_term, mark_present

S = Proposal.Status
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


def _hall(users, method):
    """A session whose two delegates are present, with one motion on its agenda."""
    term = make_term()
    session = make_session(term)
    mark_present(session, [make_delegate(term, users[code].member) for code in ("delegate", "chair")])
    item = AgendaItem.objects.create(session=session, title="审议工作报告")
    return Motion.objects.create(agenda_item=item, title="通过工作报告", method=method)


def test_a_show_of_hands_count_names_the_wrong_field_and_then_the_result(staff, users):
    motion = _hall(users, Motion.Method.OPEN)
    url = f"/congress/motions/{motion.pk}/count/"
    response = staff.post(url, {"votes_for": "-1", "votes_against": "0", "abstentions": "0"}, follow=True)
    assert _messages(response) == ["赞成不能小于0。"]
    motion.refresh_from_db()
    assert motion.status == Motion.Status.DRAFT
    response = staff.post(url, {"votes_for": "2", "votes_against": "0", "abstentions": "0"}, follow=True)
    assert _messages(response) == ["表决已结束：赞成2票，反对0票，弃权0票。"]


def test_opening_and_closing_a_secret_ballot_say_the_roll_and_the_count(staff, users):
    motion = _hall(users, Motion.Method.SECRET)
    response = staff.post(f"/congress/motions/{motion.pk}/open/", follow=True)
    assert _messages(response) == ["表决已开始：应到2人，实到2人。"]
    response = staff.post(f"/congress/motions/{motion.pk}/close/", follow=True)
    assert _messages(response) == ["表决已结束：赞成0票，反对0票，弃权0票。"]
    response = staff.post(f"/congress/motions/{motion.pk}/close/", follow=True)
    assert _messages(response) == ["表决事项现在是“已结束”，不能结束投票并计票。"]


def test_an_appraisal_says_each_step_with_its_turnout(staff):
    term = make_term()
    leader = make_delegate(term, make_member("王校长")).member
    make_delegate(term)
    appraisal = Appraisal.objects.create(term=term, title="评议")
    Appraisee.objects.create(appraisal=appraisal, member=leader, post="校长")
    url = f"/congress/appraisals/{appraisal.pk}/"
    assert _messages(staff.post(url + "open/", follow=True)) == ["评议已开始，参评人员现在可以投票。"]
    assert _messages(staff.post(url + "close/", follow=True)) == [
        "评议已结束：0 / 2人参评。结果公示前仅工会工作人员可见。"
    ]
    assert _messages(staff.post(url + "publish/", follow=True)) == ["评议结果已公示，全体人员可以查看。"]
    assert _messages(staff.post(url + "publish/", follow=True)) == ["评议现在是“已公示”，不能公示结果。"]


def test_the_follow_through_names_the_field_too_long_and_saves_nothing(staff, users):
    session = make_session()
    proposal = Proposal.objects.create(
        session=session, proposer=users["delegate"].member, title="增设休息室", content="c", status=S.REPLIED
    )
    url = f"/congress/proposals/{proposal.pk}/implementation/"
    field = f"p{proposal.pk}-"
    response = staff.post(url, {field + "implementation": "partly", field + "note": "长" * 1001}, follow=True)
    assert _messages(response) == ["落实情况说明不能超过1000字（现在1001字）。"]
    proposal.refresh_from_db()
    assert proposal.implementation == ""
    response = staff.post(url, {field + "implementation": "partly", field + "note": "经费到位后完成"}, follow=True)
    assert _messages(response) == ["已登记提案“增设休息室”的落实情况：部分落实。"]


def test_closing_a_secret_ballot_asks_first_with_the_turnout_and_the_timeline_names_who(staff, users):
    motion = _hall(users, Motion.Method.SECRET)
    staff.post(f"/congress/motions/{motion.pk}/open/", {"state": "draft"})
    page = staff.get(f"/congress/motions/{motion.pk}/").content.decode()
    assert "已投票0 / 实到2人。结束后不能再投票，计票结果随即确定。确定结束？" in page
    assert 'data-action="open"' not in page
    staff.post(f"/congress/motions/{motion.pk}/close/", {"state": "open"})
    assert [step.action for step in motion.steps.all()] == ["open", "close"]
    assert "结束投票并计票" in staff.get(f"/congress/motions/{motion.pk}/").content.decode()


def test_a_suggestion_answered_tells_its_named_author_and_an_empty_answer_is_refused(staff, users):
    from congress.models import Suggestion
    from unionportal.notices import Notice

    named = Suggestion.objects.create(
        author=users["member"].member, title="增设车棚", content="c", submitted_on=datetime.date.today()
    )
    url = f"/congress/suggestions/{named.pk}/answer/"
    assert _messages(staff.post(url, {"state": "new", "answer": ""}, follow=True)) == ["请填写答复。"]
    assert Suggestion.objects.get(pk=named.pk).status == "new"
    assert _messages(staff.post(url, {"state": "new", "answer": "暑假前建成"}, follow=True)) == [
        "答复已保存，提出人会收到通知。"
    ]
    assert list(Notice.objects.values_list("recipient", flat=True)) == [users["member"].pk]
    anonymous = Suggestion.objects.create(title="匿名", content="c", submitted_on=datetime.date.today())
    staff.post(f"/congress/suggestions/{anonymous.pk}/answer/", {"state": "new", "answer": "收到"})
    assert Notice.objects.count() == 1
    assert [step.actor for step in anonymous.steps.all()] == [users["staff"]]
