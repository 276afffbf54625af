import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from congress import appraisal_services, proposal_services, suggestion_services
from congress.models import Proposal, Session
from members.models import Department

from .factories import make_delegate, make_session, make_term, mark_present

S = Proposal.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def world(users):
    term = make_term()
    session = make_session(term, title="四届二次教代会")
    for code in ("delegate", "chair", "staff"):
        make_delegate(term, users[code].member)
    cosigners = [make_delegate(term).member for _ in range(2)]
    department = Department.objects.create(name="总务处", head=users["handler"].member)
    return {"term": term, "session": session, "cosigners": cosigners, "department": department}


def _submitted(users, world, title="改善食堂"):
    proposal = proposal_services.draft_proposal(
        session=world["session"], proposer=users["delegate"].member, title=title, content="理由"
    )
    proposal_services.invite_cosigners(proposal=proposal, cosigners=world["cosigners"], actor=None)
    for member in world["cosigners"]:
        proposal_services.cosign(proposal=proposal, member=member, actor=None)
    return proposal_services.submit(proposal=proposal, actor=users["delegate"])


def test_index_shows_current_session_and_kpis(client_as, world):
    response = client_as("member").get("/congress/")
    assert "四届二次教代会" in response.text
    assert "立案率" in response.text


def test_session_page_shows_quorum(client_as, world):
    response = client_as("member").get(f"/congress/sessions/{world['session'].pk}/")
    assert "未达到三分之二法定人数" in response.text


def test_delegate_drafts_and_invites(client_as, users, world):
    client = client_as("delegate")
    response = client.post(
        "/congress/proposals/new/",
        {
            "session": world["session"].pk,
            "title": "增设教师休息室",
            "content": "理由",
            "cosigners": [m.pk for m in world["cosigners"]],
        },
    )
    proposal = Proposal.objects.get(title="增设教师休息室")
    assert response.url == f"/congress/proposals/{proposal.pk}/"
    assert proposal.status == S.COLLECTING
    assert proposal.cosigners.count() == 2


def test_submit_refused_without_cosigners_shows_chinese_error(client_as, users, world):
    proposal = proposal_services.draft_proposal(
        session=world["session"], proposer=users["delegate"].member, title="t", content="c"
    )
    client = client_as("delegate")
    response = client.post(f"/congress/proposals/{proposal.pk}/submit/", follow=True)
    assert "至少需要" in response.text or "提案需要至少2位代表附议" in response.text
    proposal.refresh_from_db()
    assert proposal.status == S.DRAFT


def test_public_list_hides_drafts_of_others(client_as, users, world):
    proposal_services.draft_proposal(
        session=world["session"], proposer=users["delegate"].member, title="草稿提案", content="c"
    )
    _submitted(users, world, title="公开提案")
    assert "草稿提案" not in client_as("member").get("/congress/proposals/").text
    assert "公开提案" in client_as("member").get("/congress/proposals/").text


def test_list_shows_a_delegate_their_drafts_and_invitations_and_each_proposal_once(users, world):
    from congress.selectors import proposal_list

    def draft(proposer, title):
        return proposal_services.draft_proposal(session=world["session"], proposer=proposer, title=title, content="c")

    draft(users["delegate"].member, "我的草稿")
    invitation = draft(users["chair"].member, "邀请附议")
    proposal_services.invite_cosigners(
        proposal=invitation, cosigners=[users["delegate"].member, world["cosigners"][0]], actor=None
    )
    draft(users["chair"].member, "他人草稿")
    _submitted(users, world, title="公开提案")  # two co-signers
    for mine in (False, True):
        titles = [p.title for p in proposal_list(user=users["delegate"], mine=mine)]
        assert sorted(titles) == sorted(["我的草稿", "邀请附议", "公开提案"])
    assert [p.title for p in proposal_list(user=users["member"])] == ["公开提案"]
    assert [p.title for p in proposal_list(user=users["member"], mine=True)] == []


def test_list_pages_run_by_session_then_number(client_as, users, world):
    earlier = make_session(world["term"], title="四届一次教代会", starts_on=datetime.date(2025, 3, 1))
    proposer = users["delegate"].member
    for number in range(30, 0, -1):  # created last, listed first: the order is the page's, not the keys'
        Proposal.objects.create(
            session=world["session"],
            proposer=proposer,
            title=f"提案{number}",
            content="c",
            status=S.REGISTERED,
            number=number,
        )
    Proposal.objects.create(
        session=earlier, proposer=proposer, title="去年提案", content="c", status=S.REPLIED, number=1
    )
    client = client_as("chair")

    def listed(query):
        return re.findall(r'<h2 class="h6 mb-1">\d+\. (.+?)</h2>', client.get(f"/congress/proposals/?{query}").text)

    assert listed("") == [f"提案{n}" for n in range(1, 26)]
    assert listed("page=2") == [*(f"提案{n}" for n in range(26, 31)), "去年提案"]
    assert listed(f"session={earlier.pk}") == ["去年提案"]


def test_filtering_the_list_by_session_costs_no_query_more(client_as, users, world):
    _submitted(users, world)
    client = client_as("chair")
    client.get("/congress/proposals/")
    with CaptureQueriesContext(connection) as unfiltered:
        client.get("/congress/proposals/")
    with CaptureQueriesContext(connection) as filtered:
        assert "改善食堂" in client.get(f"/congress/proposals/?session={world['session'].pk}").text
    assert len(filtered) <= len(unfiltered)


def test_draft_page_forbidden_to_others(client_as, users, world):
    proposal = proposal_services.draft_proposal(
        session=world["session"], proposer=users["delegate"].member, title="x", content="c"
    )
    assert client_as("member").get(f"/congress/proposals/{proposal.pk}/").status_code == 403


def test_review_note_is_internal(client_as, client, users, world):
    proposal = proposal_services.register(proposal=_submitted(users, world), actor=users["staff"], note="机密审查意见")
    assert "机密审查意见" in client_as("staff").get(proposal.get_absolute_url()).text
    client.logout()
    assert "机密审查意见" not in client_as("member").get(proposal.get_absolute_url()).text


def test_member_cannot_register(client_as, users, world):
    proposal = _submitted(users, world)
    client_as("member").post(f"/congress/proposals/{proposal.pk}/register/", {"note": ""})
    proposal.refresh_from_db()
    assert proposal.status == S.SUBMITTED


def test_full_flow_through_the_views(client, users, world):
    proposal = _submitted(users, world)
    url = f"/congress/proposals/{proposal.pk}/"
    client.force_login(users["staff"])
    client.post(url + "register/", {"note": "同意立案"})
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    client.post(url + "assign/", {"lead_department": world["department"].pk, "deadline": deadline.isoformat()})
    proposal.refresh_from_db()
    assert proposal.status == S.ASSIGNED

    client.force_login(users["chair"])  # not the head of the department
    client.post(url + "reply/", {"text": "答复"})
    proposal.refresh_from_db()
    assert proposal.status == S.ASSIGNED

    client.force_login(users["handler"])
    assert 'data-action="reply"' in client.get(url).text
    client.post(url + "reply/", {"text": "已安排"})
    client.force_login(users["delegate"])
    client.post(url + "rate/", {"rating": "unsatisfied"})
    proposal.refresh_from_db()
    assert proposal.status == S.ASSIGNED and proposal.returned

    client.force_login(users["handler"])
    client.post(url + "reply/", {"text": "再次答复"})
    client.force_login(users["delegate"])
    client.post(url + "rate/", {"rating": "mostly"})
    client.force_login(users["staff"])
    client.post(url + "close/", {"note": ""})
    proposal.refresh_from_db()
    assert proposal.status == S.CLOSED
    page = client.get(url).text
    assert "已办结" in page and "再次答复" in page


def test_dashboard_cards(client, users, world):
    proposal = proposal_services.register(proposal=_submitted(users, world), actor=users["staff"])
    proposal = proposal_services.assign(
        proposal=proposal,
        actor=users["staff"],
        lead_department=world["department"],
        deadline=timezone.localdate(),
    )
    Proposal.objects.filter(pk=proposal.pk).update(deadline=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(users["staff"])
    assert "提案办理逾期" in client.get("/").text
    client.force_login(users["handler"])
    assert "待答复提案" in client.get("/").text
    invited = proposal_services.draft_proposal(
        session=world["session"], proposer=users["chair"].member, title="邀请", content="c"
    )
    proposal_services.invite_cosigners(proposal=invited, cosigners=[users["delegate"].member], actor=None)
    client.force_login(users["delegate"])
    assert "附议邀请" in client.get("/").text


def _motion(world, method="secret"):
    from congress.models import AgendaItem, Motion

    mark_present(world["session"])
    item = AgendaItem.objects.create(session=world["session"], title="审议分配方案")
    return Motion.objects.create(agenda_item=item, title="表决分配方案", method=method)


def test_delegate_votes_once_and_tally_hidden_until_closed(client, users, world):
    from congress.models import BallotReceipt

    motion = _motion(world)
    client.force_login(users["staff"])
    client.post(f"/congress/motions/{motion.pk}/open/")
    client.force_login(users["delegate"])
    page = client.get(f"/congress/motions/{motion.pk}/").text
    assert "投票结束前不公布计票结果" in page and 'data-testid="ballot"' in page
    client.post(f"/congress/motions/{motion.pk}/vote/", {"choice": "for"})
    response = client.post(f"/congress/motions/{motion.pk}/vote/", {"choice": "against"}, follow=True)
    assert "您已投过票" in response.text
    assert motion.tallies.get(choice="for").count == 1 and BallotReceipt.objects.count() == 1
    assert "已投票 1 / 实到 5 人" in client.get(f"/congress/motions/{motion.pk}/").text
    client.force_login(users["staff"])
    client.post(f"/congress/motions/{motion.pk}/close/")
    page = client.get(f"/congress/motions/{motion.pk}/").text
    assert "赞成 1，反对 0，弃权 0" in page and "未通过" in page


def test_a_vote_is_not_opened_before_the_session_opens(client, users, world):
    opening = timezone.localdate() + datetime.timedelta(days=10)
    Session.objects.filter(pk=world["session"].pk).update(starts_on=opening, ends_on=opening)
    motion = _motion(world)
    client.force_login(users["staff"])
    response = client.post(f"/congress/motions/{motion.pk}/open/", follow=True)
    assert f"四届二次教代会的开幕日期是{opening:%Y-%m-%d}，会议尚未开始，不能对“表决分配方案”表决。" in response.text
    motion.refresh_from_db()
    assert motion.status == "draft" and not motion.tallies.exists()


def test_the_motion_page_before_the_session_offers_no_vote_and_says_when_it_opens(client, users, world):
    opening = timezone.localdate() + datetime.timedelta(days=10)
    Session.objects.filter(pk=world["session"].pk).update(starts_on=opening, ends_on=opening)
    motion = _motion(world)
    client.force_login(users["staff"])
    page = client.get(f"/congress/motions/{motion.pk}/").text
    assert f"开幕日期是{opening:%Y-%m-%d}，会议尚未开始" in page
    assert 'data-action="open"' not in page and 'data-action="count"' not in page
    Session.objects.filter(pk=world["session"].pk).update(starts_on=timezone.localdate())
    page = client.get(f"/congress/motions/{motion.pk}/").text
    assert 'data-action="open"' in page
    assert "开始投票后应到、实到人数即确定，不能再改，未签到的代表不能投票。确定开始？" in page  # asked first


def test_member_cannot_vote(client_as, world):
    motion = _motion(world)
    assert client_as("member").post(f"/congress/motions/{motion.pk}/vote/", {"choice": "for"}).status_code == 403


def test_staff_enter_open_count(client, users, world):
    motion = _motion(world, "open")
    client.force_login(users["staff"])
    client.post(f"/congress/motions/{motion.pk}/count/", {"votes_for": 3, "votes_against": 1, "abstentions": 0})
    page = client.get(f"/congress/motions/{motion.pk}/").text
    assert "通过" in page and "应到 5 人，实到 5 人" in page
    motion.refresh_from_db()
    assert motion.votes_for == 3


def test_vote_refused_on_the_page_without_a_quorum(client, users, world):
    from congress.models import AgendaItem, Motion

    item = AgendaItem.objects.create(session=world["session"], title="议程")
    motion = Motion.objects.create(agenda_item=item, title="表决", method="secret")
    client.force_login(users["staff"])
    response = client.post(f"/congress/motions/{motion.pk}/open/", follow=True)
    assert "未达到应到代表5人的三分之二，不能表决" in response.text
    motion.refresh_from_db()
    assert motion.status == "draft"


def test_attendance_page_records_and_shows_quorum(client, users, world):
    client.force_login(users["staff"])
    data = {f"m{users[code].member.pk}": "present" for code in ("delegate", "chair", "staff")}
    data |= {f"m{m.pk}": "present" for m in world["cosigners"][:1]}
    client.post(f"/congress/sessions/{world['session'].pk}/attendance/", data)
    page = client.get(f"/congress/sessions/{world['session'].pk}/").text
    assert "已达到三分之二" in page


def test_the_rest_of_the_roster_is_marked_present_at_once_and_nobody_recorded_is_changed(client, users, world):
    from congress.models import Attendance

    session = world["session"]
    Attendance.objects.create(session=session, member=users["chair"].member, kind=Attendance.Kind.LEAVE)
    client.force_login(users["staff"])
    page = client.get(f"/congress/sessions/{session.pk}/attendance/").text
    assert "保存，其余未登记的记为出席" in page
    away = users["delegate"].member
    client.post(f"/congress/sessions/{session.pk}/attendance/", {f"m{away.pk}": "leave", "rest": "present"})
    kinds = dict(session.attendance.values_list("member_id", "kind"))
    assert kinds.pop(users["chair"].member.pk) == "leave" and kinds.pop(away.pk) == "leave"
    assert kinds and set(kinds.values()) == {"present"}


def test_delegate_roster_warns_about_composition(client_as, world):
    page = client_as("member").get(f"/congress/terms/{world['term'].pk}/delegates/").text
    assert "代表名单" in page


def test_appraisal_ballot_through_the_page(client, users, world):
    from congress.models import Appraisal, AppraisalTally, Appraisee

    appraisal = Appraisal.objects.create(term=world["term"], title="干部民主评议")
    leader = Appraisee.objects.create(appraisal=appraisal, member=world["cosigners"][0], post="校长", report="述职")
    client.force_login(users["staff"])
    client.post(f"/congress/appraisals/{appraisal.pk}/open/")
    client.force_login(users["delegate"])
    page = client.get(appraisal.get_absolute_url()).text
    assert 'data-testid="appraisal-ballot"' in page and "任何人都看不到计票" in page
    client.post(f"/congress/appraisals/{appraisal.pk}/vote/", {f"a{leader.pk}": "satisfied"})
    assert AppraisalTally.objects.get(appraisee=leader, grade="satisfied").count == 1
    assert "已参评 1 / 5 人" in client.get(appraisal.get_absolute_url()).text
    client.force_login(users["staff"])
    assert 'data-testid="tally"' not in client.get(appraisal.get_absolute_url()).text
    assert 'data-testid="closed-at"' not in client.get(appraisal.get_absolute_url()).text
    client.post(f"/congress/appraisals/{appraisal.pk}/close/")
    client.post(f"/congress/appraisals/{appraisal.pk}/publish/")
    page = client.get(appraisal.get_absolute_url()).text
    today = timezone.localdate()
    assert "1（100.0%）" in page and f"{today.year}年{today.month}月{today.day}日公示" in page


def test_anonymous_suggestion_hides_author_and_members_see_only_their_own(client, users, world):
    client.force_login(users["member"])
    client.post("/congress/suggestions/new/", {"title": "匿名建议", "content": "c", "anonymous": "on"})
    client.post("/congress/suggestions/new/", {"title": "署名建议", "content": "c"})
    page = client.get("/congress/suggestions/").text
    assert "署名建议" in page and "匿名建议" not in page  # his anonymous one is not linked to him
    client.force_login(users["welfare"])
    assert "署名建议" not in client.get("/congress/suggestions/").text
    client.force_login(users["staff"])
    page = client.get("/congress/suggestions/").text
    assert "匿名建议" in page and "匿名" in page


def test_delegate_raises_a_suggestion(client, users, world):
    from congress.models import Suggestion

    suggestion = suggestion_services.submit_suggestion(author=users["member"].member, title="增加绿化", content="c")
    client.force_login(users["delegate"])
    response = client.post(f"{suggestion.get_absolute_url()}raise/", {"state": "new", "session": world["session"].pk})
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.RAISED
    assert response.url == suggestion.proposal.get_absolute_url()


def test_delegate_card_for_open_appraisal(client, users, world):
    from congress.models import Appraisal, Appraisee

    appraisal = Appraisal.objects.create(term=world["term"], title="年度评议")
    Appraisee.objects.create(appraisal=appraisal, member=world["cosigners"][0])
    appraisal_services.open_appraisal(appraisal=appraisal)
    client.force_login(users["delegate"])
    assert "民主评议待投票" in client.get("/").text
    appraisal_services.cast_appraisal_ballot(
        appraisal=appraisal, member=users["delegate"].member, grades={appraisal.appraisees.get().pk: "satisfied"}
    )
    assert "民主评议待投票" not in client.get("/").text


def test_session_page_reports_the_previous_sessions_follow_through(client_as, world):
    later = make_session(
        world["term"],
        title="四届三次",
        starts_on=world["session"].starts_on + datetime.timedelta(days=300),
        ends_on=world["session"].ends_on + datetime.timedelta(days=300),
    )
    page = client_as("member").get(later.get_absolute_url()).text
    assert "上次会议提案落实情况" in page and "四届二次教代会" in page


def test_staff_set_up_a_term_session_agenda_delegates_and_appraisal(client, users):
    from congress.models import Appraisal, CongressTerm, Delegate, DelegateGroup, Session

    client.force_login(users["staff"])
    client.post(
        "/congress/terms/new/",
        {"number": 5, "start_year": 2028, "end_year": 2032, "mode": "delegates", "min_cosigners": 3},
    )
    term = CongressTerm.objects.get(number=5)
    group = DelegateGroup.objects.create(term=term, name="一组")
    client.post(
        f"/congress/terms/{term.pk}/delegates/add/",
        {"do": "add", "member": users["delegate"].member.pk, "group": group.pk, "is_front_line": "on"},
    )
    delegate = Delegate.objects.get(term=term, group=group)
    client.post(
        f"/congress/terms/{term.pk}/delegates/add/",
        {"do": "replace", "delegate": delegate.pk, "member": users["member"].member.pk},
    )
    delegate.refresh_from_db()
    assert not delegate.active and delegate.replaced_by.member == users["member"].member
    response = client.post(
        "/congress/sessions/new/",
        {"term": term.pk, "number": 1, "title": "五届一次", "starts_on": "2028-03-01", "ends_on": "2028-02-01"},
    )
    assert "闭幕日期不能早于开幕日期" in response.text
    client.post(
        "/congress/sessions/new/",
        {"term": term.pk, "number": 1, "title": "五届一次", "starts_on": "2028-03-01", "ends_on": "2028-03-02"},
    )
    session = Session.objects.get(term=term)
    client.post(f"/congress/sessions/{session.pk}/agenda/add/", {"title": "审议工作报告"})
    assert session.agenda.get().title == "审议工作报告"
    client.post(
        "/congress/appraisals/new/",
        {"term": term.pk, "title": "评议", "scale": "competence", "electorate": "members", "flag_share": "20"},
    )
    appraisal = Appraisal.objects.get()
    assert appraisal.electorate == Appraisal.Electorate.MEMBERS
    client.post(
        f"/congress/appraisals/{appraisal.pk}/appraisees/add/", {"member": users["chair"].member.pk, "post": "校长"}
    )
    assert appraisal.appraisees.get().post == "校长"
    assert client.post(f"/congress/terms/{term.pk}/delegates/add/", {"do": "add"}).status_code == 302
    client.force_login(users["member"])
    assert client.post(f"/congress/sessions/{session.pk}/agenda/add/", {"title": "x"}).status_code == 403


def test_staff_upload_a_document_members_download_it(client, users, world, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    session = world["session"]
    client.force_login(users["member"])
    upload = SimpleUploadedFile("report.pdf", b"%PDF-1.4 report", content_type="application/pdf")
    assert client.post(f"/congress/sessions/{session.pk}/documents/add/", {"file": upload}).status_code == 403
    client.force_login(users["staff"])
    bad = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(f"/congress/sessions/{session.pk}/documents/add/", {"file": bad}, follow=True)
    assert "只能上传" in response.text
    upload = SimpleUploadedFile("report.pdf", b"%PDF-1.4 report", content_type="application/pdf")
    client.post(f"/congress/sessions/{session.pk}/documents/add/", {"title": "学校工作报告", "file": upload})
    document = session.documents.get()
    client.force_login(users["member"])
    assert "学校工作报告" in client.get(session.get_absolute_url()).text
    response = client.get(f"/congress/documents/{document.pk}/")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 report"


def test_members_see_the_register_step_but_not_its_internal_note(client_as, users, world):
    proposal = proposal_services.register(proposal=_submitted(users, world), actor=users["staff"], note="内部审查记录")
    page = client_as("member").get(proposal.get_absolute_url()).text
    assert "已提交 → 已立案" in page and "内部审查记录" not in page


def test_quorum_line_is_polled_and_counts_observers_apart(client, users, world):
    from congress.models import Attendance
    from congress.tests.factories import make_member

    session = world["session"]
    client.force_login(users["staff"])
    page = client.get(f"/congress/sessions/{session.pk}/").text
    assert f'data-hx-get="/congress/sessions/{session.pk}/quorum/"' in page and 'data-hx-trigger="every 10s"' in page
    headmaster = make_member("王校长", status="active")
    client.post(f"/congress/sessions/{session.pk}/attendance/", {"observer": headmaster.pk})
    assert Attendance.objects.get(member=headmaster).kind == Attendance.Kind.OBSERVER
    data = {f"m{users[code].member.pk}": "present" for code in ("delegate", "chair", "staff")}
    client.post(f"/congress/sessions/{session.pk}/attendance/", data)
    client.force_login(users["member"])
    line = client.get(f"/congress/sessions/{session.pk}/quorum/").text
    assert "出席代表 3 人，应到 5 人" in line and "未达到三分之二" in line and "列席 1 人" in line
    Attendance.objects.create(session=session, member=world["cosigners"][0], kind=Attendance.Kind.PRESENT)
    assert "已达到三分之二" in client.get(f"/congress/sessions/{session.pk}/quorum/").text


def test_next_sessions_agenda_links_the_follow_up_report(client, users, world, django_assert_max_num_queries):
    later = make_session(
        world["term"],
        title="四届三次",
        starts_on=world["session"].starts_on + datetime.timedelta(days=300),
        ends_on=world["session"].ends_on + datetime.timedelta(days=300),
    )
    proposal = proposal_services.register(
        proposal=_submitted(users, world), actor=users["staff"], note="内部：与后勤沟通"
    )
    proposal_services.assign(
        proposal=proposal,
        actor=users["staff"],
        lead_department=world["department"],
        deadline=timezone.localdate() + datetime.timedelta(days=10),
    )
    proposal_services.draft_proposal(
        session=world["session"], proposer=users["chair"].member, title="未提交的草稿", content="c"
    )
    client.force_login(users["member"])
    report = f"/congress/sessions/{world['session'].pk}/follow-up/"
    assert f'href="{report}"' in client.get(later.get_absolute_url()).text
    page = client.get(report).text
    assert "改善食堂" in page and "总务处" in page and "办理中" in page and "向四届三次报告" in page
    assert "未提交的草稿" not in page and "内部：与后勤沟通" not in page
    for i in range(5):
        _submitted(users, world, title=f"提案{i}")
    with django_assert_max_num_queries(11):  # the menu asks once whether the member holds a 公开领导小组 seat
        assert client.get(report).status_code == 200
