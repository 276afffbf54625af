from decimal import Decimal

import pytest

from funds.models import Entry, Expense
from funds.tests.factories import PDF, executing_budget


@pytest.fixture
def role_page(browser, log_in):
    """A browser window of its own for each role, all open at once."""
    contexts = []

    def open_as(username):
        context = browser.new_context(locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        log_in(page, username)
        return page

    yield open_as
    for context in contexts:
        context.close()


def step(page, action, **fields):
    """Open one action of the workflow buttons, fill its form by label, press its button."""
    box = page.locator(f'details[data-action="{action}"]')
    box.locator("summary").click()
    for label, value in fields.items():
        box.get_by_label(label).fill(value)
    box.locator('button[type="submit"]').click()


def test_an_expense_goes_from_request_to_payment_each_role_on_its_own_page(
    role_page, live_server, users, screenshot, tmp_path
):
    executing_budget(actor=users["accountant"])
    invoice = tmp_path / "发票.pdf"
    invoice.write_bytes(PDF)

    staff = role_page("staff")
    staff.goto(f"{live_server.url}/funds/expenses/new/")
    staff.get_by_label("支出科目").select_option(label="20102 文体活动")
    staff.get_by_label("金额（元）").fill("880.50")
    staff.get_by_label("用途").fill("教职工趣味运动会奖品")
    staff.get_by_label("收款方").fill("青山文体用品商店")
    staff.get_by_label("购买物品（须验收）").check()
    staff.get_by_label("发票或收据（PDF、JPG、PNG）").set_input_files(str(invoice))
    staff.get_by_role("button", name="提交").click()
    staff.get_by_text("支出申请已提交").wait_for()
    url = staff.url
    assert staff.get_by_test_id("status").inner_text() == "待财务审核"
    assert staff.get_by_role("link", name="发票.pdf").is_visible()

    accountant = role_page("accountant")
    accountant.goto(url)
    step(accountant, "review", 意见="发票与金额相符。")
    accountant.get_by_text("财务审核已通过").wait_for()

    welfare = role_page("welfare")
    welfare.goto(url)
    step(welfare, "accept", 验收人="王丽娟", **{"验收情况（收到了什么）": "奖品 20 份，与发票相符"})
    welfare.get_by_text("已验收").first.wait_for()

    chair = role_page("chair")
    chair.goto(url)
    step(chair, "approve")
    chair.get_by_text("已审批同意").wait_for()
    screenshot(chair, "funds-chair-approved")

    accountant.goto(url)
    step(accountant, "pay", 凭证号="2026-付-001")
    accountant.get_by_text("已支付并记账").wait_for()

    staff.reload()
    assert staff.get_by_test_id("status").inner_text() == "已支付"
    screenshot(staff, "funds-staff-sees-paid")
    expense = Expense.objects.get()
    entry = Entry.objects.get(expense=expense)
    assert (entry.amount, entry.voucher_number) == (Decimal("880.50"), "2026-付-001")
