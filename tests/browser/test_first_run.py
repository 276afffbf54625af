from django.contrib.auth.models import User

from disclosure.models import Category
from members.models import UnionGroup

STRONG = "Hongxing-2026!"


def test_first_run_screens_lead_from_an_empty_database_to_a_chair_who_activates(
    page, phone_page, live_server, screenshot
):
    page.goto(f"{live_server.url}/")
    page.wait_for_url(f"{live_server.url}/setup/")
    screenshot(page, "setup-1-administrator")
    page.get_by_label("管理员登录名").fill("admin")
    page.locator("#id_password").fill("12345678")
    page.get_by_label("再次输入密码").fill("12345678")
    page.get_by_role("button", name="保存，下一步").click()
    page.get_by_text("密码过于常见").wait_for()  # the policy speaks Chinese beside the field
    page.locator("#id_password").fill(STRONG)
    page.get_by_label("再次输入密码").fill(STRONG)
    page.get_by_role("button", name="保存，下一步").click()

    page.wait_for_url(f"{live_server.url}/setup/union/")
    page.get_by_role("button", name="保存，下一步").click()
    page.get_by_text("请填写工会名称。").wait_for()
    page.get_by_label("工会名称").fill("红星机械厂工会委员会")
    page.get_by_label("企业").check()
    page.get_by_label("上级工会").fill("红星区总工会")
    page.get_by_label("上缴比例").fill("0.4")
    screenshot(page, "setup-2-union")
    page.get_by_role("button", name="保存，下一步").click()

    page.wait_for_url(f"{live_server.url}/setup/chair/")
    assert Category.objects.filter(kind="enterprise").count() == 7
    page.get_by_label("主席姓名").fill("刘红")
    page.get_by_label("性别").select_option(label="女")
    page.get_by_role("button", name="保存，下一步").click()
    slip = page.get_by_test_id("chair-code")
    slip.wait_for()
    code = slip.locator("code").nth(1).inner_text()
    screenshot(page, "setup-3-chair")
    page.get_by_role("link", name="下一步").click()

    page.wait_for_url(f"{live_server.url}/setup/org/")
    page.get_by_label("工会小组").fill("一车间工会/装配班组\n机关工会小组\n坏行/多/一段")
    page.get_by_role("button", name="保存，下一步").click()
    page.get_by_text("请写成“分会/小组”或“小组”").wait_for()
    page.get_by_label("工会小组").fill("一车间工会/装配班组\n机关工会小组")
    screenshot(page, "setup-4-org")
    page.get_by_role("button", name="保存，下一步").click()
    page.get_by_test_id("setup-done").wait_for()
    assert "职代会" in page.get_by_test_id("main-menu").inner_text()  # the enterprise words
    screenshot(page, "setup-5-done")
    assert UnionGroup.objects.count() == 2

    # the chair activates the login the setup opened, on a phone
    phone_page.goto(f"{live_server.url}/accounts/login/")
    phone_page.get_by_test_id("activate-link").click()
    phone_page.get_by_label("登录名").fill("liuhong")
    phone_page.get_by_label("验证码").fill(code.lower())  # typed in lower case from the paper
    phone_page.locator("#id_password").fill(STRONG)
    phone_page.get_by_label("再次输入新密码").fill(STRONG)
    phone_page.get_by_role("button", name="设置密码并登录").click()
    phone_page.wait_for_url(f"{live_server.url}/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "setup-chair-activated-phone")
    assert User.objects.get(username="liuhong").groups.filter(name="chair").exists()
