import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from disclosure import services
from disclosure.models import Category, DisclosureItem, ItemStep
from unionportal.models import UnionKind
from unionportal.notices import Notice

from .factories import make_category, make_item

pytestmark = pytest.mark.django_db
S = DisclosureItem.Status
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def test_school_union_gets_the_17_categories_and_an_enterprise_the_7():
    school = services.load_categories(kind=UnionKind.SCHOOL)
    enterprise = services.load_categories(kind=UnionKind.ENTERPRISE)
    assert len(school) == 17
    assert school[0].name == "校长述职报告" and school[-1].name == "年度领导干部民主评议结果"
    assert [c.name for c in enterprise] == [
        "经营管理",
        "经营收支",
        "养老保险",
        "党员发展",
        "办公经费支出",
        "福利费用",
        "职工奖惩",
    ]


def test_loading_categories_twice_keeps_staff_edits():
    first = services.load_categories(kind=UnionKind.ENTERPRISE)[0]
    first.cadence, first.period = Category.Cadence.ANYTIME, ""
    services.save_category(category=first)
    assert len(services.load_categories(kind=UnionKind.ENTERPRISE)) == 7
    assert Category.objects.get(pk=first.pk).cadence == Category.Cadence.ANYTIME


def test_periodic_category_needs_a_period():
    category = Category(name="x", cadence=Category.Cadence.PERIODIC)
    with pytest.raises(ValidationError):
        services.save_category(category=category)


def test_full_flow_leaves_a_dated_step_for_every_move(users):
    staff = users["staff"]
    item = make_item(actor=staff)
    services.submit(item=item, actor=staff)
    services.return_item(item=item, actor=users["chair"], comment="缺少支出明细")
    item.refresh_from_db()
    assert item.status == S.RETURNED and item.review_comment == "缺少支出明细"
    services.update_item(item=item, actor=staff, body="收入\n支出明细")
    item.refresh_from_db()
    assert item.status == S.DRAFT
    services.submit(item=item, actor=staff)
    services.approve(
        item=item, actor=users["chair"], period_start=TODAY - 9 * DAY, period_end=TODAY - DAY, today=TODAY - 9 * DAY
    )
    services.close(item=item, actor=staff)
    services.archive(item=item, actor=staff)
    item.refresh_from_db()
    assert item.status == S.ARCHIVED
    assert [s.to_status for s in ItemStep.objects.filter(item=item)] == [
        S.DRAFT,
        S.PENDING,
        S.RETURNED,
        S.DRAFT,
        S.PENDING,
        S.PUBLISHED,
        S.CLOSED,
        S.ARCHIVED,
    ]


def test_rectified_item_goes_back_through_pre_review_before_a_new_period(users):
    item = make_item("rectifying", actor=users["staff"])
    assert item.rectification_note == "更正数字"
    first_published = item.published_on
    item = services.resubmit(item=item, actor=users["staff"])
    assert item.status == S.PENDING and not item.on_board
    item = services.approve(item=item, actor=users["chair"], period_start=TODAY, period_end=TODAY + 6 * DAY)
    assert item.status == S.PUBLISHED and item.days_left() == 7
    assert item.published_on == first_published  # 首次公示日 stays the first
    assert [s.action for s in item.steps.order_by("pk")][-3:] == ["rectify", "resubmit", "approve"]


def test_no_move_publishes_a_rectified_item_without_pre_review():
    from disclosure.flows import FLOW

    assert [a.name for a in FLOW.actions if S.RECTIFYING in a.sources and a.target == S.PUBLISHED] == []
    assert not hasattr(services, "republish")


def test_the_drafter_does_not_pass_her_own_rectified_item_in_pre_review(users):
    item = make_item("rectifying", actor=users["staff"])
    item = services.resubmit(item=item, actor=users["staff"])
    with pytest.raises(ValidationError, match="您不能预审通过并公示这个公开事项"):
        services.approve(item=item, actor=users["staff"], period_start=TODAY, period_end=TODAY + 6 * DAY)


@pytest.mark.parametrize(
    "status, action",
    [
        ("draft", "approve"),
        ("draft", "close"),
        ("draft", "return"),
        ("pending", "submit"),
        ("pending", "close"),
        ("returned", "approve"),
        ("returned", "submit"),
        ("published", "submit"),
        ("published", "archive"),
        ("published", "resubmit"),
        ("draft", "resubmit"),
        ("pending", "resubmit"),
        ("closed", "resubmit"),
        ("closed", "rectify"),
        ("closed", "submit"),
        ("archived", "close"),
        ("rectifying", "close"),
        ("archived", "archive"),
        ("draft", "redraft"),
        ("pending", "rectify"),
    ],
)
def test_illegal_transitions_are_refused_in_chinese(status, action, users):
    item = make_item(status, actor=users["staff"])
    calls = {
        "submit": lambda: services.submit(item=item, actor=None),
        "return": lambda: services.return_item(item=item, actor=None, comment="x"),
        "redraft": lambda: services.redraft(item=item, actor=None),
        "approve": lambda: services.approve(item=item, actor=None, period_start=TODAY, period_end=TODAY),
        "close": lambda: services.close(item=item, actor=None),
        "rectify": lambda: services.rectify(item=item, actor=None, note="x"),
        "resubmit": lambda: services.resubmit(item=item, actor=None),
        "archive": lambda: services.archive(item=item, actor=None),
    }
    steps = ItemStep.objects.filter(item=item).count()
    with pytest.raises(ValidationError, match="公开事项现在是“.*”，不能"):
        calls[action]()
    item.refresh_from_db()
    assert item.status == status
    assert ItemStep.objects.filter(item=item).count() == steps


def test_return_needs_a_comment():
    item = make_item("pending")
    with pytest.raises(ValidationError, match="预审意见"):
        services.return_item(item=item, actor=None, comment="  ")


def test_approval_needs_a_sane_period():
    item = make_item("pending")
    with pytest.raises(ValidationError, match="开始和截止"):
        services.approve(item=item, actor=None, period_start=TODAY, period_end=None)
    with pytest.raises(ValidationError, match="不能早于"):
        services.approve(item=item, actor=None, period_start=TODAY, period_end=TODAY - DAY)


def test_item_cannot_close_before_its_period_ends():
    item = make_item("published")
    with pytest.raises(ValidationError, match="尚未结束"):
        services.close(item=item, actor=None)


def test_item_cannot_close_with_an_unanswered_objection(users):
    item = make_item("published")
    objection = services.file_objection(item=item, author=users["member"].member, content="账目不清")
    DisclosureItem.objects.filter(pk=item.pk).update(period_end=TODAY - DAY)
    item.refresh_from_db()
    with pytest.raises(ValidationError, match="未答复"):
        services.close(item=item, actor=None)
    services.answer_objection(objection=objection, actor=users["staff"], answer="已补充明细")
    assert services.close(item=item, actor=None).status == S.CLOSED


def test_rectify_needs_a_note():
    item = make_item("published")
    with pytest.raises(ValidationError, match="整改情况"):
        services.rectify(item=item, actor=None, note="")


def test_only_draft_or_returned_items_are_edited():
    item = make_item("pending")
    with pytest.raises(ValidationError, match="只有草稿"):
        services.update_item(item=item, actor=None, title="新")


@pytest.mark.parametrize("status", ["draft", "pending", "closed", "rectifying"])
def test_objections_only_on_published_items(status, users):
    item = make_item(status)
    with pytest.raises(ValidationError, match="公示中"):
        services.file_objection(item=item, author=users["member"].member, content="x")


def test_objection_is_answered_once(users):
    objection = services.file_objection(item=make_item("published"), author=users["member"].member, content="?")
    services.answer_objection(objection=objection, actor=users["staff"], answer="答复")
    with pytest.raises(ValidationError, match="已经答复"):
        services.answer_objection(objection=objection, actor=users["staff"], answer="再答")


def test_signing_is_once_and_only_for_internal_items_that_ask(users):
    item = make_item("published", needs_signature=True)
    first = services.sign(item=item, user=users["member"])
    assert services.sign(item=item, user=users["member"]).read_at == first.read_at
    public = make_item("published", audience=DisclosureItem.Audience.PUBLIC)
    DisclosureItem.objects.filter(pk=public.pk).update(needs_signature=True)  # a row from before the rule
    public.refresh_from_db()
    with pytest.raises(ValidationError):
        services.sign(item=public, user=users["member"])
    with pytest.raises(ValidationError):
        services.sign(item=make_item("draft", needs_signature=True), user=users["member"])


def test_new_item_takes_the_category_department():
    from members.models import Department

    department = Department.objects.create(name="财务室")
    item = make_item(category=make_category(department=department))
    assert item.department == department


def test_days_left_counts_today():
    item = make_item("published")
    assert item.days_left(TODAY) == 7
    assert item.days_left(TODAY + 10 * DAY) == 0


def test_signatures_are_asked_only_of_internal_items():
    with pytest.raises(ValidationError, match="签阅只用于对内事项"):
        make_item("draft", audience=DisclosureItem.Audience.PUBLIC, needs_signature=True)


def test_objection_and_answer_are_dated_steps_on_the_timeline(users):
    item = make_item("published")
    objection = services.file_objection(item=item, author=users["member"].member, content="数字对不上")
    services.answer_objection(objection=objection, actor=users["staff"], answer="已核对")
    object_step, answer_step = ItemStep.objects.filter(item=item).order_by("pk")[3:]
    assert (object_step.label, object_step.actor, object_step.note) == ("会员提出异议", users["member"], "数字对不上")
    assert (answer_step.label, answer_step.actor, answer_step.note) == ("答复异议", users["staff"], "已核对")
    assert object_step.to_status == answer_step.to_status == S.PUBLISHED


def test_the_period_cannot_start_before_the_day_of_publishing_which_dates_the_item(users):
    item = make_item("pending")
    with pytest.raises(ValidationError, match="公示开始日期不能早于今天"):
        services.approve(item=item, actor=users["staff"], period_start=TODAY - DAY, period_end=TODAY + 6 * DAY)
    item = services.approve(item=item, actor=users["staff"], period_start=TODAY + DAY, period_end=TODAY + 6 * DAY)
    assert item.published_on == TODAY


def test_objections_close_with_the_period_are_limited_and_reach_the_staff(users):
    item = make_item("published")
    with pytest.raises(ValidationError, match="最多1000字"):
        services.file_objection(item=item, author=users["member"].member, content="长" * 1001)
    objection = services.file_objection(item=item, author=users["member"].member, content="数字对不上")
    told = set(Notice.objects.filter(kind="disclosure.objection").values_list("recipient__username", flat=True))
    assert told == {"chair", "staff"}
    services.answer_objection(objection=objection, actor=users["staff"], answer="已核对")
    assert Notice.objects.filter(kind="disclosure.answer", recipient=users["member"]).exists()
    ended = make_item("closed")
    DisclosureItem.objects.filter(pk=ended.pk).update(status=S.PUBLISHED)
    ended.refresh_from_db()
    with pytest.raises(ValidationError, match="公示期已于.*结束"):
        services.file_objection(item=ended, author=users["member"].member, content="迟到的异议")


def test_a_closed_item_with_objections_says_they_were_answered(users):
    item = make_item("published", actor=users["staff"])
    objection = services.file_objection(item=item, author=users["member"].member, content="?", today=TODAY)
    services.answer_objection(objection=objection, actor=users["staff"], answer="已答复")
    DisclosureItem.objects.filter(pk=item.pk).update(period_end=TODAY - DAY)
    item = services.close(item=item, actor=users["staff"])
    assert item.status_label == "公示期满，异议已答复"
    assert make_item("closed").status_label == "无异议"


def test_republishing_a_rectified_item_asks_for_fresh_receipts(users):
    item = make_item("rectifying", needs_signature=True)
    services.sign(item=item, user=users["member"])
    services.update_item(item=item, actor=users["staff"], body="更正后的收支")
    item = services.resubmit(item=item, actor=users["staff"])
    assert item.receipts.exists()  # until the corrected version is passed, what was signed stands
    item = services.approve(item=item, actor=users["chair"], period_start=TODAY, period_end=TODAY + 6 * DAY)
    assert item.body == "更正后的收支" and not item.receipts.exists()
