import datetime
from decimal import Decimal

from django.utils import translation

from unionportal.documents.annual_report import compile_report
from welfare import report, services
from welfare.models import FundSource, HardshipFile, VisitOccasion
from welfare.tests.factories import make_campaign, make_file, make_member, pay_all

YEAR = 2026
DAY = datetime.date(YEAR, 3, 10)


def test_nothing_to_say_leaves_the_chapter_out(db):
    assert report.annual_report(YEAR) is None


def test_chapter_counts_files_by_level_and_payments_in_person_times_and_yuan(users):
    officer = users["welfare"]
    make_file(level=HardshipFile.Level.SEVERE, opened_on=DAY, next_review_on=DAY)
    make_file(level=HardshipFile.Level.HARD, opened_on=DAY.replace(year=YEAR - 1), next_review_on=DAY)
    next_year = DAY.replace(year=YEAR + 1)
    make_file(level=HardshipFile.Level.HARD, opened_on=next_year, next_review_on=next_year)
    campaign = make_campaign(name="春节送温暖", year=YEAR, starts_on=DAY, due_on=DAY, default_amount=Decimal("333.33"))
    for name in ["甲", "乙"]:
        recipient = services.add_recipient(campaign=campaign, member=make_member(name), actor=officer)
        services.deliver_to_recipient(recipient=recipient, actor=officer, paid_on=DAY)
    services.record_visit(
        member=make_member("丙"), actor=officer, occasion=VisitOccasion.objects.get_or_create(name="住院")[0],
        visited_on=DAY, visitors=[officer.member], money=Decimal("0.01"), fund_source=FundSource.UNION_FUNDS,
    )  # fmt: skip
    pay_all(users)
    chapter = report.annual_report(YEAR)
    files = chapter.context["files"]
    assert files["total"] == 2  # the file opened next year is not on this year's books
    assert files["opened"] == 1
    assert dict(files["by_level"]) == {"一般困难": 0, "困难": 1, "特困": 1}
    assert chapter.context["overall"] == {"times": 3, "yuan": Decimal("666.67")}
    assert chapter.context["by_campaign"] == [
        {"campaign": campaign.pk, "campaign__name": "春节送温暖", "times": 2, "yuan": Decimal("666.66")}
    ]
    assert chapter.context["visits"] == 1
    assert [entry.text for entry in chapter.chronicle] == ["开展春节送温暖活动"]
    html = chapter.render(year=YEAR, union=None)
    assert "全年共发放各类帮扶、慰问3人次，金额666.67元" in html
    assert "特困1户" in html
    assert "<svg" in html
    with translation.override("en"):
        html = report.annual_report(YEAR).render(year=YEAR, union=None)
    assert "there were 2 files" in html and "; 0 households have left hardship. " in html
    assert "3 assistance and gift payments were made" in html and "1 visit (" in html
    assert ">1 household</text>" in html


def test_the_whole_report_has_the_chapters_in_the_usual_order(users):
    make_file(opened_on=DAY, next_review_on=DAY)
    headings = [heading for heading, _html in compile_report(YEAR)["chapters"]]
    assert headings.index("基本情况") < headings.index("维权帮扶") < headings.index("女职工工作")
    assert "离退休工作" not in headings  # no retirees on this roster
