"""The 校务公开/厂务公开 chapter of the annual report: items by category, objections, overdue categories."""

import datetime

import pytest
from django.utils import timezone

from disclosure import report, services
from disclosure.models import Category, DisclosureItem, ItemStep, Objection
from unionportal.models import UnionKind, UnionProfile

from .factories import make_category, make_item

pytestmark = pytest.mark.django_db

YEAR = 2025


def published(item, day):
    DisclosureItem.objects.filter(pk=item.pk).update(published_on=day)
    return item


def in_year(queryset, field, day):
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    queryset.update(**{field: moment})


@pytest.fixture
def board(users):
    finance = make_category(
        "财务管理和收支情况",
        cadence=Category.Cadence.PERIODIC,
        period=Category.Period.TERMLY,
        tracked_from=datetime.date(YEAR, 1, 1),
        sort_order=20,
    )
    plans = make_category("学校工作计划", sort_order=10)
    make_category("物资设备采购", sort_order=30)  # nothing published: not in the table
    make_category(  # tracked only from next year: not behind in this one
        "招待费开支", cadence=Category.Cadence.PERIODIC, period=Category.Period.TERMLY, sort_order=40
    )
    for day in [datetime.date(YEAR, 3, 1), datetime.date(YEAR, 4, 1)]:
        published(make_item("closed", category=finance), day)
    published(make_item("archived", category=plans, audience=DisclosureItem.Audience.PUBLIC), datetime.date(YEAR, 9, 1))
    published(make_item("closed", category=plans), datetime.date(YEAR - 1, 9, 1))  # last year
    make_item("pending", category=plans)  # not published at all
    live = published(make_item("published", category=plans), datetime.date(YEAR, 11, 20))
    author = users["member"].member
    for content in ["请公布明细", "数据有误", "公示期太短"]:
        services.file_objection(item=live, author=author, content=content, today=live.period_start)
    first, second, _third = Objection.objects.order_by("pk")
    services.answer_objection(objection=first, actor=users["staff"], answer="已补充")
    services.answer_objection(objection=second, actor=users["staff"], answer="已更正")
    services.rectify(item=live, actor=users["staff"], note="更正数据")
    in_year(Objection.objects.all(), "created_at", datetime.date(YEAR, 11, 21))
    in_year(Objection.objects.exclude(answered_at=None), "answered_at", datetime.date(YEAR, 11, 22))
    in_year(ItemStep.objects.filter(action="rectify"), "at", datetime.date(YEAR, 11, 23))
    return {"finance": finance, "plans": plans}


def test_nothing_published_that_year_leaves_the_chapter_out(board):
    assert report.annual_report(YEAR - 2) is None
    assert report.annual_report(YEAR + 2) is None


def test_chapter_counts_items_by_category_and_objections(board):
    chapter = report.annual_report(YEAR)
    assert chapter.heading == "校务公开"
    assert chapter.context["figures"] == {"total": 4, "public": 1, "internal": 3, "rectified": 1}
    assert chapter.context["objections"] == {"received": 3, "answered": 2}
    assert [(category.name, published) for category, published in chapter.context["by_category"]] == [
        ("学校工作计划", 2),
        ("财务管理和收支情况", 2),
    ]
    html = chapter.render(year=YEAR, union=UnionProfile.load())
    assert "全年共公开事项4项，其中对内公开3项、对外公开1项" in html
    assert "收到会员异议和意见3条，已答复2条，根据意见整改后重新公示1项" in html
    assert "物资设备采购" not in html


def test_periodic_categories_behind_at_the_years_end(board):
    make_category(
        "经营收支",
        cadence=Category.Cadence.PERIODIC,
        period=Category.Period.MONTHLY,
        tracked_from=datetime.date(YEAR, 11, 1),
        sort_order=50,
    )
    [overdue] = report.annual_report(YEAR).context["overdue"]
    # November and December ended empty; 财务's autumn term (Aug–Jan) is still running at the year's end
    assert overdue.category.name == "经营收支"
    assert (overdue.period_start, overdue.missed) == (datetime.date(YEAR, 12, 1), 2)
    html = report.annual_report(YEAR).render(year=YEAR, union=UnionProfile.load())
    assert "“经营收支”（每月公开）2025年12月1日至2025年12月31日未公开，已连续2期未公开" in html
    assert "财务管理和收支情况”（" not in html and "招待费开支" not in html


def test_an_enterprise_union_reports_its_厂务公开(board):
    profile = UnionProfile.load()
    profile.kind = UnionKind.ENTERPRISE
    profile.save()
    welfare = make_category("福利费用", kind=UnionKind.ENTERPRISE)
    published(make_item("closed", category=welfare), datetime.date(YEAR, 5, 1))
    chapter = report.annual_report(YEAR)
    assert chapter.heading == "厂务公开"
    assert chapter.context["figures"]["total"] == 1  # the school categories are not this union's
    html = chapter.render(year=YEAR, union=UnionProfile.load())
    assert "厂务公开工作" in html and "校务公开" not in html
