"""Undoing roster mistakes: delete an entry nothing refers to (or say what does), merge a duplicate into the
right record with every reference, refusing what would clash."""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from simple_history.models import HistoricalChanges

from activities import services as activities
from activities.models import Registration
from activities.tests.factories import make_event
from congress.models import Delegate
from congress.tests.factories import make_delegate, make_term
from members import merge, services
from members.models import DuesRecord, Member, MembershipEvent, UnionGroup
from unionportal.notices import Notice
from welfare import services as welfare

pytestmark = pytest.mark.django_db
APRIL, MAY = datetime.date(2025, 4, 1), datetime.date(2025, 5, 1)


@pytest.fixture
def group():
    return UnionGroup.objects.create(name="语文组")


@pytest.fixture
def pair(group):
    """The right record and the same person entered again by mistake."""
    right = Member.objects.create(name="王芳", gender="F", is_union_member=True, union_group=group)
    twice = Member.objects.create(
        name="王芳", gender="F", is_union_member=True, union_group=group, phone="13912345678", post="教研组长"
    )
    return right, twice


def dues(member, month, paid=0):
    return DuesRecord.objects.create(member=member, month=month, wage_base=6000, due=30, paid=paid)


def test_an_entry_nothing_refers_to_is_deleted_with_its_timeline(client_as, group):
    mistake = services.create_member(name="张三", gender="M", union_group=group)
    services.join(member=mistake, on=datetime.date(2025, 1, 1))
    client = client_as("staff")
    page = client.get(f"/members/{mistake.pk}/delete/").content.decode()
    assert "删除后不能恢复：张三 的记录及其 1 条会籍记录将一并删除。确认删除吗？" in page
    response = client.post(f"/members/{mistake.pk}/delete/", follow=True)
    assert "已删除 张三 的记录。" in response.content.decode()
    assert not Member.objects.filter(pk=mistake.pk).exists()
    assert not MembershipEvent.objects.filter(member_id=mistake.pk).exists()


def test_deleting_is_refused_naming_what_refers_to_the_entry(client_as, users, pair):
    _right, twice = pair
    for month in (APRIL, MAY, datetime.date(2025, 6, 1)):
        dues(twice, month)
    welfare.apply_for_help(member=twice, actor=users["chair"], reason="住院", amount_requested="500")
    group = twice.union_group
    group.leader = twice
    group.save()
    with pytest.raises(ValidationError) as refused:
        merge.delete_member(member=twice, actor=users["chair"])
    assert refused.value.messages == [
        "不能删除：有工会小组的组长（1处）、3条会费记录、1份帮扶申请。如是重复录入，请合并到正确的记录。"
    ]
    page = client_as("staff").get(f"/members/{twice.pk}/delete/").content.decode()
    assert "不能删除：有工会小组的组长（1处）、3条会费记录、1条帮扶保密记录。" in page  # 委员 may not see welfare
    assert "确认删除" not in page
    assert client_as("staff").post(f"/members/{twice.pk}/delete/").status_code == 302
    assert Member.objects.filter(pk=twice.pk).exists()


def test_an_entry_with_a_login_is_not_deleted(users):
    member = users["member"].member
    with pytest.raises(ValidationError, match="不能删除：有登录账号 member"):
        merge.delete_member(member=member, actor=users["chair"])


def test_a_merge_moves_every_reference_and_notes_it(client_as, users, pair):
    right, twice = pair
    dues(right, APRIL)
    dues(twice, MAY, paid=30)
    term = make_term(number=4)
    make_delegate(term, twice)
    event = make_event()
    activities.sign_up(event=event, member=twice)
    MembershipEvent.objects.create(member=twice, kind="join", occurred_on=APRIL, to_status="active")
    login = User.objects.create_user("wangfang2")
    Member.objects.filter(pk=twice.pk).update(user=login)
    client = client_as("chair")
    preview = client.get(f"/members/{twice.pk}/merge/?kept={right.pk}").content.decode()
    assert "转到保留的记录：" in preview and "1条会费记录" in preview and "1条代表" in preview
    assert "保留的记录没有手机号，采用本条的“13912345678”" in preview
    assert "登录账号 wangfang2 转到保留的记录。" in preview
    assert "合并后不能撤销" in preview
    assert Member.objects.filter(pk=twice.pk).exists()  # the preview changes nothing

    response = client.post(f"/members/{twice.pk}/merge/", {"kept": right.pk}, follow=True)
    assert "已将 王芳 的重复记录合并到本记录。" in response.content.decode()
    assert not Member.objects.filter(pk=twice.pk).exists()
    right.refresh_from_db()
    assert sorted(right.dues.values_list("month", flat=True)) == [APRIL, MAY]
    assert Delegate.objects.get(term=term).member == right
    assert Registration.objects.get(event=event).member == right
    assert right.user == login and right.phone == "13912345678" and right.post == "教研组长"
    noted = right.events.get(kind=MembershipEvent.Kind.MERGE)
    assert f"合并重复记录 王芳（记录#{twice.pk}）" in noted.note and "1条会费记录" in noted.note
    assert right.events.filter(kind="join").exists()
    assert right.history.first().history_change_reason.startswith("合并重复记录")


@pytest.mark.parametrize("clash", ["dues", "delegate"])
def test_a_merge_that_would_clash_is_refused_and_changes_nothing(client_as, pair, clash):
    right, twice = pair
    if clash == "dues":
        dues(right, APRIL)
        dues(twice, APRIL)
        expected = "两条记录都有会费记录（月份 2025-04-01），不能合并：请先更正或删除其中一条。"
    else:
        term = make_term(number=4)
        make_delegate(term, right)
        make_delegate(term, twice)
        expected = f"两条记录都有代表（届 {term}），不能合并：请先更正或删除其中一条。"
    with pytest.raises(ValidationError) as refused:
        merge.merge(duplicate=twice, kept=right)
    assert refused.value.messages == [expected]
    page = client_as("chair").get(f"/members/{twice.pk}/merge/?kept={right.pk}").content.decode()
    assert expected in page and "确认合并" not in page
    assert Member.objects.filter(pk=twice.pk).exists()


def test_two_seats_in_one_committee_term_are_refused_as_clean_would(pair):
    from members.models import Committee, CommitteeSeat, CommitteeTerm

    right, twice = pair
    term = CommitteeTerm.objects.create(
        committee=Committee.objects.create(name="工会委员会"), number=1, starts_on=APRIL
    )
    CommitteeSeat.objects.create(term=term, member=right, post="委员")
    CommitteeSeat.objects.create(term=term, member=twice, post="副主席")
    with pytest.raises(ValidationError, match="两条记录都有委员会成员（届次 工会委员会第1届）"):
        merge.merge(duplicate=twice, kept=right)


def test_both_in_the_same_many_to_many_keeps_one_row(pair):
    from congress.models import BodyMeeting
    from members.models import Committee, CommitteeTerm

    right, twice = pair
    term = CommitteeTerm.objects.create(
        committee=Committee.objects.create(name="工会委员会"), number=1, starts_on=APRIL
    )
    meeting = BodyMeeting.objects.create(term=term, number=1, held_on=MAY, kind=BodyMeeting.Kind.PLENARY)
    meeting.attendees.set([right, twice])
    merge.merge(duplicate=twice, kept=right)
    assert list(meeting.attendees.all()) == [right]


def test_both_with_logins_close_the_duplicates_and_move_its_notices(pair):
    right, twice = pair
    kept_login, other = User.objects.create_user("wangfang"), User.objects.create_user("wangfang2")
    Member.objects.filter(pk=right.pk).update(user=kept_login)
    Member.objects.filter(pk=twice.pk).update(user=other)
    Notice.objects.create(recipient=other, text="会费已登记")
    right.refresh_from_db()
    twice.refresh_from_db()
    assert merge.plan_merge(twice, right).login == "登录账号 wangfang2 停用，其通知转给 wangfang。"
    merge.merge(duplicate=twice, kept=right)
    other.refresh_from_db()
    assert not other.is_active and Notice.objects.get().recipient == kept_login


def test_a_member_cannot_merge_into_itself(pair):
    right, _twice = pair
    with pytest.raises(ValidationError, match="不能把一条记录合并到它自己"):
        merge.merge(duplicate=right, kept=right)


def test_only_chair_and_staff_delete_or_merge(client_as, pair):
    _right, twice = pair
    for role in ("member", "welfare", "delegate"):
        client = client_as(role)
        assert client.get(f"/members/{twice.pk}/delete/").status_code == 403
        assert client.post(f"/members/{twice.pk}/merge/", {"kept": _right.pk}).status_code == 403
    assert Member.objects.filter(pk=twice.pk).exists()


def test_every_model_pointing_at_a_member_is_found():
    """An independent walk over every model's foreign keys: a model referring to Member that the merge's
    relation list missed would fail here."""
    expected = {
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models(include_auto_created=True)
        if not issubclass(model, HistoricalChanges)
        for field in model._meta.get_fields()
        if field.concrete and field.is_relation and field.related_model is Member
    }
    assert expected <= {link.key for link in merge.links()}
    assert {"members.DuesRecord.member", "welfare.Application.member", "congress.Delegate.member"} <= expected


def test_a_relation_the_merge_does_not_handle_stops_it(monkeypatch, pair):
    """If a model referring to Member escaped the moves, the merge refuses and changes nothing."""
    right, twice = pair
    dues(twice, MAY)
    every = merge.links

    def missing_dues(history=False):
        return [link for link in every(history) if link.model is not DuesRecord]

    monkeypatch.setattr(merge, "links", missing_dues)
    with pytest.raises(ValidationError, match="合并未完成：仍有1条会费记录指向 王芳"):
        merge.merge(duplicate=twice, kept=right)
    monkeypatch.undo()
    assert Member.objects.filter(pk=twice.pk).exists() and twice.dues.count() == 1
