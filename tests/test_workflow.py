"""The workflow kernel (unionportal/workflow.py), told through the disclosure item's table."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from disclosure.models import DisclosureItem, ItemStep
from disclosure.tests.factories import make_item
from unionportal import workflow
from unionportal.documents.models import Job
from unionportal.notices import Notice

pytestmark = pytest.mark.django_db
S = DisclosureItem.Status


def _unchanged(item, status, steps):
    item.refresh_from_db()
    return item.status == status and item.steps.count() == steps


def test_a_move_from_the_wrong_state_is_refused_in_chinese_and_changes_nothing(users):
    item = make_item("draft")
    with pytest.raises(workflow.WrongState, match="公开事项现在是“草稿”，不能归档。"):
        workflow.move(item, "archive", actor=users["staff"])
    assert _unchanged(item, S.DRAFT, 1)


def test_a_move_by_someone_the_table_does_not_allow_is_refused(users):
    item = make_item("pending")
    with pytest.raises(workflow.Forbidden, match="您不能退回修改这个公开事项。"):
        workflow.move(item, "return", actor=users["member"], review_comment="x")
    assert _unchanged(item, S.PENDING, 2)


def test_a_move_from_a_page_someone_else_has_moved_on_is_stale(users):
    item = make_item("pending")
    with pytest.raises(workflow.Stale, match="已被他人处理，现在是“预审中”"):
        workflow.move(item, "return", actor=users["staff"], seen=S.DRAFT)
    assert _unchanged(item, S.PENDING, 2)


def test_an_unknown_action_is_named_in_the_refusal(users):
    with pytest.raises(ValidationError, match="没有“fly”这个操作"):
        workflow.move(make_item("draft"), "fly", actor=users["staff"])


def test_a_move_saves_the_fields_writes_the_step_and_tells_whom_the_table_names(users):
    drafter = users["chair"]
    item = make_item("pending", actor=drafter)
    Notice.objects.all().delete()
    moved = workflow.move(item, "return", actor=users["staff"], note="补充明细", review_comment="补充明细")
    assert moved.status == S.RETURNED and moved.review_comment == "补充明细"
    step = moved.steps.last()
    assert (step.action, step.from_status, step.to_status, step.actor) == (
        "return",
        "pending",
        "returned",
        users["staff"],
    )
    assert step.label == "退回修改" and step.actor_name == "staff"
    notice = Notice.objects.get()
    assert notice.recipient == drafter and notice.kind == "disclosure.disclosureitem.return"
    assert "补充明细" in notice.text and notice.url == item.get_absolute_url()


def test_the_actor_is_not_told_of_her_own_move(users):
    item = make_item("draft", actor=users["staff"])
    Notice.objects.all().delete()
    workflow.move(item, "submit", actor=users["staff"])  # the row tells union staff: the chair, not staff herself
    assert set(Notice.objects.values_list("recipient__username", flat=True)) == {"chair"}


def test_nobody_passes_or_returns_in_review_an_item_she_drafted(users):
    item = make_item("pending", actor=users["staff"])
    for action, fields in (("return", {"review_comment": "x"}), ("approve", {})):
        with pytest.raises(workflow.Forbidden):
            workflow.move(item, action, actor=users["staff"], **fields)
    assert {a.name for a in workflow.flow_for(item).available(item, users["chair"])} >= {"return", "approve"}


def test_a_stale_instance_is_read_afresh_under_the_lock(users):
    item = make_item("draft")
    same = DisclosureItem.objects.get(pk=item.pk)
    workflow.move(item, "submit", actor=users["staff"])
    with pytest.raises(workflow.WrongState):
        workflow.move(same, "submit", actor=users["staff"])
    assert ItemStep.objects.filter(item=item, action="submit").count() == 1


def test_a_move_writes_the_state_and_its_fields_alone(users):
    item = make_item("pending")
    with CaptureQueriesContext(connection) as queries:
        workflow.move(item, "return", actor=users["staff"], review_comment="补充明细")
    (update,) = [query["sql"] for query in queries if query["sql"].startswith("UPDATE")]
    assert update.split(" WHERE ")[0].count("=") == 2 and '"review_comment"' in update


def test_the_lock_reads_the_row_as_the_orm_does_and_a_missing_one_is_refused(users):
    """The lock's statement is built once (workflow.Workflow.lock): every column comes back converted (the key,
    the JSON parameters, the dates), and a row deleted meanwhile is DoesNotExist, as a query's get() says."""
    job = Job.objects.create(owner=users["staff"], kind="notice", params={"title": "通知", "n": [1, 2]}, title="通知")
    flow = workflow.flow_for(job)
    with transaction.atomic():
        locked = flow.lock(Job(pk=str(job.pk)))
        again = flow.lock(job)
    expected = Job.objects.get(pk=job.pk)
    for column in Job._meta.concrete_fields:
        assert getattr(locked, column.attname) == getattr(expected, column.attname) == getattr(again, column.attname)
    job.delete()
    with transaction.atomic(), pytest.raises(Job.DoesNotExist):
        flow.lock(expected)


def test_a_row_its_caller_locked_is_not_read_again(users):
    item = make_item("draft")
    flow = workflow.flow_for(item)
    with transaction.atomic():
        locked = flow.lock(item)
        with CaptureQueriesContext(connection) as queries:
            flow.move(locked, "submit", actor=users["staff"], locked=True)
    assert not [query for query in queries if "FOR UPDATE" in query["sql"]]
    item.refresh_from_db()
    assert item.status == S.PENDING


def test_blocked_actions_say_why_and_show_no_button(users):
    item = make_item("published")
    assert "close" not in [b.action.name for b in workflow.buttons(item, users["staff"])]
    with pytest.raises(workflow.NotYet, match="尚未结束"):
        workflow.move(item, "close", actor=users["staff"])


def test_buttons_are_the_actions_open_to_this_user_now(users):
    item = make_item("pending")
    assert {b.action.name for b in workflow.buttons(item, users["staff"])} == {"return", "approve"}
    assert workflow.buttons(item, users["member"]) == []


def test_the_page_posts_its_state_and_a_stale_page_is_told_so(client_as, users):
    item = make_item("pending")
    page = client_as("staff").get(item.get_absolute_url()).content.decode()
    assert 'name="state" value="pending"' in page and 'data-action="approve"' in page
    workflow.move(item, "return", actor=users["chair"], review_comment="先退回")
    response = client_as("staff").post(f"/disclosure/{item.pk}/approve/", {"state": "pending"}, follow=True)
    assert "已被他人处理，现在是“已退回”" in response.content.decode()
    item.refresh_from_db()
    assert item.status == S.RETURNED


def test_a_form_error_names_the_field(client_as):
    item = make_item("pending")
    response = client_as("staff").post(f"/disclosure/{item.pk}/return/", {"state": "pending"}, follow=True)
    # the field named once: not "预审意见：请填写预审意见。"
    assert [str(m) for m in response.context["messages"]] == ["请填写预审意见。"]
    item.refresh_from_db()
    assert item.status == S.PENDING


def test_irreversible_actions_ask_first_saying_what_will_happen(client_as):
    item = make_item("closed")
    page = client_as("staff").get(item.get_absolute_url()).content.decode()
    assert "归档后事项不能再修改或整改，确定归档？" in page and "确认归档" in page


def test_done_message_says_what_happened(client_as):
    item = make_item("pending")
    response = client_as("staff").post(
        f"/disclosure/{item.pk}/approve/",
        {"state": "pending", "period_start": "2099-01-01", "period_end": "2099-01-07"},
        follow=True,
    )
    assert "已通过预审，公示至1月7日。" in response.content.decode()


def test_timeline_shows_names_not_logins(client_as, users):
    users["staff"].member.name = "王芳"
    users["staff"].member.save()
    item = make_item("pending", actor=users["staff"])
    page = client_as("chair").get(item.get_absolute_url()).content.decode()
    assert '<span data-testid="actor">王芳</span>' in page


def test_every_table_is_found_at_start_up():
    assert "disclosure.DisclosureItem" in {str(flow) for flow in workflow.workflows()}


def test_a_refused_form_comes_back_open_with_what_was_typed(client_as):
    item = make_item("pending")
    client = client_as("staff")
    typed = {"state": "pending", "period_start": "2099-01-01", "period_end": "不是日期"}
    response = client.post(f"/disclosure/{item.pk}/approve/", typed, follow=True)
    page = response.content.decode()
    assert 'data-action="approve" open' in page and 'value="2099-01-01"' in page
    assert 'value="不是日期"' in page
    # kept for one drawing of the page only
    assert 'value="2099-01-01"' not in client.get(item.get_absolute_url()).content.decode()


def test_what_was_typed_is_kept_when_the_service_refuses_it(client_as):
    item = make_item("pending")
    typed = {"state": "pending", "period_start": "2000-01-01", "period_end": "2000-01-07"}
    page = client_as("staff").post(f"/disclosure/{item.pk}/approve/", typed, follow=True).content.decode()
    assert "公示开始日期不能早于今天" in page
    assert 'data-action="approve" open' in page and 'value="2000-01-07"' in page
    item.refresh_from_db()
    assert item.status == S.PENDING


def test_a_stale_page_keeps_nothing_of_what_was_typed(client_as, users):
    item = make_item("pending")
    workflow.move(item, "return", actor=users["chair"], review_comment="先退回")
    client = client_as("staff")
    client.post(f"/disclosure/{item.pk}/approve/", {"state": "pending", "period_start": "2099-01-01"})
    assert "workflow_typed" not in client.session
