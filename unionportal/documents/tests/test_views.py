from django.utils import timezone

from unionportal.documents.models import Job


def test_staff_writes_a_notice_and_lands_on_the_job_page(client_as, django_capture_on_commit_callbacks):
    client = client_as("staff")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/documents/notice/new/",
            {
                "issuing_body": "工会",
                "title": "通知标题",
                "addressees": "全体会员",
                "body": "正文",
                "date": "2026-12-01",
            },
        )
    job = Job.objects.get()
    assert response.url == f"/documents/{job.pk}/"
    page = client.get(response.url).content.decode()
    assert "打开PDF" in page
    pdf = client.get(f"/documents/{job.pk}/file/")
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_notice_without_title_keeps_the_body_and_says_why(client_as):
    response = client_as("staff").post(
        "/documents/notice/new/",
        {"issuing_body": "工会", "title": "", "addressees": "全体", "body": "我写了很多字", "date": "2026-12-01"},
    )
    content = response.content.decode()
    assert "请填写标题。" in content
    assert "我写了很多字" in content
    assert not Job.objects.exists()


def test_notice_form_offers_today_as_the_date_the_browser_can_show(client_as):
    """A date input takes ISO dates only: the 成文日期 must come filled in, so the first submit goes through."""
    page = client_as("staff").get("/documents/notice/new/").content.decode()
    today = timezone.localdate().isoformat()
    assert f'type="date" name="date" value="{today}"' in page
    for field in ("cc", "attachments", "printer", "printed_on"):
        assert f'name="{field}"' in page


def test_notice_keeps_cc_attachments_and_the_printing_date(client_as, django_capture_on_commit_callbacks):
    data = {
        "issuing_body": "工会",
        "title": "通知标题",
        "addressees": "全体会员",
        "body": "正文",
        "date": "2026-12-01",
        "cc": "市教育工会",
        "attachments": "1.报名表",
        "printed_on": "2026-12-02",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client_as("staff").post("/documents/notice/new/", data)
    job = Job.objects.get()
    assert job.params["cc"] == "市教育工会" and job.params["printed_on"] == "2026-12-02"
    assert job.status == Job.Status.DONE, job.error


def test_notice_printed_before_it_was_written_is_refused(client_as):
    data = {"issuing_body": "工会", "title": "通知", "addressees": "全体", "body": "正文", "date": "2026-12-01"}
    response = client_as("staff").post("/documents/notice/new/", {**data, "printed_on": "2026-11-30"})
    assert "印发日期不能早于成文日期。" in response.content.decode()
    assert not Job.objects.exists()


def test_nobody_opens_another_users_document(client_as, users):
    job = Job.objects.create(owner=users["chair"], kind="notice", title="主席的文档", status=Job.Status.DONE)
    client = client_as("staff")
    assert client.get(f"/documents/{job.pk}/").status_code == 404
    assert client.get(f"/documents/{job.pk}/file/").status_code == 404
    assert client.post(f"/documents/{job.pk}/retry/").status_code == 404


def test_htmx_poll_gets_only_the_status_card(client_as, users):
    job = Job.objects.create(owner=users["staff"], kind="notice", title="排队的", progress=30)
    response = client_as("staff").get(f"/documents/{job.pk}/", headers={"HX-Request": "true"})
    content = response.content.decode()
    assert 'id="job-status"' in content
    assert "<html" not in content
    assert 'data-hx-trigger="every 2s"' in content


def test_job_list_shows_only_my_jobs(client_as, users):
    Job.objects.create(owner=users["chair"], kind="notice", title="别人的")
    Job.objects.create(owner=users["staff"], kind="notice", title="我的")
    content = client_as("staff").get("/documents/").content.decode()
    assert "我的" in content
    assert "别人的" not in content


def test_a_finished_notice_offers_its_word_copy_named_apart_in_my_documents(
    client_as, django_capture_on_commit_callbacks
):
    client = client_as("staff")
    data = {"issuing_body": "工会", "title": "通知标题", "addressees": "全体会员", "body": "正文", "date": "2026-12-01"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/documents/notice/new/", data)
    pdf_job = Job.objects.get()
    assert 'data-testid="word-copy"' in client.get(response.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/documents/{pdf_job.pk}/word/")
    word_job = Job.objects.exclude(pk=pdf_job.pk).get()
    assert response.url == f"/documents/{word_job.pk}/"
    assert word_job.kind == "notice_docx" and word_job.params == pdf_job.params
    assert word_job.status == Job.Status.DONE, word_job.error
    download = client.get(f"/documents/{word_job.pk}/file/")
    assert download["Content-Disposition"].endswith('.docx"') or ".docx" in download["Content-Disposition"]
    listing = client.get("/documents/").content.decode()
    assert listing.count("通知标题") == 2
    assert "</i> PDF</span>" in listing and "</i> Word</span>" in listing


def test_the_notice_form_prints_straight_to_word(client_as, django_capture_on_commit_callbacks):
    data = {"issuing_body": "工会", "title": "通知", "addressees": "全体", "body": "正文", "date": "2026-12-01"}
    with django_capture_on_commit_callbacks(execute=True):
        client_as("staff").post("/documents/notice/new/", {**data, "docx": ""})
    assert Job.objects.get().kind == "notice_docx"


def test_no_word_copy_of_a_register(client_as, users):
    job = Job.objects.create(
        owner=users["staff"], kind="welfare_visit_register", title="登记表", status=Job.Status.DONE
    )
    assert client_as("staff").post(f"/documents/{job.pk}/word/").status_code == 404
