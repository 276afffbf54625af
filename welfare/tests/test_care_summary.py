"""The year-end care summary on the dashboard says what the printed registers and the annual report say."""

import datetime
from decimal import Decimal

import pytest

from welfare import services
from welfare.documents import PaymentRegister, VisitRegister
from welfare.models import Campaign, FundSource, VisitOccasion
from welfare.report import annual_report

from .factories import make_campaign, make_member, pay_all

pytestmark = pytest.mark.django_db

YEAR = 2025


@pytest.fixture
def year_of_care(users):
    officer = users["welfare"]
    visitor = make_member("走访人")
    mid_autumn = make_campaign(
        name="中秋慰问",
        kind=Campaign.Kind.FESTIVAL,
        year=YEAR,
        budget=Decimal("10000"),
        default_amount=Decimal("200"),
        starts_on=datetime.date(YEAR, 9, 1),
        due_on=datetime.date(YEAR, 9, 30),
    )
    spring = make_campaign(
        name="春节送温暖",
        year=YEAR,
        budget=Decimal("10000"),
        default_amount=Decimal("500.50"),
        fund_source=FundSource.HIGHER_UNION,
        starts_on=datetime.date(YEAR, 1, 10),
        due_on=datetime.date(YEAR, 1, 31),
    )
    for campaign, names, paid_on in [
        (mid_autumn, ["甲", "乙", "丙"], datetime.date(YEAR, 9, 15)),
        (spring, ["丁", "戊"], datetime.date(YEAR, 1, 20)),
    ]:
        for name in names:
            recipient = services.add_recipient(campaign=campaign, member=make_member(name), actor=officer)
            services.deliver_to_recipient(recipient=recipient, actor=officer, paid_on=paid_on)
    services.add_recipient(campaign=mid_autumn, member=make_member("未领"), actor=officer)  # listed, not delivered
    hospital = VisitOccasion.objects.get_or_create(name="住院", defaults={"usual_amount": Decimal("300")})[0]
    birthday = VisitOccasion.objects.get_or_create(name="生日", defaults={"usual_amount": Decimal("0")})[0]
    for occasion, day, money in [
        (hospital, datetime.date(YEAR, 3, 2), "300"),
        (hospital, datetime.date(YEAR, 6, 9), "250.25"),
        (birthday, datetime.date(YEAR, 5, 5), "0"),  # a cake, no money: one 人次, 0 元
        (hospital, datetime.date(YEAR - 1, 12, 31), "999"),  # last year's: not in this summary
    ]:
        services.record_visit(
            member=make_member("探望对象"),
            actor=officer,
            occasion=occasion,
            visited_on=day,
            visitors=[visitor],
            gifts="鲜花",
            money=money,
            fund_source=FundSource.UNION_FUNDS,
        )
    pay_all(users)
    return {"mid_autumn": mid_autumn, "spring": spring}


def _year_params(**extra):
    return {"date_from": f"{YEAR}-01-01", "date_to": f"{YEAR}-12-31", **extra}


def test_dashboard_summary_registers_and_annual_report_count_the_same(client_as, year_of_care):
    summary = client_as("welfare").get(f"/welfare/?year={YEAR}").context["summary"]
    assert summary["overall"] == {"times": 7, "yuan": Decimal("2151.25")}
    assert summary["visits"] == {"times": 3, "yuan": Decimal("550.25")}

    payments = PaymentRegister.context(_year_params(), None)
    assert (payments["times"], payments["yuan"]) == (summary["overall"]["times"], summary["overall"]["yuan"])
    by_campaign = {row["campaign__name"]: (row["times"], row["yuan"]) for row in summary["by_campaign"]}
    assert by_campaign == {"中秋慰问": (3, Decimal("600.00")), "春节送温暖": (2, Decimal("1001.00"))}
    for campaign in year_of_care.values():
        printed = PaymentRegister.context(_year_params(campaign=campaign.pk), None)
        assert (printed["times"], printed["yuan"]) == by_campaign[campaign.name]

    visits = VisitRegister.context(_year_params(), None)
    assert (visits["times"], visits["money"]) == (summary["visits"]["times"], summary["visits"]["yuan"])
    printed_by_occasion = {}
    for row in visits["rows"]:
        times, money = printed_by_occasion.get(row["occasion"], (0, Decimal("0")))
        printed_by_occasion[row["occasion"]] = (times + 1, money + row["money"])
    assert {r["occasion__name"]: (r["times"], r["yuan"]) for r in summary["by_occasion"]} == printed_by_occasion

    by_source = {row["label"]: (row["times"], row["yuan"]) for row in summary["by_source"]}
    assert by_source == {"工会经费": (5, Decimal("1150.25")), "上级补助": (2, Decimal("1001.00"))}

    report = annual_report(YEAR).context
    assert report["overall"] == summary["overall"]
    assert report["by_campaign"] == summary["by_campaign"]
    assert report["by_occasion"] == summary["by_occasion"]
    assert report["visits"] == summary["visits"]["times"]


def test_the_summary_shows_the_chosen_year_and_this_year_for_nonsense(client_as, year_of_care):
    client = client_as("chair")
    page = client.get(f"/welfare/?year={YEAR}").content.decode()
    assert f"{YEAR}年度关怀汇总" in page and "中秋慰问" in page
    assert client.get(f"/welfare/?year={YEAR + 1}").context["summary"]["overall"]["times"] == 0
    assert client.get("/welfare/?year=abc").status_code == 200
    assert client.get("/welfare/totals/?year=abc").status_code == 200


def test_the_summary_costs_the_same_queries_for_a_bigger_year(client_as, year_of_care, django_assert_max_num_queries):
    client = client_as("welfare")
    # the session, the user, the page's shell and the dashboard's one statement
    with django_assert_max_num_queries(4):
        client.get(f"/welfare/?year={YEAR}")


def test_the_annual_report_names_the_visits_by_occasion(client_as, year_of_care):
    content = client_as("chair").get(f"/documents/annual/{YEAR}/preview/").content.decode()
    assert "走访慰问3人次" in content
    assert "住院2" in content and "生日1" in content
