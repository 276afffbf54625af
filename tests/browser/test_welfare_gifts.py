import datetime

from django.utils import timezone

from welfare.models import Campaign, Payment
from welfare.tests.factories import make_member, open_books, through_funds


def test_a_committee_member_gives_a_mid_autumn_gift_to_all_members_and_the_officer_prints_the_register(
    page, log_in, live_server, users, screenshot
):
    for name in ("周一", "吴二", "郑三"):
        make_member(name, is_union_member=True)
    today = timezone.localdate()
    open_books(users)

    log_in(page, "staff")
    page.goto(f"{live_server.url}/welfare/campaigns/")
    page.get_by_role("link", name="新建活动").click()
    page.get_by_label("名称").fill("中秋慰问")
    page.get_by_label("类型").select_option(label="节日慰问")
    page.get_by_label("预算（元）").fill("5000")
    page.get_by_label("每人标准（元）").fill("200")
    page.get_by_label("开始日期").fill(today.isoformat())
    page.get_by_label("完成期限").fill((today + datetime.timedelta(days=14)).isoformat())
    page.get_by_role("button", name="提交").click()
    page.get_by_text("慰问活动已建立").wait_for()
    campaign = Campaign.objects.get(name="中秋慰问")
    assert campaign.confidential is False

    rule = page.get_by_test_id("add-by-rule")
    rule.get_by_label("规则").select_option(label="全体在职会员")
    rule.get_by_role("button", name="按规则加入").click()
    selected = campaign.recipients.count()
    page.get_by_text(f"已按规则加入{selected}人").wait_for()
    assert selected >= 3
    deliver = page.get_by_test_id("deliver-all")
    deliver.locator("summary").click()
    deliver.get_by_label("慰问品（可不填）").fill("月饼一盒")
    deliver.get_by_role("button", name="提交支出申请").click()
    page.get_by_text(f"已为{selected}人提交支出申请，合计{selected * 200}.00元").wait_for()
    assert f"已发放 0/{selected} 人次" in page.get_by_test_id("progress").inner_text()  # not before it is paid
    expenses = {payment.expense for payment in Payment.objects.all()}
    assert len(expenses) == 1  # the whole list, one expense request, the signed register its voucher
    through_funds(expenses.pop(), users)  # 财务审核 → 集体研究 → 主席审批 → 支付
    page.reload()
    page.get_by_test_id("progress").filter(has_text=f"已发放 {selected}/{selected} 人次").wait_for()
    screenshot(page, "welfare-mid-autumn-gift-by-staff")

    page.context.clear_cookies()
    log_in(page, "welfare")
    page.goto(f"{live_server.url}/welfare/registers/")
    page.get_by_label("登记表").select_option(label="走访慰问登记表")
    page.get_by_label("慰问活动").select_option(label="中秋慰问")
    page.get_by_role("button", name="提交").click()
    page.get_by_test_id("job-status").filter(has_text="已完成").wait_for()
    screenshot(page, "welfare-mid-autumn-register-job")
    href = page.get_by_test_id("open-pdf").get_attribute("href")
    pdf = page.request.get(f"{live_server.url}{href}")
    assert pdf.body().startswith(b"%PDF")
