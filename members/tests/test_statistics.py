import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import Member, UnionGroup
from members.statistics import born_after, union_statistics

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture
def roster(db):
    chinese, maths = UnionGroup.objects.create(name="语文组"), UnionGroup.objects.create(name="数学组")
    people = [
        # name, gender, birth date, group, employment type, member, status
        ("甲", "F", datetime.date(1995, 1, 1), chinese, "established", True, "active"),
        ("乙", "F", datetime.date(1991, 6, 16), chinese, "contract", False, "active"),  # 34 today
        ("丙", "M", datetime.date(1991, 6, 15), maths, "established", True, "active"),  # 35 today
        ("丁", "M", None, maths, "dispatched", False, "active"),
        ("戊", "F", datetime.date(1960, 1, 1), maths, "established", True, "retired"),
        ("己", "M", datetime.date(1990, 1, 1), None, "established", False, "transferred"),
    ]
    for name, gender, born, group, kind, member, status in people:
        Member.objects.create(
            name=name, gender=gender, birth_date=born, union_group=group, employment_type=kind,
            is_union_member=member, status=status,
        )  # fmt: skip


def test_union_figures_count_staff_in_post_and_retirees_apart(roster):
    figures = union_statistics(TODAY)
    total = figures["total"]
    assert (total.staff, total.members, total.women, total.under_35) == (4, 2, 2, 2)
    assert total.membership_rate == 0.5
    assert figures["retirees"] == 1


def test_figures_by_group_and_employment_type(roster):
    figures = union_statistics(TODAY)
    by_group = {row.label: (row.staff, row.members, row.women, row.under_35) for row in figures["by_group"]}
    assert by_group == {"语文组": (2, 1, 2, 2), "数学组": (2, 1, 0, 0)}
    Member.objects.create(name="庚", gender="F")  # no group: last; equal sort_order: by name
    assert [row.label for row in union_statistics(TODAY)["by_group"]] == ["数学组", "语文组", "未分组"]
    by_employment = [(row.label, row.staff, row.members) for row in figures["by_employment"]]
    assert by_employment == [("在编", 2, 2), ("聘用", 1, 0), ("劳务派遣", 1, 0)]


def test_empty_roster_has_a_zero_rate(db):
    assert union_statistics(TODAY)["total"].membership_rate == 0


def test_leap_day_birthdays():
    assert born_after(datetime.date(2028, 2, 29), 35) == datetime.date(1993, 2, 28)


def test_statistics_page_shows_figures_and_charts(client_as, roster):
    content = client_as("auditor").get("/members/statistics/").content.decode()
    assert "入会率" in content and "<svg" in content and "语文组" in content and "劳务派遣" in content


def test_statistics_page_runs_the_same_queries_whatever_the_size(client_as, roster):
    client = client_as("chair")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get("/members/statistics/")
        return len(captured)

    few = queries()
    for i in range(40):
        group = UnionGroup.objects.create(name=f"组{i}")
        Member.objects.create(name=f"人{i}", gender="F", union_group=group, is_union_member=True)
    assert queries() == few


def test_members_cannot_see_statistics(client_as, users):
    assert client_as("member").get("/members/statistics/").status_code == 403


def test_statistics_tables_end_with_a_total_row(client_as, roster):
    import re

    content = client_as("auditor").get("/members/statistics/").content.decode()
    figures = union_statistics()
    for table, rows in (("by-group", figures["by_group"]), ("by-employment", figures["by_employment"])):
        row = content[content.index(f'data-testid="{table}-total"') :].split("</tr>")[0]
        cells = re.findall(r"<td[^>]*>([^<]*)</td>", row)
        staff, members = sum(r.staff for r in rows), sum(r.members for r in rows)
        assert cells[:3] == ["合计", str(staff), str(members)], table
        assert cells[3] == f"{100 * members / staff:.1f}%"


def test_only_a_day_with_life_events_after_it_works_out_each_persons_status_then(roster):
    from members import services

    def reads_events(day):
        with CaptureQueriesContext(connection) as captured:
            union_statistics(day)
        counted = [query["sql"] for query in captured if "COUNT" in query["sql"]]
        return "members_membershipevent" in counted[0]

    assert not reads_events(TODAY)
    services.move_group(member=Member.objects.get(name="甲"), to_group=UnionGroup.objects.get(name="数学组"), on=TODAY)
    assert reads_events(TODAY - datetime.timedelta(days=1))
    assert not reads_events(TODAY)


def test_a_past_year_counts_each_person_in_the_group_they_were_in_that_year(roster, client_as):
    from members import services
    from members.report import annual_report

    maths = UnionGroup.objects.get(name="数学组")
    services.move_group(member=Member.objects.get(name="甲"), to_group=maths, on=datetime.date(2026, 3, 1))
    services.move_group(member=Member.objects.get(name="乙"), to_group=maths, on=datetime.date(2025, 3, 1))

    def by_group(day):
        rows = union_statistics(day)["by_group"]
        return {row.label: (row.staff, row.members, row.women) for row in rows if row.label != "未分组"}

    assert by_group(datetime.date(2025, 12, 31)) == {"语文组": (1, 1, 1), "数学组": (3, 1, 1)}
    assert by_group(datetime.date(2024, 12, 31)) == {"语文组": (2, 1, 2), "数学组": (2, 1, 0)}
    assert by_group(TODAY) == {"数学组": (4, 2, 2)}
    chart = annual_report(2025).context["group_chart"]
    assert "语文组" in chart and "1人" in chart and "3人" in chart
    page = client_as("auditor").get("/members/statistics/?year=2025").content.decode()
    group_row = page[page.index('data-testid="by-group"') :]
    assert "语文组" in group_row.split("</table>")[0]
