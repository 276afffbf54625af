import pytest

from congress import appraisal_services
from congress.models import Appraisal, Appraisee, Proposal
from congress.tests.factories import make_delegate, make_member, make_session, make_term
from members.models import Department

from .actions import open_action, press


@pytest.fixture
def congress_world(users):
    term = make_term()
    session = make_session(term, title="四届二次教代会")
    for code in ("delegate", "chair", "staff"):
        make_delegate(term, users[code].member)
    Department.objects.create(name="总务处", head=users["handler"].member)
    return {"term": term, "session": session}


def test_proposal_from_draft_to_return_after_unsatisfied_rating(
    page, log_in, live_server, users, congress_world, screenshot
):
    log_in(page, "delegate")
    page.goto(f"{live_server.url}/congress/proposals/new/")
    page.get_by_label("案由").fill("关于增设教师休息室的建议")
    page.get_by_label("理由及建议").fill("教学楼没有休息场所。")
    page.get_by_label("chair", exact=True).check()
    page.get_by_label("staff", exact=True).check()
    page.get_by_role("button", name="保存并邀请附议").click()
    page.get_by_text("提案已保存").wait_for()
    url = page.url
    proposal = Proposal.objects.get()

    for cosigner in ("chair", "staff"):
        page.context.clear_cookies()
        log_in(page, cosigner)
        page.get_by_test_id("home-notices").get_by_text("邀请您附议").click()  # told in the inbox
        page.wait_for_url(url)
        page.get_by_role("button", name="附议", exact=True).click()
        page.get_by_text("您已附议此提案").wait_for()

    page.context.clear_cookies()
    log_in(page, "delegate")
    page.goto(url)
    page.get_by_role("button", name="提交提案").click()
    page.get_by_text("提案已提交").wait_for()

    page.context.clear_cookies()
    log_in(page, "staff")
    page.goto(url)
    press(page, "register")
    page.get_by_text("已立案").first.wait_for()
    assign = open_action(page, "assign")
    assign.get_by_label("主办部门").select_option(label="总务处")
    assign.locator('button[type="submit"]').click()
    page.get_by_text("已交办总务处").wait_for()

    page.context.clear_cookies()
    log_in(page, "handler")
    page.get_by_text("待答复提案").wait_for()
    page.get_by_test_id("home-notices").get_by_text("已交办总务处").click()  # his turn, from his inbox
    page.wait_for_url(url)
    press(page, "reply", 答复内容="暑期将改造三楼空教室为休息室。")
    page.get_by_text("答复已提交").wait_for()

    page.context.clear_cookies()
    log_in(page, "delegate")
    page.get_by_test_id("home-notices").get_by_text("已答复，请查看并评价").click()
    page.wait_for_url(url)
    rate = open_action(page, "rate")
    rate.get_by_label("不满意").check()
    rate.locator('button[type="submit"]').click()
    page.get_by_text("已退回重新办理").first.wait_for()
    assert page.get_by_test_id("status").inner_text() == "办理中"
    screenshot(page, "congress-proposal-returned")
    proposal.refresh_from_db()
    assert proposal.returned and proposal.status == Proposal.Status.ASSIGNED


def _act_on_notice(page, log_in, username, notice, url):
    """Log in as ``username``, who learns of her turn only from the inbox: the header counts the unread
    notices, the inbox lists this one, and its link opens the proposal, where she acts."""
    page.context.clear_cookies()
    log_in(page, username)
    page.get_by_test_id("unread-count").wait_for()
    page.get_by_test_id("inbox").click()
    page.wait_for_url("**/notices/")
    page.get_by_test_id("notices").get_by_role("link", name=notice).click()
    page.wait_for_url(url)


def test_proposal_from_submission_to_closing_each_actor_acts_from_the_inbox(
    page, log_in, live_server, users, make_user, congress_world, screenshot
):
    term = congress_world["term"]
    term.min_cosigners = 1
    term.save()
    cosigner = make_user("cosigner", ["delegate"], name="李代表")
    make_delegate(term, cosigner.member)
    title = "关于延长图书馆开放时间的建议"

    log_in(page, "delegate")
    page.goto(f"{live_server.url}/congress/proposals/new/")
    page.get_by_label("案由").fill(title)
    page.get_by_label("理由及建议").fill("晚自习后图书馆已关门。")
    page.get_by_label("李代表", exact=True).check()
    page.get_by_role("button", name="保存并邀请附议").click()
    page.get_by_text("提案已保存").wait_for()
    url = page.url

    _act_on_notice(page, log_in, "cosigner", f"邀请您附议提案“{title}”", url)
    page.get_by_role("button", name="附议", exact=True).click()
    page.get_by_text("您已附议此提案").wait_for()

    _act_on_notice(page, log_in, "delegate", f"您的提案“{title}”有代表附议了", url)
    page.get_by_role("button", name="提交提案").click()
    page.get_by_text("提案已提交").wait_for()

    _act_on_notice(page, log_in, "staff", f"新提案“{title}”待审查", url)
    press(page, "register")
    page.get_by_text("已立案，立案号第1号").wait_for()
    assign = open_action(page, "assign")
    assign.get_by_label("主办部门").select_option(label="总务处")
    assign.locator('button[type="submit"]').click()
    page.get_by_text("已交办总务处").wait_for()

    _act_on_notice(page, log_in, "handler", f"提案“{title}”已交办总务处", url)
    press(page, "reply", 答复内容="自下学期起图书馆开放至晚十点。")
    page.get_by_text("答复已提交").wait_for()

    _act_on_notice(page, log_in, "delegate", f"您的提案“{title}”已答复，请查看并评价", url)
    rate = open_action(page, "rate")
    rate.get_by_label("满意", exact=True).check()
    rate.locator('button[type="submit"]').click()
    page.get_by_text("的答复已评价：满意").first.wait_for()

    _act_on_notice(page, log_in, "staff", f"提案“{title}”的答复已评价：满意", url)
    close = open_action(page, "close")
    assert close.get_by_test_id("confirm").inner_text() == "办结后提案不能再办理或评价，确定办结？"
    close.get_by_role("button", name="确认办结").click()
    page.get_by_text("提案已办结").first.wait_for()

    _act_on_notice(page, log_in, "delegate", f"您的提案“{title}”已办结", url)
    assert page.get_by_test_id("status").inner_text() == "已办结"
    screenshot(page, "congress-proposal-closed")
    proposal = Proposal.objects.get()
    assert (proposal.status, proposal.rating) == (Proposal.Status.CLOSED, Proposal.Rating.SATISFIED)
    # each of them was told once, and only of their own turn
    told = {user.username: list(user.notices.values_list("text", flat=True)) for user in (cosigner, users["handler"])}
    assert told == {
        "cosigner": [f"delegate邀请您附议提案“{title}”。"],
        "handler": [f"提案“{title}”已交办总务处，请于{proposal.deadline:%Y年%-m月%-d日}前答复。"],
    }


def test_delegate_casts_a_secret_appraisal_ballot_on_a_phone(
    phone_page, log_in, live_server, congress_world, screenshot
):
    appraisal = Appraisal.objects.create(term=congress_world["term"], title="年度领导干部民主评议")
    Appraisee.objects.create(appraisal=appraisal, member=make_member("王校长"), post="校长", report="述职报告全文")
    appraisal_services.open_appraisal(appraisal=appraisal)
    log_in(phone_page, "delegate")
    phone_page.get_by_text("民主评议待投票").wait_for()
    phone_page.goto(f"{live_server.url}{appraisal.get_absolute_url()}")
    phone_page.get_by_label("基本满意").check()
    phone_page.get_by_role("button", name="提交评议票").click()
    phone_page.get_by_text("您的评议票已投出").wait_for()
    assert "已参评 1 / 3 人" in phone_page.get_by_test_id("turnout").inner_text()
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    screenshot(phone_page, "congress-appraisal-voted-phone")


def test_quorum_line_turns_green_live_while_staff_record_attendance(
    browser, page, log_in, live_server, users, congress_world, screenshot
):
    session = congress_world["session"]
    log_in(page, "delegate")
    page.goto(f"{live_server.url}{session.get_absolute_url()}")
    quorum = page.get_by_test_id("quorum")
    assert "未达到三分之二" in quorum.inner_text()

    staff = browser.new_context(locale="zh-CN").new_page()
    log_in(staff, "staff")
    staff.goto(f"{live_server.url}/congress/sessions/{session.pk}/attendance/")
    for name in ("delegate", "chair"):
        staff.get_by_label(name, exact=True).select_option(label="出席")
    staff.get_by_role("button", name="保存", exact=True).click()
    staff.get_by_text("出席情况已保存").wait_for()
    staff.context.close()

    page.get_by_text("已达到三分之二，会议有效").wait_for(timeout=15_000)  # polled, no reload
    assert "出席代表 2 人，应到 3 人" in page.get_by_test_id("quorum").inner_text()
    screenshot(page, "congress-session-quorum-live")
