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
