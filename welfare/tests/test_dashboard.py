"""The welfare dashboard (/welfare/) stays a fixed size and a fixed number of queries whatever the data."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from welfare import services, workbench
from welfare.models import Application, Campaign, Visit, VisitOccasion

from .factories import make_campaign, make_member

pytestmark = pytest.mark.django_db


def _add(users, n, start):
    """n more of everything the dashboard lists: pending applications, birthdays this month,
    hospital visits and campaigns behind schedule."""
    today = timezone.localdate()
    hospital = VisitOccasion.objects.get(name="住院")
    for i in range(start, start + n):
        member = make_member(f"成员{i:03d}", birth_date=today.replace(year=1980, day=1 + i % 28))
        services.apply_for_help(member=member, actor=users["welfare"], reason="住院", amount_requested="500")
        Visit.objects.create(member=member, occasion=hospital, visited_on=today, recorded_by=users["welfare"])
        campaign = make_campaign(name=f"活动{i:03d}", starts_on=today - datetime.timedelta(days=9),
                                 due_on=today + datetime.timedelta(days=1))  # fmt: skip
        services.add_recipient(campaign=campaign, member=member, actor=users["welfare"])


def _dashboard(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/welfare/")
    assert response.status_code == 200
    return response, len(queries)


def _plan(sql, params):
    with connection.cursor() as cursor:
        # a test database this small is cheaper to read whole, or through a bitmap of any index
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row for (row,) in cursor.fetchall())


def test_dashboard_queries_do_not_grow_with_applications_birthdays_visits_or_campaigns(client_as, users):
    client = client_as("welfare")
    _add(users, 1, 0)
    _, few = _dashboard(client)
    _add(users, 14, 1)
    response, many = _dashboard(client)
    assert many == few
    assert len(response.context["behind"]) == 15


def test_dashboard_shows_the_first_ten_of_each_list_and_links_to_all(client_as, users):
    _add(users, 12, 0)
    response, _ = _dashboard(client_as("welfare"))
    page = response.content.decode()
    assert len(response.context["waiting"]) == 10
    assert len(response.context["birthdays"]) == 10
    assert len(response.context["in_hospital"]) == 10
    assert page.count("全部 12 条") == 3
    assert 'href="/welfare/applications/?status=pending"' in page
    assert 'href="/welfare/birthdays/"' in page
    assert 'href="/welfare/visits/?occasion=' in page


def test_dashboard_birthdays_come_in_order_of_the_day(client_as, users):
    today = timezone.localdate()
    for day in (20, 3, 11):
        make_member(f"寿星{day}", birth_date=today.replace(year=1970, day=day))
    response, _ = _dashboard(client_as("welfare"))
    assert [m.day.day for m in response.context["birthdays"]] == [3, 11, 20]


def test_all_birthdays_page_lists_every_birthday_of_the_month_page_by_page(client_as, users):
    today = timezone.localdate()
    for i in range(26):
        make_member(f"寿星{i:02d}", birth_date=today.replace(year=1980, day=1 + i % 28))
    client = client_as("welfare")
    response = client.get("/welfare/birthdays/")
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 26
    assert "下一页" in response.content.decode() and "寿星25" not in response.content.decode()
    assert "寿星25" in client.get("/welfare/birthdays/?page=2").content.decode()


def _read(name):
    """The SQL and parameters of one of the dashboard's reads (``workbench.reads``), to ask for its plan alone."""
    today = timezone.localdate()
    names = ("waiting", "due_files", "birthdays", "in_hospital", "campaigns", "payment_groups", "occasion_groups")
    return dict(zip(names, workbench.reads(today, today.year), strict=True))[name].query.sql_with_params()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the birthday index is PostgreSQL's")
def test_dashboard_birthdays_and_their_count_are_read_from_the_birthday_index(users):
    _add(users, 3, 0)
    plan = _plan(*_read("birthdays"))
    # the count and the first rows, in the index's order; the count reads the index alone once the table's pages
    # are marked all-visible, which depends on what vacuumed the test database before
    assert len(re.findall(r"Index (Only )?Scan using welfare_member_birthday_idx", plan)) == 2, plan
    assert "Sort" not in plan and "WindowAgg" not in plan


def test_pending_applications_are_those_waiting_for_the_union(client_as, users):
    _add(users, 2, 0)
    member = make_member("退回")
    returned = services.apply_for_help(member=member, actor=users["welfare"], reason="住院", amount_requested="1")
    services.return_application(application=returned, actor=users["welfare"], note="补材料")
    response = client_as("welfare").get("/welfare/applications/?status=pending")
    assert {a.member.name for a in response.context["page_obj"]} == {"成员000", "成员001"}


def test_hospital_link_shows_the_visits_the_dashboard_counts(client_as, users):
    _add(users, 11, 0)
    old = Visit.objects.first()
    old.visited_on = timezone.localdate() - datetime.timedelta(days=40)
    old.save()
    client = client_as("welfare")
    url = _dashboard(client)[0].context["hospital_url"]
    assert client.get(url).context["page_obj"].paginator.count == 10


def test_the_lists_follow_the_day_they_are_read_on(users):
    """Their SQL is kept per day: another day reads another month's birthdays, another month's hospital visits."""
    this_year = timezone.localdate().year
    make_member("三月寿星", birth_date=datetime.date(1980, 3, 9))
    make_member("十月寿星", birth_date=datetime.date(1980, 10, 9))
    march, october = datetime.date(this_year, 3, 1), datetime.date(this_year, 10, 1)
    assert [line.name for line in workbench.dashboard(this_year, march).birthdays.lines] == ["三月寿星"]
    assert [line.name for line in workbench.dashboard(this_year, october).birthdays.lines] == ["十月寿星"]
    visit = Visit.objects.create(
        member=make_member("病人"), occasion=VisitOccasion.objects.get(name="住院"), visited_on=march,
        recorded_by=users["welfare"],
    )  # fmt: skip
    in_march = workbench.dashboard(this_year, march)
    assert (in_march.in_hospital, in_march.hospital) == (
        workbench.Listed([workbench.Line("病人", day=march)], 1), visit.occasion_id
    )  # fmt: skip
    in_october = workbench.dashboard(this_year, october)
    assert (in_october.in_hospital, in_october.hospital) == (workbench.Listed([], 0), None)


def test_a_birthday_names_the_department_when_there_is_one(client_as, users):
    from members.models import Department

    day = timezone.localdate().replace(year=1990, day=1)
    make_member("无部门", birth_date=day)
    make_member("有部门", birth_date=day, department=Department.objects.create(name="后勤处"))
    page = _dashboard(client_as("welfare"))[0].content.decode()
    assert f'<li class="list-group-item">无部门 · {day.month}月1日</li>' in page
    assert f'<li class="list-group-item">有部门 · {day.month}月1日 · 后勤处</li>' in page


def test_campaigns_behind_schedule_link_to_their_page_with_their_deadline(client_as, users):
    _add(users, 2, 0)
    page = _dashboard(client_as("welfare"))[0].content.decode()
    for campaign in Campaign.objects.all():
        assert (
            f'<a href="/welfare/campaigns/{campaign.pk}/">{campaign.name}</a> · 期限 {campaign.due_on:%Y年%-m月%-d日}'
            in page
        )


def test_the_dashboard_leaves_out_the_donations_its_summary_does_not_show(client_as, users):
    with CaptureQueriesContext(connection) as queries:
        assert client_as("welfare").get("/welfare/").status_code == 200
    assert not [query for query in queries if "welfare_donationdrive" in query["sql"]]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plans are PostgreSQL's")
def test_pending_applications_and_the_years_payments_are_read_from_their_indexes(users):
    _add(users, 3, 0)
    waiting = _plan(*_read("waiting"))
    # the first rows in the index's order and their count from the index alone (or its heap, before a vacuum)
    assert len(re.findall(r"Index (Only )?Scan using welfare_pending_appl_idx", waiting)) == 2
    assert "Sort" not in waiting
    assert "Index Scan using welfare_paid_payment_idx" in _plan(*_read("payment_groups"))


def test_the_pending_applications_index_holds_the_applications_the_card_lists():
    (index,) = [index for index in Application._meta.indexes if index.name == "welfare_pending_appl_idx"]
    assert set(dict(index.condition.children)["status__in"]) == Application.PENDING
