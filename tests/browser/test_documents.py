from django.utils import timezone


def test_chair_writes_the_report_prints_it_and_opens_the_pdf(page, log_in, live_server, screenshot):
    year = timezone.localdate().year
    log_in(page, "chair")
    page.goto(f"{live_server.url}/documents/annual/")
    page.get_by_role("link", name=f"{year}年度").click()
    page.get_by_label("开篇").fill("一年来，校工会围绕学校中心工作扎实开展各项工作。")
    page.get_by_label("存在的问题").fill("活动经费紧张\n青年教师参与不足")
    page.get_by_label("今后打算").fill("加强提案督办")
    page.get_by_role("button", name="保存", exact=True).click()
    page.get_by_text("已保存。").wait_for()

    with page.context.expect_page() as preview_opened:
        page.get_by_test_id("preview").click()
    preview = preview_opened.value
    preview.get_by_text("青年教师参与不足").wait_for()
    preview.close()

    page.get_by_role("button", name="保存并生成PDF").click()
    page.get_by_test_id("job-status").filter(has_text="已完成").wait_for()
    screenshot(page, "annual-report-job")
    href = page.get_by_test_id("open-pdf").get_attribute("href")
    pdf = page.request.get(f"{live_server.url}{href}")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
