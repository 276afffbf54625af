import datetime

from django.utils import timezone

from disclosure.models import DisclosureItem
from disclosure.tests.factories import make_category

from .actions import press


def test_item_from_draft_through_return_and_objection_to_closed(page, log_in, live_server, users, screenshot):
    make_category("财务管理和收支情况")
    log_in(page, "staff")
    page.goto(f"{live_server.url}/disclosure/new/")
    page.get_by_label("类别").select_option(label="财务管理和收支情况")
    page.get_by_label("标题").fill("上学期财务收支情况")
    page.get_by_label("内容").fill("收入 120 万元\n支出 118 万元")
    page.get_by_label("公开对象").select_option(label="对外（公众）")
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_text("草稿已保存").wait_for()
    url = page.url
    item = DisclosureItem.objects.get()

    visitor = page.context.browser.new_context(locale="zh-CN").new_page()
    assert visitor.goto(url).status == 404

    page.get_by_role("button", name="提交预审").click()
    page.get_by_text("已提交预审").first.wait_for()
    assert page.locator('details[data-action="return"]').count() == 0  # nobody reviews her own draft

    def as_user(role):
        page.context.clear_cookies()
        log_in(page, role)
        page.goto(url)

    as_user("chair")
    press(page, "return", 预审意见="请写明支出明细")
    page.get_by_text("请写明支出明细").first.wait_for()

    as_user("staff")
    page.get_by_role("link", name="修改").click()
    page.get_by_label("内容").fill("收入 120 万元\n支出 118 万元，其中办公费 20 万元")
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_role("button", name="提交预审").click()
    page.get_by_text("已提交预审").first.wait_for()
    as_user("chair")
    press(page, "approve")
    page.get_by_test_id("badge-published").wait_for()
    assert "剩 7 天" in page.get_by_test_id("badge-published").inner_text()

    visitor.goto(f"{live_server.url}/disclosure/")
    visitor.get_by_text("上学期财务收支情况").click()
    visitor.get_by_text("其中办公费 20 万元").wait_for()
    assert visitor.get_by_role("button", name="提出异议或意见").count() == 0

    page.context.clear_cookies()
    log_in(page, "member")
    page.goto(url)
    page.get_by_label("异议或意见").fill("办公费为何比去年多？")
    page.get_by_role("button", name="提出异议或意见").click()
    page.get_by_text("办公费为何比去年多？").wait_for()

    page.context.clear_cookies()
    log_in(page, "staff")
    page.goto(url)
    page.get_by_label("答复").fill("新增了两间多媒体教室。")
    page.get_by_role("button", name="答复", exact=True).click()
    page.get_by_test_id("objection").get_by_text("新增了两间多媒体教室。").wait_for()
    assert "答复异议" in page.get_by_test_id("timeline").inner_text()

    page.context.clear_cookies()
    log_in(page, "member")  # the objector learns of the answer from her inbox
    page.get_by_test_id("home-notices").get_by_text("提出的异议已答复").click()
    page.get_by_test_id("objection").get_by_text("新增了两间多媒体教室。").wait_for()
    page.context.clear_cookies()
    log_in(page, "staff")
    page.goto(url)

    DisclosureItem.objects.filter(pk=item.pk).update(period_end=timezone.localdate() - datetime.timedelta(days=1))
    page.reload()
    press(page, "close")
    page.get_by_test_id("item-status").get_by_text("公示期满，异议已答复").wait_for()
    screenshot(page, "disclosure-closed")

    visitor.goto(url)
    visitor.get_by_text("公示期满，异议已答复").first.wait_for()
    visitor.context.close()


def test_staff_remind_the_unsigned_on_a_phone(phone_page, log_in, live_server, users, screenshot):
    from disclosure.tests.factories import make_item

    item = make_item("published", needs_signature=True, title="关于调整绩效工资分配方案的通知")
    log_in(phone_page, "staff")
    phone_page.goto(f"{live_server.url}/disclosure/{item.pk}/")
    phone_page.get_by_role("button", name="提醒未签阅人员").click()
    phone_page.get_by_text("名未签阅人员").wait_for()
    assert "上次提醒" in phone_page.get_by_test_id("last-reminder").inner_text()
    phone_page.get_by_role("button", name="提醒未签阅人员").click()
    phone_page.get_by_text("每天只能提醒一次").wait_for()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "disclosure-remind-unsigned-phone")
