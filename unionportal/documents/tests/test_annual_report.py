import subprocess

from django.utils import timezone

from conftest import ROLES
from unionportal.documents.models import AnnualReport, Job

YEAR = timezone.localdate().year


def test_chair_writes_the_narrative_and_it_is_kept(client_as):
    client = client_as("chair")
    response = client.post(
        f"/documents/annual/{YEAR}/", {"opening": "一年来工作扎实。", "problems": "经费紧张\n参与度不高", "plans": ""}
    )
    assert response.status_code == 302
    report = AnnualReport.objects.get(year=YEAR)
    assert report.problems == "经费紧张\n参与度不高"


def test_preview_shows_figures_and_the_chairs_words(client_as, make_user):
    make_user("extra", name="王芳")
    AnnualReport.objects.create(year=YEAR, problems="经费紧张")
    content = client_as("chair").get(f"/documents/annual/{YEAR}/preview/").content.decode()
    assert "一、基本情况" in content
    assert f"在职教职工{len(ROLES) + 1}人" in content  # every role's user and 王芳
    assert "<svg" in content
    assert "经费紧张" in content


def test_saving_and_printing_queues_a_pdf_with_the_report(client_as, django_capture_on_commit_callbacks):
    client = client_as("chair")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/documents/annual/{YEAR}/", {"opening": "开篇文字", "problems": "问题一", "plans": "打算一", "pdf": "1"}
        )
    job = Job.objects.get()
    assert response.url == f"/documents/{job.pk}/"
    assert job.status == Job.Status.DONE
    text = subprocess.run(["pdftotext", job.file.path, "-"], capture_output=True, text=True, check=True).stdout
    for expected in ["年度工会工作报告", "基本情况", "存在的问题", "问题一", "今后打算", "打算一", "开篇文字"]:
        assert expected in text.replace(" ", "")


def test_years_outside_the_reporting_range_are_not_found(client_as):
    client = client_as("chair")
    assert client.get(f"/documents/annual/{YEAR + 1}/").status_code == 404
    assert client.get("/documents/annual/1999/preview/").status_code == 404
