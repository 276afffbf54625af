import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from simple_history.models import HistoricalRecords

from members.models import Member
from unionportal.notices import Notice

from .. import services
from ..models import Event, Honour, Registration, Result
from .factories import make_event, make_group, make_member

pytestmark = pytest.mark.django_db
Status = Registration.Status


def test_capacity_is_never_exceeded_later_comers_wait_in_order():
    event = make_event(capacity=2)
    people = [make_member() for _ in range(4)]
    registrations = [services.sign_up(event=event, member=person) for person in people]
    assert [r.status for r in registrations] == [
        Status.REGISTERED,
        Status.REGISTERED,
        Status.WAITLISTED,
        Status.WAITLISTED,
    ]
    assert event.registrations.filter(status=Status.REGISTERED).count() == 2


def test_a_sign_up_runs_as_few_queries_for_the_thirtieth_person_as_for_the_first():
    """The refusal of a second sign-up, then, sent together, the event lock every other sign-up waits for and one
    statement that counts the places taken and writes the row, its history and its timeline step (other databases
    than PostgreSQL write those two after it); nothing per earlier sign-up."""
    event = make_event(capacity=10)
    people = [make_member() for _ in range(30)]

    def queries(person):
        with CaptureQueriesContext(connection) as captured:
            services.sign_up(event=event, member=person)
        return [query["sql"] for query in captured if "SAVEPOINT" not in query["sql"]]

    first = queries(people[0])
    for person in people[1:-1]:
        services.sign_up(event=event, member=person)
    last = queries(people[-1])
    assert len(last) == len(first) == (2 if connection.vendor == "postgresql" else 4)
    assert event.registrations.filter(status=Status.WAITLISTED).count() == 20


def test_unlimited_event_takes_everyone():
    event = make_event(capacity=None)
    for _ in range(5):
        assert services.sign_up(event=event, member=make_member()).status == Status.REGISTERED


def test_an_event_deleted_after_its_page_was_read_refuses_the_sign_up_by_name():
    event, member = make_event(capacity=5), make_member()
    Event.objects.filter(pk=event.pk).delete()
    with pytest.raises(ValidationError, match="本活动已被删除"):
        services.sign_up(event=event, member=member)
    assert not Registration.objects.exists()


def test_cancellation_promotes_the_first_on_the_waitlist_and_tells_them():
    event = make_event(capacity=1)
    first, second, third = (make_member(account=True) for _ in range(3))
    mine = services.sign_up(event=event, member=first)
    services.sign_up(event=event, member=second)
    services.sign_up(event=event, member=third)
    _, promoted = services.cancel(registration=mine, actor=None)
    assert promoted.member == second
    assert promoted.status == Status.REGISTERED
    assert event.registrations.get(member=third).status == Status.WAITLISTED
    notice = Notice.objects.get(recipient=second.user)
    assert "候补已转为正式报名" in notice.text
    assert not Notice.objects.filter(recipient=third.user).exists()
    assert [s.to_status for s in promoted.steps.all()] == [Status.WAITLISTED, Status.REGISTERED]


def test_a_sign_up_keeps_its_history_row_without_building_a_manager_class_for_it():
    """Each history row reads the model's history manager: its class is built once, not on every sign-up (under the
    event's lock)."""
    assert type(Registration.history) is type(Registration.history)
    registration = services.sign_up(event=make_event(capacity=1), member=make_member())
    assert [(row.status, row.history_type) for row in registration.history.all()] == [(Status.REGISTERED, "+")]


def test_a_sign_up_on_behalf_records_its_history_and_step_as_a_save_would(rf):
    """The history row copies the registration and names the signed-in user; the step says who entered it, how."""
    staff = User.objects.create_user("staff")
    event = make_event(capacity=1)
    services.sign_up(event=event, member=make_member())
    HistoricalRecords.context.request = rf.post("/")
    HistoricalRecords.context.request.user = staff
    try:
        registration = services.sign_up(event=event, member=make_member(), actor=staff, on_behalf=True)
    finally:
        del HistoricalRecords.context.request
    stored = Registration.objects.get(pk=registration.pk)
    assert (stored.status, stored.position, stored.added_by, stored.created_at) == (
        Status.WAITLISTED,
        2,
        staff,
        registration.created_at,
    )
    [row] = stored.history.all()
    assert (row.history_type, row.history_user, row.history_change_reason) == ("+", staff, None)
    assert row.instance == stored and [getattr(row, f.attname) for f in Registration._meta.concrete_fields] == [
        getattr(stored, f.attname) for f in Registration._meta.concrete_fields
    ]
    [step] = stored.steps.all()
    assert (step.actor, step.action, step.from_status, step.to_status, step.note, step.internal) == (
        staff,
        "enter",
        "",
        Status.WAITLISTED,
        "代为报名",
        False,
    )


def test_cancelling_a_waitlisted_sign_up_promotes_nobody():
    event = make_event(capacity=1)
    services.sign_up(event=event, member=make_member())
    waiting = services.sign_up(event=event, member=make_member())
    _, promoted = services.cancel(registration=waiting, actor=None)
    assert promoted is None
    assert not Notice.objects.exists()


def test_cancelled_sign_up_cannot_be_cancelled_again():
    event = make_event()
    registration = services.sign_up(event=event, member=make_member())
    services.cancel(registration=registration, actor=None)
    with pytest.raises(ValidationError, match="已取消"):
        services.cancel(registration=registration, actor=None)


def test_a_person_cannot_sign_up_twice_but_may_again_after_cancelling():
    event = make_event()
    person = make_member()
    registration = services.sign_up(event=event, member=person)
    with pytest.raises(ValidationError, match="已报名"):
        services.sign_up(event=event, member=person)
    assert services.sign_up(event=make_event(), member=person).status == Status.REGISTERED  # another event's place
    services.cancel(registration=registration, actor=None)
    assert services.sign_up(event=event, member=person).status == Status.REGISTERED


def test_members_only_event_refuses_non_members():
    event = make_event(eligibility=Event.Eligibility.MEMBERS)
    with pytest.raises(ValidationError, match="仅限工会会员"):
        services.sign_up(event=event, member=make_member(is_union_member=False))


def test_members_first_until_a_date_then_open_to_all_staff():
    event = make_event(
        eligibility=Event.Eligibility.MEMBERS_FIRST, members_first_until=timezone.now() + datetime.timedelta(days=1)
    )
    outsider = make_member(is_union_member=False)
    with pytest.raises(ValidationError, match="会员优先"):
        services.sign_up(event=event, member=outsider)
    assert services.sign_up(event=event, member=make_member()).status == Status.REGISTERED
    event.members_first_until = timezone.now() - datetime.timedelta(minutes=1)
    event.save()
    assert services.sign_up(event=event, member=outsider).status == Status.REGISTERED


def test_womens_event_refuses_men():
    event = make_event(eligibility=Event.Eligibility.WOMEN)
    with pytest.raises(ValidationError, match="女职工"):
        services.sign_up(event=event, member=make_member(gender=Member.Gender.MALE))


def test_retirees_event_is_for_retirees_and_all_staff_event_for_those_in_post():
    for_retirees = make_event(eligibility=Event.Eligibility.RETIREES)
    retiree, teacher = make_member(status=Member.Status.RETIRED), make_member()
    with pytest.raises(ValidationError, match="退休"):
        services.sign_up(event=for_retirees, member=teacher)
    services.sign_up(event=for_retirees, member=retiree)
    with pytest.raises(ValidationError, match="在职"):
        services.sign_up(event=make_event(), member=retiree)


def test_sign_up_window_is_enforced_for_members_but_not_for_staff_adding_on_behalf(users):
    now = timezone.now()
    event = make_event(signup_closes_at=now - datetime.timedelta(hours=1))
    person = make_member()
    with pytest.raises(ValidationError, match="截止"):
        services.sign_up(event=event, member=person)
    registration = services.sign_up(event=event, member=person, actor=users["staff"], on_behalf=True)
    assert registration.added_by == users["staff"]
    not_yet = make_event(signup_opens_at=now + datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="尚未开始"):
        services.sign_up(event=not_yet, member=person)


def test_team_sign_up_is_one_team_per_union_group_and_fills_places_in_order(users):
    event = make_event(is_team_event=True, capacity=1, title="拔河比赛")
    group_a, group_b = make_group("语文组"), make_group("数学组")
    first = services.sign_up_team(
        event=event, union_group=group_a, actor=users["staff"], members=[make_member(union_group=group_a)]
    )
    assert first.status == Status.REGISTERED and first.team.members.count() == 1
    with pytest.raises(ValidationError, match="已报名"):
        services.sign_up_team(event=event, union_group=group_a, actor=users["staff"])
    second = services.sign_up_team(event=event, union_group=group_b, actor=users["staff"])
    assert second.status == Status.WAITLISTED
    with pytest.raises(ValidationError, match="团体项目"):
        services.sign_up(event=event, member=make_member())


def test_team_players_come_from_the_entering_group_and_must_be_eligible(users):
    event = make_event(is_team_event=True, capacity=None, title="女职工拔河", eligibility=Event.Eligibility.WOMEN)
    group, other = make_group("语文组"), make_group("数学组")
    woman, man = make_member(union_group=group), make_member(union_group=group, gender=Member.Gender.MALE)
    with pytest.raises(ValidationError, match="不在语文组"):
        services.sign_up_team(
            event=event, union_group=group, actor=users["staff"], members=[make_member(union_group=other)]
        )
    with pytest.raises(ValidationError, match="面向女职工"):
        services.sign_up_team(event=event, union_group=group, actor=users["staff"], members=[woman, man])
    with pytest.raises(ValidationError, match="不在语文组"):
        services.sign_up_team(
            event=event, union_group=group, actor=users["staff"], captain=make_member(union_group=other)
        )
    assert not event.teams.exists()
    registration = services.sign_up_team(
        event=event, union_group=group, actor=users["staff"], captain=woman, members=[woman]
    )
    assert registration.team.captain == woman


def test_waitlist_moves_up_in_order_when_staff_add_places(users):
    event = make_event(capacity=1)
    people = [make_member(account=True) for _ in range(4)]
    registrations = [services.sign_up(event=event, member=person) for person in people]
    services.update_event(event=event, actor=users["staff"], capacity=3)
    statuses = [Registration.objects.get(pk=r.pk).status for r in registrations]
    assert statuses == [Status.REGISTERED, Status.REGISTERED, Status.REGISTERED, Status.WAITLISTED]
    told = set(Notice.objects.values_list("recipient", flat=True))
    assert told == {people[1].user_id, people[2].user_id}


def test_places_cannot_drop_below_those_taken(users):
    event = make_event(capacity=3)
    for _ in range(2):
        services.sign_up(event=event, member=make_member())
    with pytest.raises(ValidationError, match="已有 2 个名额被占用"):
        services.update_event(event=event, actor=users["staff"], capacity=1)
    event.refresh_from_db()
    assert event.capacity == 3


def test_team_event_sign_up_refused_for_individual_event(users):
    with pytest.raises(ValidationError, match="不是团体项目"):
        services.sign_up_team(event=make_event(), union_group=make_group(), actor=users["staff"])


def test_only_registered_people_can_be_checked_in(users):
    event = make_event(capacity=1)
    registered = services.sign_up(event=event, member=make_member())
    waiting = services.sign_up(event=event, member=make_member())
    on_the_day = event.starts_at
    assert services.check_in(registration=registered, actor=users["staff"], now=on_the_day).checked_in_at is not None
    with pytest.raises(ValidationError, match="签到"):
        services.check_in(registration=waiting, actor=users["staff"], now=on_the_day)


def test_staff_cannot_tick_check_in_before_the_event_day(users):
    event = make_event(capacity=1)
    registered = services.sign_up(event=event, member=make_member())
    with pytest.raises(ValidationError, match="当天才能签到"):
        services.check_in(registration=registered, actor=users["staff"])
    registered.refresh_from_db()
    assert registered.checked_in_at is None


def test_member_checks_in_with_the_door_code_on_the_day():
    start = timezone.now() - datetime.timedelta(minutes=5)
    event = make_event(starts_at=start, ends_at=start + datetime.timedelta(hours=2), capacity=None)
    person = make_member()
    Registration.objects.create(event=event, member=person, position=1)
    with pytest.raises(ValidationError, match="签到码无效"):
        services.self_check_in(event=event, member=person, code="wrong")
    registration = services.self_check_in(event=event, member=person, code=event.check_in_code)
    assert registration.checked_in_at is not None


def _held(event):
    """The event signed up for beforehand has now begun: results may be recorded."""
    start = timezone.now() - datetime.timedelta(hours=1)
    Event.objects.filter(pk=event.pk).update(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    event.refresh_from_db()
    return event


def test_prizes_and_top_three_places_feed_the_honours_register(users):
    event = _held(make_event(title="教工运动会", level="county"))
    winner, sixth = make_member(), make_member()
    services.record_result(event=event, actor=users["staff"], item="50米", member=winner, prize="first", rank=1)
    services.record_result(event=event, actor=users["staff"], item="50米", member=sixth, rank=6)
    honour = Honour.objects.get()
    assert honour.member == winner
    assert honour.title == "教工运动会50米第1名一等奖"
    assert honour.level == "county"
    assert honour.year == timezone.localtime(event.starts_at).year


def test_team_award_honours_the_union_group(users):
    event = make_event(is_team_event=True, capacity=None, title="拔河比赛")
    group = make_group("艺体组")
    registration = services.sign_up_team(event=event, union_group=group, actor=users["staff"])
    event = _held(event)
    services.record_result(event=event, actor=users["staff"], team=registration.team, prize="second")
    assert Honour.objects.get().union_group == group


def test_result_needs_a_person_or_a_team_and_a_placing(users):
    event = _held(make_event())
    with pytest.raises(ValidationError, match="二选一"):
        services.record_result(event=event, actor=users["staff"], prize="first")
    with pytest.raises(ValidationError, match="名次或奖项"):
        services.record_result(event=event, actor=users["staff"], member=make_member())


def test_joint_event_needs_a_department(users):
    start = timezone.now()
    with pytest.raises(ValidationError):
        services.create_event(
            actor=users["staff"],
            title="健康讲座",
            kind=Event.Kind.LECTURE,
            starts_at=start,
            ends_at=start,
            place="报告厅",
            organiser=Event.Organiser.JOINT,
        )


def test_sign_ups_close_by_the_end_of_the_event_and_there_is_no_place_zero(db):
    from activities.forms import ResultForm

    from .factories import make_event

    event = make_event()
    event.signup_closes_at = event.ends_at + datetime.timedelta(days=10)
    with pytest.raises(ValidationError, match="报名截止不能晚于活动结束时间"):
        event.full_clean()
    form = ResultForm({"rank": "0", "prize": ""}, event=event)
    assert "rank" in form.errors and "名次不能小于1" in form.errors["rank"][0]


def test_no_result_is_recorded_before_the_event_starts(users):
    event = make_event(title="教工运动会", starts_at=timezone.make_aware(datetime.datetime(2099, 5, 1, 14, 30)))
    event.ends_at = event.starts_at + datetime.timedelta(hours=2)
    event.save()
    with pytest.raises(ValidationError, match="活动“教工运动会”的开始时间是2099-05-01 14:30，尚未开始，不能登记成绩"):
        services.record_result(event=event, actor=users["staff"], member=make_member(), prize="first")
    assert not Result.objects.exists() and not Honour.objects.exists()
    event = _held(event)
    assert services.record_result(event=event, actor=users["staff"], member=make_member(), prize="first").pk
