import pytest

from tests.test_navigation import EXPECTED_MENU


@pytest.mark.parametrize("role", EXPECTED_MENU)
def test_each_demo_role_logs_in_and_sees_its_menu(role, page, log_in, screenshot):
    log_in(page, role)
    menu = page.get_by_test_id("main-menu")
    shown, hidden = EXPECTED_MENU[role]
    for label in shown:
        menu.get_by_text(label, exact=False).first.wait_for(state="attached")
    menu_text = menu.inner_text()
    for label in hidden:
        assert label not in menu_text
    screenshot(page, f"home-{role}")


def test_menu_opens_and_leads_to_the_roster(page, log_in, live_server):
    log_in(page, "chair")
    page.get_by_role("button", name="会员").or_(page.get_by_role("link", name="会员")).first.click()
    page.get_by_role("link", name="教职工名册").click()
    page.wait_for_url(f"{live_server.url}/members/")
    assert page.get_by_role("heading", name="教职工名册").is_visible()


def test_language_switch_turns_the_page_english_and_back(page, log_in):
    log_in(page, "member")
    page.get_by_test_id("language-switch").get_by_role("button").click()
    page.get_by_role("heading", name="Dashboard").wait_for()
    page.get_by_test_id("language-switch").get_by_role("button").click()
    page.get_by_role("heading", name="工作台").wait_for()


def test_wrong_password_shows_a_chinese_error(page, live_server, users):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("member")
    page.get_by_label("密码").fill("not-the-password")
    page.get_by_role("button", name="登录").click()
    assert "用户名或密码不对，请重新输入（密码区分大小写）。" in page.content()


def test_phone_width_page_fits_and_menu_folds(phone_page, log_in, live_server, screenshot):
    page = phone_page
    log_in(page, "chair")
    page.goto(f"{live_server.url}/members/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert not page.get_by_role("link", name="教职工名册").is_visible()
    page.get_by_label("展开菜单").click()
    page.get_by_role("button", name="会员").or_(page.get_by_role("link", name="会员")).first.click()
    page.get_by_role("link", name="教职工名册").wait_for(state="visible")
    screenshot(page, "phone-roster")


@pytest.mark.parametrize(("language", "width"), [("zh-hans", 1000), ("zh-hans", 1280), ("en", 1440)])
def test_the_unions_whole_name_heads_the_longest_menu_on_a_desktop(page, log_in, language, width):
    """An enterprise union's chair has the most menus (集体合同 too): the menu takes a row of its own under the
    name, which is never cut, wraps rather than run off the page (English is twice as wide), and the other
    language stays one click away."""
    from unionportal.models import UnionKind, UnionProfile

    UnionProfile(name="青山精密机械有限公司工会委员会", kind=UnionKind.ENTERPRISE).save()
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, "chair")
    if language == "en":
        page.locator("button[lang=en]").click()
        page.wait_for_load_state()
    brand = page.locator(".navbar-brand")
    assert brand.inner_text() == "青山精密机械有限公司工会委员会"
    assert brand.evaluate("(name) => name.scrollWidth <= name.clientWidth")
    contracts = "Collective contracts" if language == "en" else "集体合同"
    assert page.get_by_role("button", name=contracts).or_(page.get_by_role("link", name=contracts)).first.is_visible()
    assert page.locator("[data-testid=language-switch] button").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
