import datetime

import pytest
from django.core.exceptions import ValidationError

from members import services
from members.models import Member, MembershipEvent, UnionGroup

DAY = datetime.date(2025, 3, 1)
Kind = MembershipEvent.Kind


@pytest.fixture
def person(db):
    return Member.objects.create(name="王小明", gender="M", is_union_member=False)


@pytest.fixture
def member(db):
    return Member.objects.create(name="李华", gender="F", is_union_member=True, joined_on=datetime.date(2010, 9, 1))


def test_join_makes_a_member_and_writes_a_dated_event(person):
    event = services.join(member=person, on=DAY, card_number="QS1")
    person.refresh_from_db()
    assert person.is_union_member and person.joined_on == DAY and person.card_number == "QS1"
    assert (event.kind, event.occurred_on) == (Kind.JOIN, DAY)


def test_joining_twice_is_refused(person):
    services.join(member=person, on=DAY)
    with pytest.raises(ValidationError, match="已是工会会员"):
        services.join(member=person, on=DAY)
    assert person.events.count() == 1


def test_a_former_member_must_rejoin_not_join(member):
    services.transfer_out(member=member, on=DAY, to_union="市一中工会")
    member.refresh_from_db()
    member.status = Member.Status.ACTIVE
    member.save()
    with pytest.raises(ValidationError, match="重新入会"):
        services.join(member=member, on=DAY)
    services.rejoin(member=member, on=DAY)
    member.refresh_from_db()
    assert member.is_union_member
    assert member.joined_on == datetime.date(2010, 9, 1)


def test_readmitting_a_current_member_is_refused(member):
    with pytest.raises(ValidationError, match="现为工会会员"):
        services.rejoin(member=member, on=DAY)


def test_rejoin_needs_an_earlier_membership(person):
    with pytest.raises(ValidationError, match="从未入会"):
        services.rejoin(member=person, on=DAY)


def test_transfer_out_names_the_receiving_union(member):
    with pytest.raises(ValidationError, match="会籍转移"):
        services.transfer_out(member=member, on=DAY, to_union=" ")
    event = services.transfer_out(member=member, on=DAY, to_union="市一中工会")
    member.refresh_from_db()
    assert member.status == Member.Status.TRANSFERRED and not member.is_union_member
    assert (event.from_status, event.to_status, event.other_union) == ("active", "transferred", "市一中工会")


def test_transfer_in_keeps_the_original_join_date(person):
    group = UnionGroup.objects.create(name="语文组")
    event = services.transfer_in(
        member=person, on=DAY, from_union="区实验小学工会", union_group=group, joined_on=datetime.date(2015, 5, 4)
    )
    person.refresh_from_db()
    assert person.is_union_member and person.joined_on == datetime.date(2015, 5, 4)
    assert person.union_group == group and event.to_group == group and event.from_group is None


def test_transfer_in_of_a_member_is_refused(member):
    with pytest.raises(ValidationError, match="已是本会会员"):
        services.transfer_in(member=member, on=DAY, from_union="外单位")


def test_retiree_stays_on_the_roster_and_keeps_membership(member):
    services.retire(member=member, on=DAY)
    member.refresh_from_db()
    assert member.status == Member.Status.RETIRED and member.is_union_member
    with pytest.raises(ValidationError, match="不能办理退休"):
        services.retire(member=member, on=DAY)


def test_death_ends_membership_and_nothing_follows(member):
    services.record_death(member=member, on=DAY, note="病故")
    member.refresh_from_db()
    assert member.status == Member.Status.DECEASED and not member.is_union_member
    for kind in (Kind.RETIRE, Kind.DECEASE, Kind.GROUP_MOVE):
        assert member.status not in MembershipEvent.ALLOWED_FROM[kind]
    with pytest.raises(ValidationError, match="去世"):
        services.record_death(member=member, on=DAY)


def test_group_move_records_old_and_new_group(member):
    a, b = UnionGroup.objects.create(name="A组"), UnionGroup.objects.create(name="B组")
    member.union_group = a
    member.save()
    event = services.move_group(member=member, to_group=b, on=DAY)
    assert (event.from_group, event.to_group) == (a, b)
    with pytest.raises(ValidationError, match="已在该小组"):
        services.move_group(member=member, to_group=b, on=DAY)


def test_future_dates_are_refused(person):
    with pytest.raises(ValidationError, match="晚于今天"):
        services.join(member=person, on=datetime.date(2999, 1, 1))


def test_staff_records_an_event_and_the_member_page_shows_the_timeline(client_as, users):
    person = Member.objects.create(name="赵六", gender="M")
    client = client_as("staff")
    response = client.post(f"/members/{person.pk}/events/new/", {"kind": "join", "occurred_on": "2025-03-01"})
    assert response.status_code == 302
    content = client.get(f"/members/{person.pk}/").content.decode()
    assert "2025-03-01" in content and "入会" in content


def test_refused_event_shows_the_reason(client_as, users):
    member = users["member"].member
    client = client_as("staff")
    response = client.post(
        f"/members/{member.pk}/events/new/", {"kind": "join", "occurred_on": "2025-03-01"}, follow=True
    )
    assert "已是工会会员" in response.content.decode()


def test_member_cannot_record_events(client_as, users):
    member = users["member"].member
    response = client_as("member").post(
        f"/members/{member.pk}/events/new/", {"kind": "retire", "occurred_on": "2025-03-01"}
    )
    assert response.status_code == 403


def test_a_card_number_is_one_persons_and_a_group_move_names_what_is_missing(db):
    member_services = services

    holder = member_services.create_member(name="陈志强", gender="M", card_number="QS00004")
    with pytest.raises(ValidationError, match="会员证号“QS00004”已是陈志强的证号，不能重复"):
        member_services.create_member(name="测试丁", gender="F", card_number="QS00004")
    newcomer = member_services.create_member(name="孙佳怡", gender="F")
    with pytest.raises(ValidationError, match="已是陈志强的证号"):
        member_services.join(member=newcomer, on=datetime.date(2026, 3, 1), card_number="QS00004")
    with pytest.raises(ValidationError, match="请选择调入的工会小组"):
        member_services.move_group(member=holder, to_group=None, on=datetime.date(2026, 3, 1))


def test_nobody_is_born_after_today(db):
    from django.utils import timezone

    member_services = services

    with pytest.raises(ValidationError, match="出生日期不能晚于今天"):
        member_services.create_member(
            name="测试戌", gender="M", birth_date=timezone.localdate() + datetime.timedelta(days=1)
        )
