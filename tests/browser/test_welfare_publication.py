from disclosure import services as disclosure_services
from disclosure.models import DisclosureItem
from unionportal.models import UnionKind
from welfare import services
from welfare.tests.factories import make_campaign, make_file, make_member, open_books, through_funds


def test_officer_drafts_masked_recipient_list_chair_publishes_member_reads_it(
    phone_page, log_in, live_server, users, screenshot
):
    page = phone_page
    disclosure_services.load_categories(kind=UnionKind.SCHOOL)
    campaign = make_campaign(name="春节送温暖")
    member = make_member("欧阳小明", id_number="110101199003074514")
    make_file(member=member, situation="肺癌晚期化疗")
    recipient = services.add_recipient(campaign=campaign, member=member, actor=users["welfare"], reason="困难档案")
    open_books(users)
    payment = services.deliver_to_recipient(recipient=recipient, actor=users["welfare"])
    through_funds(payment.expense, users)  # 公示 lists what was paid and delivered

    log_in(page, "welfare")
    page.goto(f"{live_server.url}{campaign.get_absolute_url()}")
    page.get_by_role("link", name="生成名单公示（姓名隐去）").click()
    assert "欧阳*明" in page.get_by_test_id("publish-preview").inner_text()
    assert page.get_by_label("公开类别").input_value() != ""
    screenshot(page, "welfare-publish-recipients-phone")
    page.get_by_role("button", name="生成公示草稿").click()
    page.get_by_text("名单公示草稿已生成").wait_for()
    assert "草稿" in page.get_by_test_id("publication").inner_text()
    page.evaluate("window.scrollTo(0, 0)")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.context.clear_cookies()
    log_in(page, "chair")
    page.goto(f"{live_server.url}/disclosure/work/")
    page.get_by_text("春节送温暖慰问对象名单公示").click()
    page.get_by_role("button", name="提交预审").click()
    page.get_by_text("预审通过并公示").first.click()  # opens the approval with its 公示 period
    page.get_by_role("button", name="预审通过并公示").click()
    page.get_by_test_id("badge-published").wait_for()
    url = page.url

    page.context.clear_cookies()
    log_in(page, "member")
    page.goto(url)
    body = page.get_by_test_id("item-body").inner_text()
    assert "欧阳*明" in body and "欧阳小明" not in body and "肺癌" not in body and "困难档案" not in body
    screenshot(page, "welfare-recipient-list-on-board-phone")
    assert DisclosureItem.objects.get().status == DisclosureItem.Status.PUBLISHED
