"""Life events become visits with a due date, so no one is forgotten; the visit closes the task."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from members import services as member_services
from members.models import Member
from welfare import care, services
from welfare.models import CareTask, VisitOccasion

from .factories import make_member

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def hospital():
    occasion = VisitOccasion.objects.get(name="住院")
    occasion.usual_amount = Decimal("300")
    occasion.save()
    return occasion


def test_a_hospital_stay_opens_one_task_due_a_week_on_at_the_usual_amount(hospital, users):
    member = make_member("王芳")
    task = care.record_life_event(member=member, occasion=hospital, happened_on=TODAY, actor=users["welfare"])
    assert (task.due_on, task.amount) == (TODAY + datetime.timedelta(days=7), Decimal("300.00"))
    with pytest.raises(ValidationError, match="已有一项待办的住院走访"):
        care.record_life_event(member=member, occasion=hospital, happened_on=TODAY, actor=users["welfare"])
    assert CareTask.objects.count() == 1


def test_the_visit_closes_the_task(hospital, users):
    member = make_member("王芳")
    task = care.record_life_event(member=member, occasion=hospital, happened_on=TODAY, actor=users["welfare"])
    visit = services.record_visit(
        member=member, actor=users["welfare"], occasion=hospital, visited_on=TODAY, visitors=[users["chair"].member]
    )
    task.refresh_from_db()
    assert task.visit == visit
    assert not care.open_tasks().exists()


def test_retiring_in_the_roster_opens_a_retirement_visit(users):
    member = make_member("李老师", status=Member.Status.ACTIVE, is_union_member=True)
    member_services.retire(member=member, on=TODAY, actor=users["staff"])
    [task] = care.open_tasks()
    assert (task.member, task.occasion.name) == (member, "退休")


def test_no_task_for_someone_who_has_left(hospital, users):
    member = make_member("调出者", status=Member.Status.TRANSFERRED)
    with pytest.raises(ValidationError, match="已调出本单位"):
        care.record_life_event(member=member, occasion=hospital, happened_on=TODAY, actor=users["welfare"])
    assert not CareTask.objects.exists()


def test_an_occasion_without_a_deadline_is_not_a_life_event(users):
    festival = VisitOccasion.objects.get(name="节日")
    with pytest.raises(ValidationError, match="不是需要走访的事由"):
        care.record_life_event(member=make_member(), occasion=festival, happened_on=TODAY, actor=users["welfare"])


def test_the_page_records_an_event_and_the_dashboard_counts_it(client_as, hospital):
    member = make_member("王芳")
    client = client_as("welfare")
    response = client.post(
        "/welfare/care/", {"member": member.pk, "occasion": hospital.pk, "happened_on": TODAY.isoformat()}, follow=True
    )
    assert f"请于{TODAY + datetime.timedelta(days=7)}前走访" in response.content.decode()
    assert "待走访的关怀任务" in client.get("/").content.decode()
    task = CareTask.objects.get()
    form = client.get(f"/welfare/visits/new/?task={task.pk}").context["form"]
    assert (form["member"].value(), form["occasion"].value(), form["money"].value()) == (
        member.pk,
        hospital.pk,
        Decimal("300.00"),
    )


def test_a_future_event_date_is_refused_and_nothing_is_written(client_as, hospital):
    member = make_member("王芳")
    future = TODAY + datetime.timedelta(days=3)
    response = client_as("welfare").post(
        "/welfare/care/", {"member": member.pk, "occasion": hospital.pk, "happened_on": future.isoformat()}
    )
    assert "发生日期不能晚于今天" in response.content.decode()
    assert not CareTask.objects.exists()


@pytest.mark.parametrize("role", ["staff", "member", "auditor"])
def test_care_tasks_are_for_those_who_run_welfare(client_as, role):
    assert client_as(role).get("/welfare/care/").status_code == 403


def test_a_life_event_recorded_by_mistake_is_withdrawn_from_the_page_and_can_be_recorded_again(
    hospital, users, client_as
):
    member = make_member("王芳")
    task = care.record_life_event(member=member, occasion=hospital, happened_on=TODAY, actor=users["welfare"])
    client = client_as("welfare")
    page = client.get("/welfare/care/").text
    assert "撤销王芳的住院登记？" in page and f'action="/welfare/care/{task.pk}/withdraw/"' in page
    done = client.post(f"/welfare/care/{task.pk}/withdraw/", follow=True).text
    assert "已撤销王芳的住院走访任务。" in done and not CareTask.objects.exists()
    care.record_life_event(member=member, occasion=hospital, happened_on=TODAY, actor=users["welfare"])


def test_a_visited_task_is_not_withdrawn_and_a_member_cannot_withdraw_one(hospital, users, client_as):
    member = make_member("王芳")
    task = care.record_life_event(member=member, occasion=hospital, happened_on=TODAY, actor=users["welfare"])
    assert client_as("member").post(f"/welfare/care/{task.pk}/withdraw/").status_code == 403
    services.record_visit(
        member=member, actor=users["welfare"], occasion=hospital, visited_on=TODAY, visitors=[users["chair"].member]
    )
    with pytest.raises(ValidationError, match="已登记走访，不能撤销"):
        care.withdraw_task(task=task)
    assert CareTask.objects.filter(pk=task.pk).exists()


def test_a_retirement_entered_years_late_opens_no_visit(users):
    member = make_member("老教师", status=Member.Status.ACTIVE, is_union_member=True)
    member_services.retire(member=member, on=TODAY.replace(year=TODAY.year - 5), actor=users["staff"])
    assert not care.open_tasks().exists()
