from decimal import Decimal

from welfare.models import Application, Payment


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
    page.get_by_label("意见").fill("情况属实。")
    page.get_by_role("button", name="初审通过").click()
    page.get_by_text("已处理").wait_for()

    page.context.clear_cookies()
    log_in(page, "chair")
    page.goto(url)
    page.get_by_label("批准金额（元）").fill("1500.50")
    page.get_by_role("button", name="批准").click()
    page.get_by_text("已处理").wait_for()

    page.context.clear_cookies()
    log_in(page, "welfare")
    page.goto(url)
    page.get_by_label("经费来源").select_option(label="上级补助")
    page.get_by_role("button", name="登记发放").click()
    page.get_by_text("已处理").wait_for()
    payment = Payment.objects.get()
    assert payment.amount == Decimal("1500.50") and payment.application == application

    page.context.clear_cookies()
    log_in(page, "member")
    page.goto(url)
    assert page.get_by_test_id("status").inner_text() == "已发放"
    assert "1500.50" in page.get_by_test_id("approved").inner_text()
    screenshot(page, "welfare-member-sees-payment")


def test_visit_form_picks_namesakes_by_search_and_tells_them_apart(page, log_in, live_server, users, screenshot):
    from members.models import Department, Member
    from welfare.models import Visit, VisitOccasion

    VisitOccasion.objects.get_or_create(name="住院", defaults={"usual_amount": Decimal("300")})  # live tests flush
    office, teachers = Department.objects.create(name="校长室"), Department.objects.create(name="语文组")
    ill = Member.objects.create(name="王芳", gender="F", department=teachers, phone="13800005555")
    Member.objects.create(name="张伟", gender="M", department=office, phone="13800001111")
    teacher = Member.objects.create(name="张伟", gender="M", department=teachers, phone="13800002222")
    twin = Member.objects.create(name="张伟", gender="M", department=teachers, phone="13900003333")
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
    page.get_by_label("事由").select_option(index=1)
    screenshot(page, "welfare-visit-person-picker")
    page.get_by_role("button", name="提交").click()
    page.get_by_text("走访慰问已登记").wait_for()
    visit = Visit.objects.get()
    assert visit.member == ill and set(visit.visitors.all()) == {teacher, twin}
