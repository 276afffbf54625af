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
    assert 'hx-trigger="every 2s"' in content


def test_job_list_shows_only_my_jobs(client_as, users):
    Job.objects.create(owner=users["chair"], kind="notice", title="别人的")
    Job.objects.create(owner=users["staff"], kind="notice", title="我的")
    content = client_as("staff").get("/documents/").content.decode()
    assert "我的" in content
    assert "别人的" not in content
