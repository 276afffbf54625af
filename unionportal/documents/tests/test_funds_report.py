import datetime
import io
from decimal import Decimal

from django.utils import timezone
from pypdf import PdfReader

from activities.tests.factories import make_event
from members.models import DuesRecord, DuesSettings, Member
from unionportal.documents import funds_report
from unionportal.documents.annual_report import AnnualReportDocument, compile_report
from unionportal.documents.rendering import render_pdf
from welfare import services as welfare
from welfare.models import FundSource

YEAR = 2025
TZ = timezone.get_current_timezone()


def at(month, day):
    return datetime.datetime(YEAR, month, day, 14, 30, tzinfo=TZ)


def dues(member, month, due, paid, year=YEAR):
    DuesRecord.objects.create(
        member=member, month=datetime.date(year, month, 1), wage_base=due * 200, due=due, paid=paid
    )


def pay(users, member, amount, source, paid_on=datetime.date(YEAR, 6, 1)):
    welfare.record_payment(
        member=member, actor=users["welfare"], approver=users["chair"], amount=amount, fund_source=source,
        paid_on=paid_on,
    )  # fmt: skip


def year_of_money(users):
    DuesSettings.objects.update_or_create(pk=1, defaults={"hand_up_share": Decimal("0.4000")})
    one, two = users["member"].member, users["delegate"].member
    dues(one, 1, Decimal("25.55"), Decimal("25.55"))
    dues(one, 2, Decimal("25.55"), Decimal("10.00"))
    dues(two, 1, Decimal("33.33"), Decimal("33.33"))
    dues(two, 1, Decimal("99.99"), Decimal("99.99"), year=YEAR - 1)  # last year's line stays out
    pay(users, one, Decimal("300.10"), FundSource.UNION_FUNDS)
    pay(users, two, Decimal("200.05"), FundSource.UNION_FUNDS)
    pay(users, two, Decimal("500.00"), FundSource.HIGHER_UNION)
    pay(users, one, Decimal("77.77"), FundSource.DONATIONS, paid_on=datetime.date(YEAR + 1, 1, 2))  # next year
    make_event(title="教工运动会", starts_at=at(4, 20), ends_at=at(4, 20), budget=Decimal("3000.00"),
               actual_cost=Decimal("2850.50"))  # fmt: skip
    make_event(title="迎新年联欢", starts_at=at(12, 30), ends_at=at(12, 30), budget=Decimal("1500.00"),
               actual_cost=Decimal("1620.25"))  # fmt: skip
    make_event(title="读书分享会", starts_at=at(12, 31), ends_at=at(12, 31), budget=Decimal("800.00"))
    make_event(title="茶话会", starts_at=at(5, 5), ends_at=at(5, 5))  # no money, no row


def test_chapter_sums_dues_hand_up_help_by_source_and_event_costs_to_the_fen(users):
    year_of_money(users)
    chapter = funds_report.annual_report(YEAR)
    dues = chapter.context["dues"]
    assert (dues["due"], dues["paid"], dues["outstanding"]) == (Decimal("84.43"), Decimal("68.88"), Decimal("15.55"))
    assert (dues["hand_up"], dues["retained"]) == (Decimal("27.55"), Decimal("41.33"))  # 68.88 × 40% = 27.552
    assert dues["share"] == "40%"
    assert chapter.context["help"] == {"times": 3, "yuan": Decimal("1000.15")}
    assert [(row["label"], row["times"], row["yuan"]) for row in chapter.context["by_source"]] == [
        ("上级补助", 1, Decimal("500.00")),
        ("工会经费", 2, Decimal("500.15")),
    ]
    events = chapter.context["events"]
    assert [(event.title, saved) for event, saved in events["rows"]] == [
        ("教工运动会", Decimal("149.50")),
        ("迎新年联欢", Decimal("-120.25")),
        ("读书分享会", None),
    ]
    assert (events["budget"], events["budget_settled"], events["spent"], events["saved"], events["unsettled"]) == (
        Decimal("5300.00"), Decimal("4500.00"), Decimal("4470.75"), Decimal("29.25"), 1,
    )  # fmt: skip
    html = chapter.render(year=YEAR, union=None)
    assert "应收会费84.43元，实收68.88元，收缴率81.6%，尚欠15.55元" in html
    assert "按40%的比例上缴上级工会27.55元，留存本级工会使用41.33元" in html
    assert "全年发放帮扶、慰问3人次，计1,000.15元" in html
    assert "另有1项活动尚未结算" in html
    assert "<svg" in html


def test_a_year_without_money_has_no_funds_chapter(users):
    make_event(title="茶话会", starts_at=at(5, 5), ends_at=at(5, 5))  # an event that cost nothing
    dues(users["member"].member, 1, Decimal("25.55"), Decimal("25.55"), year=YEAR - 1)
    assert funds_report.annual_report(YEAR) is None
    assert "经费收支" not in [heading for heading, _html in compile_report(YEAR)["chapters"]]


def test_the_printed_report_has_the_funds_chapter_after_the_retirees(users):
    year_of_money(users)
    Member.objects.create(name="老李", gender="M", status=Member.Status.RETIRED)
    context = compile_report(YEAR)
    headings = [heading for heading, _html in context["chapters"]]
    assert headings.index("离退休工作") < headings.index("经费收支")
    pdf = render_pdf(AnnualReportDocument.template, context)
    text = "".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "经费收支" in text  # its number depends on the chapters before it
    assert "上缴上级工会（40%）" in text
    assert "4,470.75元" in text
