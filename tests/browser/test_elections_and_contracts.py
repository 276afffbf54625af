"""The congress between sessions in the browser: a delegate by-election from nomination to the seated delegate,
and a collective contract from draft to in force."""

import datetime

import pytest
from django.utils import timezone

from congress import motion_services
from congress.models import AgendaItem, Delegate, DelegateGroup
from congress.tests.factories import make_delegate, make_session, make_term, mark_present
from contracts.models import CollectiveContract
from members.models import UnionGroup
from unionportal.models import UnionKind, UnionProfile

TODAY = timezone.localdate()


@pytest.fixture
def group(users):
    term = make_term(start_year=TODAY.year, end_year=TODAY.year + 4)
    delegate_group = DelegateGroup.objects.create(term=term, name="第一代表组", seats=1)
    union_group = UnionGroup.objects.create(name="语文组")
    delegate_group.union_groups.add(union_group)
    for role in ("delegate", "member", "handler"):
        users[role].member.union_group = union_group
        users[role].member.save()
    return delegate_group


def test_a_delegate_election_from_nomination_to_the_seated_delegate(page, log_in, live_server, group, screenshot):
    log_in(page, "staff")
    page.goto(f"{live_server.url}/congress/elections/new/")
    page.get_by_label("选举名称").fill("第一代表组代表选举")
    page.get_by_label("代表组", exact=True).select_option(label="第一代表组")
    page.get_by_label("选举日期").fill(TODAY.isoformat())
    page.get_by_role("button", name="保存").click()
    page.get_by_text("选举已创建，请提名候选人。").wait_for()
    for name in ("delegate", "member"):
        page.get_by_label("候选人").select_option(label=name)
        page.get_by_role("button", name="提名", exact=True).click()
        page.get_by_text("候选人已提名。").wait_for()
    page.locator("summary", has_text="开始投票").click()
    page.get_by_role("button", name="确认开始投票").click()
    page.get_by_text("投票已开始，应到选举人3人。").wait_for()
    url = page.url

    for voter, choice in (("delegate", "delegate"), ("member", "delegate"), ("handler", "member")):
        page.context.clear_cookies()
        log_in(page, voter)
        page.goto(url)
        page.get_by_test_id("ballot").get_by_label(choice, exact=True).check()
        page.get_by_role("button", name="投票", exact=True).click()
        page.get_by_text("您的选票已投出").wait_for()
        assert "得票" not in page.get_by_test_id("candidates").inner_text()

    page.context.clear_cookies()
    log_in(page, "staff")
    page.goto(url)
    page.locator("summary", has_text="结束投票并计票").click()
    page.get_by_role("button", name="确认结束投票并计票").click()
    page.get_by_text("应到3人，投票3人，选举有效；当选1人。").first.wait_for()
    page.locator("summary", has_text="宣布当选人就任").click()
    page.get_by_role("button", name="确认宣布当选人就任").click()
    page.get_by_text("当选人已就任").wait_for()
    screenshot(page, "election-seated")
    page.goto(f"{live_server.url}/congress/terms/{group.term_id}/delegates/")
    roster = page.get_by_test_id("delegates").inner_text()
    assert "第一代表组" in roster and "delegate" in roster
    assert Delegate.objects.get(term=group.term).elected_as.election.title == "第一代表组代表选举"


@pytest.fixture
def company(users):
    UnionProfile(name="青山精密机械有限公司工会委员会", kind=UnionKind.ENTERPRISE).save()
    session = make_session(starts_on=TODAY, ends_on=TODAY + datetime.timedelta(days=1), title="四届三次职代会")
    AgendaItem.objects.create(session=session, title="审议集体合同草案")
    for role in ("chair", "staff", "delegate", "member"):
        make_delegate(session.term, users[role].member)
    make_delegate(session.term)
    mark_present(session)
    return session


def test_a_collective_contract_from_draft_to_in_force(page, log_in, live_server, users, company, screenshot):
    log_in(page, "staff")
    page.goto(f"{live_server.url}/contracts/new/")
    page.get_by_label("合同类别").select_option(label="女职工权益保护专项集体合同")
    page.get_by_label("合同名称").fill("女职工权益保护专项集体合同")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("合同草案已创建").wait_for()
    page.get_by_label("条款内容").fill("女职工每年享受一次妇科检查，费用由企业承担。")
    page.get_by_role("button", name="添加条款").click()
    page.get_by_text("条款已添加。").wait_for()
    page.get_by_role("button", name="开始协商").click()
    page.get_by_text("已进入集体协商").wait_for()
    form = page.get_by_test_id("round-form")
    form.get_by_label("协商日期").fill(TODAY.isoformat())
    form.get_by_label("职工方代表").fill("工会主席等3人")
    form.get_by_label("企业方代表").fill("人力资源部等3人")
    form.get_by_label("协商纪要").fill("双方就体检项目达成一致。")
    form.get_by_role("button", name="登记").click()
    page.get_by_text("协商会议已登记。").wait_for()
    page.locator("summary", has_text="提交职代会审议").click()
    page.get_by_label("审议议程").select_option(index=1)
    page.get_by_role("button", name="提交职代会审议", exact=True).click()
    page.get_by_text("草案已提交职代会审议").wait_for()

    contract = CollectiveContract.objects.get()
    # before the congress has voted there is nothing to sign, and the page says why
    page.get_by_test_id("sign-waits").get_by_text("合同草案经职代会表决通过后，才能签订。").wait_for()
    assert page.locator("summary", has_text="签订").count() == 0

    # the congress votes by secret ballot: four of five delegates for
    motion_services.open_motion(motion=contract.motion)
    for role in ("chair", "staff", "delegate", "member"):
        motion_services.cast_ballot(motion=contract.motion, member=users[role].member, choice="for")
    motion_services.close_motion(motion=contract.motion)
    page.reload()
    assert "通过" in page.get_by_text("审议通过《女职工权益保护专项集体合同（草案）》").locator("..").inner_text()
    page.locator("summary", has_text="签订").click()
    page.get_by_label("签订日期").fill(TODAY.isoformat())
    page.get_by_label("职工方首席代表").fill("王建华")
    page.get_by_label("企业方首席代表").fill("李明")
    page.get_by_label("期限届满").fill((TODAY - datetime.timedelta(days=1)).isoformat())
    page.get_by_role("button", name="确认签订", exact=True).click()
    page.get_by_text("期限届满：须晚于签订日期").wait_for()
    # the form comes back open with what was typed: only the wrong date is typed again
    assert page.get_by_label("职工方首席代表").input_value() == "王建华"
    page.get_by_label("期限届满").fill((TODAY + datetime.timedelta(days=730)).isoformat())
    page.get_by_role("button", name="确认签订", exact=True).click()
    page.get_by_text("合同已签订").wait_for()
    page.locator("summary", has_text="报送审查").click()
    page.get_by_label("报送日期").fill(TODAY.isoformat())
    page.get_by_role("button", name="确认报送审查", exact=True).click()
    page.get_by_text("已报送审查").wait_for()
    assert page.get_by_role("button", name="生效").count() == 0  # the 15 days are still running

    # fifteen days pass with no objection from the labour authority
    earlier = TODAY - datetime.timedelta(days=15)
    CollectiveContract.objects.filter(pk=contract.pk).update(signed_on=earlier, filed_on=earlier)
    page.reload()
    page.get_by_role("button", name="生效").click()
    page.get_by_text("合同已生效").wait_for()
    assert page.get_by_test_id("status").inner_text() == "生效"
    screenshot(page, "contract-in-force")
