import datetime

from members.models import Registration, UnionGroup


def test_staff_creates_a_group_moves_a_member_in_sets_the_leader_and_freezes_the_year(
    page, phone_page, log_in, live_server, users, screenshot
):
    log_in(page, "staff")
    page.goto(f"{live_server.url}/members/org/")
    page.get_by_role("link", name="新建工会小组").click()
    page.get_by_label("小组名称").fill("美术组")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("已保存：美术组").wait_for()

    mover = users["member"].member
    page.goto(f"{live_server.url}/members/{mover.pk}/")
    page.get_by_text("登记会籍或人事变动").click()
    page.get_by_label("事项").select_option(label="调组")
    page.get_by_label("新小组").select_option(label="美术组")
    page.get_by_label("备注").fill("岗位调整")
    assert "登记后不能撤销" in page.get_by_test_id("confirm").inner_text()  # it says so before it is done
    page.get_by_role("button", name="确认登记").click()
    page.get_by_text("已登记：调组").wait_for()
    assert "— → 美术组" in page.get_by_test_id("group-history").inner_text()

    page.goto(f"{live_server.url}/members/org/")
    page.get_by_test_id("group-row").filter(has_text="美术组").get_by_role("link", name="编辑").click()
    page.get_by_label("组长").select_option(label="member")
    page.get_by_role("button", name="保存").click()
    row = page.get_by_test_id("group-row").filter(has_text="美术组")
    assert "member" in row.inner_text()
    assert UnionGroup.objects.get(name="美术组").leader == mover
    screenshot(page, "members-org-tree")

    page.goto(f"{live_server.url}/members/registration/")
    page.get_by_label("登记年度").select_option(str(datetime.date.today().year))
    page.get_by_label("我已核对").check()
    page.get_by_role("button", name="登记并冻结").click()
    page.get_by_text("年度登记已完成").wait_for()
    groups = page.get_by_test_id("registered-groups").inner_text()
    assert "美术组" in groups and "member" in groups
    assert Registration.objects.get().year == datetime.date.today().year
    screenshot(page, "members-registration")

    log_in(phone_page, "staff")
    for path, name in [("org/", "org-tree"), ("registration/", "registration"), ("committees/", "committees")]:
        phone_page.goto(f"{live_server.url}/members/{path}")
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(phone_page, f"members-{name}-phone")


def test_staff_dissolve_an_unused_group_on_a_phone_and_restore_it(phone_page, log_in, live_server, users, screenshot):
    UnionGroup.objects.create(name="旧书法组")
    log_in(phone_page, "staff")
    phone_page.goto(f"{live_server.url}/members/org/")
    row = phone_page.get_by_test_id("group-row").filter(has_text="旧书法组")
    row.get_by_text("撤销", exact=True).click()
    row.get_by_role("button", name="确认撤销").click()
    phone_page.get_by_text("已撤销：旧书法组").wait_for()
    dissolved = phone_page.get_by_test_id("dissolved-groups")
    assert "旧书法组" in dissolved.inner_text()
    assert phone_page.get_by_test_id("group-row").filter(has_text="旧书法组").count() == 0
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "members-org-dissolved-phone")
    dissolved.get_by_role("button", name="恢复").click()
    phone_page.get_by_text("已恢复：旧书法组").wait_for()
    assert UnionGroup.objects.get(name="旧书法组").dissolved_on is None
