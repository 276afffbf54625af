import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members import committees, org, registration
from members.models import Committee, CommitteeSeat, CommitteeTerm, Member, RegisteredPerson, Registration, UnionGroup

TODAY = datetime.date(2026, 3, 1)


def person(name, group=None, **fields):
    fields.setdefault("is_union_member", True)
    return Member.objects.create(name=name, gender="F", union_group=group, **fields)


@pytest.fixture
def union(db):
    chinese = UnionGroup.objects.create(name="语文组", sort_order=1)
    leader = person("刘晓梅", chinese)
    person("孙佳怡", chinese)
    person("临时工", chinese, is_union_member=False)
    person("已调出", chinese, is_union_member=False, status=Member.Status.TRANSFERRED)
    chinese.leader = leader
    org.save_group(chinese)
    committee = Committee.objects.create(name="工会委员会")
    term = CommitteeTerm.objects.create(committee=committee, number=6, starts_on=datetime.date(2024, 9, 1))
    committees.save_seat(CommitteeSeat(term=term, member=leader, post="主席"))
    return chinese


def test_freezing_snapshots_groups_leaders_people_and_current_seats(union):
    frozen = registration.freeze_year(year=2026, today=TODAY)
    (group,) = frozen.groups.all()
    assert (group.name, group.leader_name, group.headcount, group.member_count) == ("语文组", "刘晓梅", 3, 2)
    assert sorted(p.name for p in group.people.all()) == sorted(["刘晓梅", "孙佳怡", "临时工"])
    assert [(s.committee_name, s.term_number, s.post, s.member_name) for s in frozen.seats.all()] == [
        ("工会委员会", 6, "主席", "刘晓梅")
    ]


def test_a_frozen_year_does_not_change_when_the_union_does(union):
    registration.freeze_year(year=2026, today=TODAY)
    union.name = "语文教研组"
    union.leader = None
    union.save()
    Member.objects.filter(name="孙佳怡").delete()
    group = registration.registration_of(2026).groups.get()
    assert (group.name, group.leader_name) == ("语文组", "刘晓梅")
    assert "孙佳怡" in [p.name for p in group.people.all()]


def test_freezing_the_same_year_twice_is_refused(union):
    registration.freeze_year(year=2026, today=TODAY)
    with pytest.raises(ValidationError, match="2026年度已于 .* 登记，不能重复登记"):
        registration.freeze_year(year=2026, today=TODAY)
    assert Registration.objects.count() == 1


def test_only_this_year_or_last_can_be_frozen(union):
    with pytest.raises(ValidationError, match="只能登记今年或上一年"):
        registration.freeze_year(year=2024, today=TODAY)
    with pytest.raises(ValidationError, match="只能登记今年或上一年"):
        registration.freeze_year(year=2027, today=TODAY)
    registration.freeze_year(year=2025, today=TODAY)


def test_people_in_no_group_are_registered_as_ungrouped(union):
    person("新人")
    frozen = registration.freeze_year(year=2026, today=TODAY)
    assert [g.name for g in frozen.groups.all()] == ["语文组", "未分组"]


def freeze_queries(groups, per_group):
    for g in range(groups):
        group = UnionGroup.objects.create(name=f"{groups}组{g}")
        Member.objects.bulk_create(
            Member(name=f"人{groups}-{g}-{i}", name_pinyin=f"r{groups}{g}{i}", gender="M", union_group=group)
            for i in range(per_group)
        )
    with CaptureQueriesContext(connection) as queries:
        registration.freeze_year(year=2026, today=TODAY)
    return len(queries)


def test_freezing_runs_the_same_number_of_queries_for_a_small_and_a_large_union(db):
    small = freeze_queries(2, 3)
    Registration.objects.all().delete()
    large = freeze_queries(30, 20)
    assert small == large
    assert RegisteredPerson.objects.count() == 2 * 3 + 30 * 20


def test_staff_freezes_from_the_page_and_everybody_allowed_reads_it(client_as, union):
    client = client_as("staff")
    year = datetime.date.today().year
    response = client.post("/members/registration/freeze/", {"year": year, "confirm": "on"})
    assert response.url == f"/members/registration/{year}/"
    content = client.get(response.url).content.decode()
    assert "语文组" in content and "刘晓梅" in content and "只读" in content
    again = client.post("/members/registration/freeze/", {"year": year, "confirm": "on"}, follow=True)
    assert "不能重复登记" in again.content.decode()
    assert client_as("welfare").get(f"/members/registration/{year}/").status_code == 200


def test_freeze_without_confirmation_is_refused(client_as, union):
    response = client_as("staff").post("/members/registration/freeze/", {"year": TODAY.year}, follow=True)
    assert "请先勾选确认" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_year_not_frozen_is_not_found(client_as, db):
    assert client_as("staff").get("/members/registration/1999/").status_code == 404


@pytest.mark.parametrize("size", [2, 30])
def test_registration_page_runs_a_fixed_number_of_queries(size, client_as, django_assert_max_num_queries):
    client = client_as("staff")
    for g in range(size):
        group = UnionGroup.objects.create(name=f"组{g}")
        for i in range(5):
            person(f"人{g}-{i}", group)
    registration.freeze_year(year=datetime.date.today().year)
    with django_assert_max_num_queries(11):
        response = client.get(f"/members/registration/{datetime.date.today().year}/")
    assert response.status_code == 200


def test_the_freeze_form_offers_only_years_not_yet_frozen(client_as, union):
    year = datetime.date.today().year
    registration.freeze_year(year=year)
    content = client_as("staff").get(f"/members/registration/{year}/").content.decode()
    assert f'<option value="{year - 1}"' in content and f'<option value="{year}"' not in content
    registration.freeze_year(year=year - 1)
    assert "登记并冻结" not in client_as("staff").get(f"/members/registration/{year}/").content.decode()
