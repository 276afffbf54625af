from django.contrib.auth.models import User

from members.models import Member, UnionGroup
from unionportal.documents.models import Job


def test_staff_open_logins_for_a_group_and_print_its_slips_then_the_chair_names_an_accountant(
    page, phone_page, log_in, live_server, users, screenshot
):
    group = UnionGroup.objects.create(name="语文组")
    for name in ("王芳", "李强", "王芳"):
        Member.objects.create(name=name, gender="F", union_group=group)
    log_in(page, "staff")
    page.goto(f"{live_server.url}/accounts/members/")
    page.get_by_label("工会小组").select_option(label="语文组")
    page.get_by_role("button", name="筛选", exact=True).click()
    page.get_by_test_id("open-all").click()
    page.get_by_text("已为 3 人开通账号").wait_for()
    page.get_by_text("拼音登录名 wangfang 已有人使用，改为 wangfang2").wait_for()
    screenshot(page, "accounts-opened")
    page.get_by_test_id("print-slips").click()
    page.get_by_text("已完成").first.wait_for()
    job = Job.objects.get()
    assert job.status == Job.Status.DONE, job.error
    assert sorted(User.objects.filter(member__union_group=group).values_list("username", flat=True)) == [
        "liqiang",
        "wangfang",
        "wangfang2",
    ]

    log_in(phone_page, "chair")
    phone_page.goto(f"{live_server.url}/accounts/roles/")
    form = phone_page.get_by_test_id("assign-form")
    form.get_by_label("角色").select_option(label="财务")
    form.get_by_label("人员").select_option(label="member")
    form.get_by_label("任命理由").fill("委员会决定")
    form.get_by_role("button", name="任命").click()
    phone_page.get_by_text("已任命 member 为财务").wait_for()
    assert "member" in phone_page.get_by_test_id("role-accountant").inner_text()
    chair_row = phone_page.get_by_test_id("role-chair")
    chair_row.get_by_text("撤销", exact=True).click()
    chair_row.get_by_placeholder("撤销理由").fill("换届")
    chair_row.get_by_role("button", name="确认撤销").click()
    phone_page.get_by_text("唯一的主席").wait_for()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "accounts-roles-phone")
