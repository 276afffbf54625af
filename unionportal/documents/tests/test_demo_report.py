from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from unionportal.documents.annual_report import compile_report


def test_the_demo_years_report_is_full_and_reloading_keeps_it(db):
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    report = compile_report(timezone.localdate().year)
    headings = [heading for heading, _html in report["chapters"]]
    for heading in ["基本情况", "民主管理", "校务公开", "维权帮扶", "文体活动", "女职工工作", "离退休工作", "经费收支"]:
        assert heading in headings
    chapters = dict(report["chapters"])
    assert "民主评议" in chapters["民主管理"]  # this year's closed appraisal
    assert "走访慰问离退休教职工0人次" not in chapters["离退休工作"]
    assert len(report["chronicle"]) >= 5
    assert [entry.date for entry in report["chronicle"]] == sorted(entry.date for entry in report["chronicle"])
    assert report["opening"] and report["problems"] and report["plans"]
