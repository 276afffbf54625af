from decimal import Decimal

from django.utils import timezone

from welfare.models import Application, Payment
from welfare.tests.factories import open_books, through_funds

from .actions import open_action, press


def test_member_applies_officer_reviews_chair_approves_payment_recorded_member_sees_result(
    page, log_in, live_server, users, screenshot
):
    log_in(page, "member")
    page.goto(f"{live_server.url}/welfare/applications/mine/")
    page.get_by_role("link", name="申请帮扶").click()
    page.get_by_label("申请事由").fill("母亲住院，医疗费用较高。")
    page.get_by_label("申请金额（元）").fill("2000")
    page.get_by_role("button", name="提交").click()
    page.get_by_text("申请已提交").wait_for()
    url = page.url
    application = Application.objects.get()

    page.context.clear_cookies()
    log_in(page, "welfare")
    page.goto(url)
    press(page, "review", 意见="情况属实。")
    page.get_by_text("已初审通过").first.wait_for()

    page.context.clear_cookies()
    log_in(page, "chair")
    page.goto(url)
    press(page, "approve", **{"批准金额（元）": "1500.50"})
    page.get_by_text("已批准1500.50元").wait_for()

    open_books(users)
    page.context.clear_cookies()
    log_in(page, "welfare")
    page.goto(url)
    pay = open_action(page, "request_payment")
    pay.get_by_label("经费来源").select_option(label="上级补助")
    pay.locator('button[type="submit"]').click()
    page.get_by_text("已向财务提交1500.50元的支出申请").wait_for()
    payment = Payment.objects.get()
    assert payment.amount == Decimal("1500.50") and payment.application == application
    assert page.locator('[data-action="request_payment"]').count() == 0  # asked once
    through_funds(payment.expense, users)  # 财务审核 → 主席审批 → 支付 (the funds test walks it in the browser)

    page.context.clear_cookies()
    log_in(page, "member")
    page.goto(url)
    assert page.get_by_test_id("status").inner_text() == "已发放"
    assert "1500.50" in page.get_by_test_id("approved").inner_text()
    screenshot(page, "welfare-member-sees-payment")


def test_a_visits_money_goes_from_record_to_accountant_to_chair_to_paid(
    browser, log_in, live_server, users, screenshot
):
    """The welfare officer records a visit with 慰问金; the accountant and the chair each act on their own page;
    the accountant pays; the welfare officer sees it paid, with the voucher number, in her ledger and inbox."""
    from members.models import Member
    from welfare.models import VisitOccasion

    open_books(users)
    VisitOccasion.objects.get_or_create(name="住院", defaults={"usual_amount": Decimal("500")})
    Member.objects.create(name="住院的王老师", gender="F", phone="13800007777")
    Member.objects.create(name="探望的李主任", gender="M", phone="13800008888")
    pages = {}
    for role in ("welfare", "accountant", "chair"):
        context = browser.new_context(locale="zh-CN")
        pages[role] = context.new_page()
        pages[role].set_default_timeout(10_000)
        log_in(pages[role], role)
    officer, accountant, chair = pages["welfare"], pages["accountant"], pages["chair"]

    officer.goto(f"{live_server.url}/welfare/visits/new/")
    officer.get_by_label("慰问对象").fill("7777")
    officer.get_by_role("button", name="住院的王老师").click()
    officer.get_by_label("慰问人").fill("8888")
    officer.get_by_role("button", name="探望的李主任").click()
    officer.get_by_label("事由").select_option(label="住院")
    officer.get_by_label("慰问金（元）").fill("500")
    officer.get_by_label("经费来源").select_option(label="工会经费")
    officer.get_by_role("button", name="提交").click()
    officer.get_by_text("慰问金500.00元已提交财务审核").wait_for()
    officer.goto(f"{live_server.url}/welfare/payments/")
    assert officer.get_by_test_id("payment-status").first.inner_text().startswith("经费审批中")

    accountant.goto(f"{live_server.url}/notices/")
    accountant.get_by_text("待财务审核").first.click()
    press(accountant, "review", 意见="慰问标准符合规定。")
    accountant.get_by_text("财务审核已通过").wait_for()
    url = accountant.url

    chair.goto(url)
    press(chair, "approve")
    chair.get_by_text("已审批同意").wait_for()

    accountant.goto(url)
    press(accountant, "pay", 凭证号="2026-付-慰01")
    accountant.get_by_text("已支付并记账").wait_for()

    officer.goto(f"{live_server.url}/welfare/payments/")
    row = officer.get_by_test_id(f"payment-{Payment.objects.get().pk}")
    assert row.get_by_test_id("payment-status").inner_text().startswith("已发放")
    assert "2026-付-慰01" in row.inner_text() and users["chair"].member.name in row.inner_text()
    officer.goto(f"{live_server.url}/notices/")
    officer.get_by_text("已支付").first.wait_for()
    screenshot(officer, "welfare-visit-money-paid")
    payment = Payment.objects.get()
    assert (payment.status, payment.approver, payment.paid_on) == ("paid", users["chair"], timezone.localdate())
    assert payment.paid_on == payment.expense.paid_on
    for page in pages.values():
        page.context.close()


def test_visit_form_picks_namesakes_by_search_and_tells_them_apart(page, log_in, live_server, users, screenshot):
    from members.models import Department, Member
    from welfare.models import Visit, VisitOccasion

    VisitOccasion.objects.get_or_create(name="住院", defaults={"usual_amount": Decimal("300")})  # live tests flush
    office, teachers = Department.objects.create(name="校长室"), Department.objects.create(name="语文组")
    ill = Member.objects.create(name="王芳", gender="F", department=teachers, phone="13800005555")
    Member.objects.create(name="张伟", gender="M", department=office, phone="13800001111")
    teacher = Member.objects.create(name="张伟", gender="M", department=teachers, phone="13800002222")
    twin = Member.objects.create(name="张伟", gender="M", department=teachers, phone="13900003333")
    VisitOccasion.objects.get_or_create(name="住院")  # a live-server test cannot count on migrated rows
    log_in(page, "welfare")
    page.goto(f"{live_server.url}/welfare/visits/new/")
    page.get_by_label("慰问对象").fill("wf")
    page.get_by_role("button", name="王芳（语文组）").click()
    visitors = page.get_by_label("慰问人")
    visitors.fill("zw")
    page.get_by_role("button", name="张伟（校长室）").wait_for()  # all three namesakes offered, told apart
    page.get_by_role("button", name="张伟（语文组） 尾号2222").click()
    visitors.fill("3333")  # by phone ending
    page.get_by_role("button", name="张伟（语文组） 尾号3333").click()
    page.get_by_label("事由").select_option(label="住院")
    screenshot(page, "welfare-visit-person-picker")
    page.get_by_role("button", name="提交").click()
    page.get_by_text("走访慰问已登记").wait_for()
    visit = Visit.objects.get()
    assert visit.member == ill and set(visit.visitors.all()) == {teacher, twin}


def test_returned_application_corrected_and_resubmitted_by_the_member_on_a_phone(
    phone_page, log_in, live_server, users, screenshot, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    from welfare import services

    application = services.apply_for_help(
        member=users["member"].member, actor=users["member"], reason="住院", amount_requested="2000"
    )
    services.return_application(application=application, actor=users["welfare"], note="请补充住院天数和票据金额")
    page = phone_page
    log_in(page, "member")
    page.get_by_test_id("home-notices").get_by_text("已退回").click()
    page.wait_for_url(f"{live_server.url}{application.get_absolute_url()}")
    page.get_by_text("请补充住院天数和票据金额").wait_for()
    resubmit = open_action(page, "resubmit")
    resubmit.get_by_label("申请事由").fill("住院12天，票据合计1860元。")
    resubmit.get_by_label("申请金额（元）").fill("1860")
    bill = {"name": "住院发票.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 hospital bill"}
    resubmit.get_by_label("附件（医疗票据、证明、收入证明）").set_input_files([bill])
    resubmit.locator('button[type="submit"]').click()
    page.get_by_text("申请已重新提交").wait_for()
    assert page.get_by_test_id("status").inner_text() == "已提交"
    page.get_by_test_id("attachments").get_by_role("link", name="住院发票.pdf").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    screenshot(page, "welfare-resubmitted-phone")
    application.refresh_from_db()
    assert application.amount_requested == Decimal("1860")
    assert application.attachments.get().file.read() == bill["buffer"]
