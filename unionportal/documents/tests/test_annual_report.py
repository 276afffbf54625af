import datetime
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
    assert f"在职教职工{len(ROLES) + 1}人" in content  # a user per role, and 王芳
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


def test_an_event_still_to_come_is_neither_counted_nor_in_the_chronicle(db, monkeypatch):
    """The report made on 12-05 counts what happened by 12-05: December's later events are still to come."""
    from activities.tests.factories import make_event
    from unionportal.documents.annual_report import compile_report

    made_on = timezone.make_aware(datetime.datetime(2026, 12, 5, 10))
    monkeypatch.setattr(timezone, "now", lambda: made_on)
    held = made_on - datetime.timedelta(days=3)
    make_event(title="教工篮球赛", level="county", starts_at=held, ends_at=held + datetime.timedelta(hours=2))
    coming = made_on + datetime.timedelta(days=10)
    make_event(title="迎新年长跑", level="county", starts_at=coming, ends_at=coming + datetime.timedelta(hours=2))
    report = compile_report(2026)
    chapter = next(html for heading, html in report["chapters"] if heading == "文体活动")
    assert "共组织文体活动1项" in chapter and "教工篮球赛" in chapter
    assert "迎新年长跑" not in chapter
    assert [entry.text for entry in report["chronicle"]] == ["举办教工篮球赛"]


def test_a_past_year_counts_its_whole_year(db, monkeypatch):
    from activities.tests.factories import make_event
    from unionportal.documents.annual_report import compile_report

    monkeypatch.setattr(timezone, "now", lambda: timezone.make_aware(datetime.datetime(2027, 3, 1, 10)))
    december = timezone.make_aware(datetime.datetime(2026, 12, 28, 9))
    make_event(title="迎新年长跑", starts_at=december, ends_at=december + datetime.timedelta(hours=2))
    chapter = dict(compile_report(2026)["chapters"])["文体活动"]
    assert "迎新年长跑" in chapter and "12月28日" in chapter


def test_no_sentence_of_zeros(db, make_user):
    """A retiree chapter with nobody visited or paid says nothing of visits or money."""
    from members.models import Member
    from unionportal.documents.annual_report import compile_report

    make_user("退休老张", status=Member.Status.RETIRED)
    text = "".join(html for heading, html in compile_report(YEAR)["chapters"])
    assert "0人次" not in text and "0.00元" not in text


def test_printed_report_has_a_cover_and_a_contents_page_with_page_numbers(db, tmp_path):
    from unionportal.documents.annual_report import AnnualReportDocument, compile_report
    from unionportal.documents.rendering import PDF, render
    from unionportal.documents.tests.pdf_layout import read_pages, save_screenshots

    AnnualReport.objects.create(year=YEAR, opening="一年来，工会围绕中心、服务大局。", problems="经费紧张")
    path = tmp_path / "report.pdf"
    path.write_bytes(render(PDF, AnnualReportDocument.template, compile_report(YEAR)))
    save_screenshots(path, "annual-report")
    pages = read_pages(path)
    cover, contents = pages[0], pages[1]
    assert cover.find(f"{YEAR}年度工会工作报告") and cover.find("基层工会委员会")
    assert not any("—" in line.text for line in cover.lines)  # no page number, no running header on the cover
    assert contents.find("目录")
    entries = [line.text for line in contents.lines if line.text.startswith(("一、", "存在的问题"))]
    assert entries, contents.lines
    for entry in entries:
        title, number = entry.rstrip("0123456789").rstrip(". ·"), entry[len(entry.rstrip("0123456789")) :]
        heading_page = next(page for page in pages[2:] if any(line.text == title for line in page.lines))
        assert int(number) == heading_page.number, entry


def test_the_chair_writes_each_chapters_narrative_and_it_prints_before_its_figures(client_as):
    client = client_as("chair")
    page = client.get(f"/documents/annual/{YEAR}/").content.decode()
    assert "基本情况：主席叙述" in page
    field = next(
        name for name in ("chapter_1", "chapter_2") if f'name="{name}"' in page and "基本情况：主席叙述" in page
    )
    response = client.post(
        f"/documents/annual/{YEAR}/", {"opening": "", "problems": "", "plans": "", field: "会员队伍持续壮大。"}
    )
    assert response.status_code == 302
    assert AnnualReport.objects.get(year=YEAR).chapter_texts == {"基本情况": "会员队伍持续壮大。"}
    preview = client.get(f"/documents/annual/{YEAR}/preview/").content.decode()
    chapter = preview.split("一、基本情况")[2]  # past the contents page
    assert chapter.index("会员队伍持续壮大。") < chapter.index("截至")


def test_a_past_years_report_has_that_years_headcount_the_statistics_page_shows(client_as, make_user, monkeypatch):
    """Someone who retired in March 2026 was in post at the end of 2025: the 2025 report counts them,
    as the statistics page does for 2025, and the page for today does not."""
    from members.models import Member, MembershipEvent
    from unionportal.documents.annual_report import compile_report

    monkeypatch.setattr(timezone, "now", lambda: timezone.make_aware(datetime.datetime(2026, 12, 5, 10)))
    retired = make_user("老周").member
    retired.status = Member.Status.RETIRED
    retired.save()
    MembershipEvent.objects.create(
        member=retired, kind=MembershipEvent.Kind.RETIRE, occurred_on=datetime.date(2026, 3, 1),
        from_status=Member.Status.ACTIVE, to_status=Member.Status.RETIRED,
    )  # fmt: skip
    make_user("新来的", hire_date=datetime.date(2026, 9, 1))  # not yet in post at the end of 2025
    client = client_as("chair")
    page_2025 = client.get("/members/statistics/?year=2025").context["figures"]
    page_today = client.get("/members/statistics/").context["figures"]
    chapter = dict(compile_report(2025)["chapters"])["基本情况"]
    staff_2025 = page_2025["total"].staff
    assert staff_2025 == page_today["total"].staff  # one retired since, one hired since
    assert page_2025["retirees"] == page_today["retirees"] - 1
    assert f"截至2025年12月31日，全单位共有在职教职工{staff_2025}人" in chapter
    assert f"离退休教职工{page_2025['retirees']}人" in chapter
