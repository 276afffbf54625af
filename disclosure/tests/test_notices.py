"""Who is told what: the members who must sign (需签阅) when an item goes up, and the item's drafter,
responsible person and union staff when a member objects (异议)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from disclosure import services
from disclosure.models import DisclosureItem
from members.models import Department, Member
from unionportal.notices import Notice

from .factories import make_item

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
WEEK = TODAY + datetime.timedelta(days=6)
ASKED = "disclosure.sign_asked"


def told(kind, item=None):
    notices = Notice.objects.filter(kind=kind)
    if item is not None:
        notices = notices.filter(url__startswith=item.get_absolute_url())
    return set(notices.values_list("recipient__username", flat=True))


def signers():
    return set(
        Member.objects.filter(status=Member.Status.ACTIVE, is_union_member=True, user__isnull=False).values_list(
            "user__username", flat=True
        )
    )


def test_members_who_must_sign_are_told_when_the_item_is_published(users):
    item = make_item("pending", needs_signature=True, title="绩效工资分配方案")
    assert told(ASKED) == set()  # nothing asked before 预审 passes
    item = services.approve(item=item, actor=users["chair"], period_start=TODAY, period_end=WEEK)
    assert told(ASKED, item) == signers() and "member" in signers()
    notice = Notice.objects.get(kind=ASKED, recipient=users["member"])
    assert notice.url == item.get_absolute_url()
    assert "绩效工资分配方案" in notice.text and "签阅" in notice.text


def test_nobody_is_asked_to_sign_a_publication_whose_period_is_already_over(users):
    item = make_item("pending", needs_signature=True, title="上学期工作计划")
    ended, started = TODAY - datetime.timedelta(days=1), TODAY - datetime.timedelta(days=7)
    services.approve(item=item, actor=users["chair"], period_start=started, period_end=ended, today=started)
    assert told(ASKED) == set()


def test_retired_members_and_items_that_ask_no_signature_are_not_told(users):
    retired = users["auditor"].member
    retired.status = Member.Status.RETIRED
    retired.save()
    make_item("published", needs_signature=False, title="无需签阅")
    make_item("published", audience=DisclosureItem.Audience.PUBLIC, title="对外公开")
    assert told(ASKED) == set()
    make_item("published", needs_signature=True)
    assert "auditor" not in told(ASKED) and "member" in told(ASKED)


def test_telling_the_signers_takes_the_same_queries_for_five_members_or_fifty(make_user, users):
    def publish(title):
        item = make_item("pending", needs_signature=True, title=title)
        with CaptureQueriesContext(connection) as queries:
            services.approve(item=item, actor=users["chair"], period_start=TODAY, period_end=WEEK)
        return len(queries), Notice.objects.filter(kind=ASKED, url=item.get_absolute_url()).count()

    publish("先读一次")  # what a process reads once (the reviewer's seat, compiled SQL) is not counted
    few_queries, few_told = publish("少数人")
    for n in range(45):
        make_user(f"会员{n}")
    many_queries, many_told = publish("多数人")
    assert many_told == few_told + 45
    assert many_queries == few_queries


def test_a_republished_item_asks_everyone_again(users):
    item = make_item("rectifying", needs_signature=True)
    services.sign(item=item, user=users["member"])
    Notice.objects.all().delete()
    item = services.resubmit(item=item, actor=None)
    assert told(ASKED) == set()
    services.approve(item=item, actor=users["chair"], period_start=TODAY, period_end=WEEK)
    assert "member" in told(ASKED)  # the receipt was for the faulty version


def test_an_objection_reaches_the_drafter_the_responsible_person_and_the_staff_with_a_link(make_user, users):
    department = Department.objects.create(name="总务处")
    handler = users["handler"]
    handler.member.department = department
    handler.member.save()
    head = make_user("总务主任", department=department)
    item = make_item("published", actor=handler, department=department, responsible=head.member)
    objection = services.file_objection(item=item, author=users["member"].member, content="招标过程没有公开评分")
    assert told("disclosure.objection") == {"handler", "总务主任", "chair", "staff"}
    notice = Notice.objects.get(kind="disclosure.objection", recipient=handler)
    assert notice.url == f"{item.get_absolute_url()}#objection-{objection.pk}"
    assert "招标过程没有公开评分" in notice.text and "member" not in notice.text  # the author is not named
    page = Notice.objects.get(kind="disclosure.objection", recipient=users["staff"])
    assert page.url == notice.url


def test_the_objector_is_not_told_of_her_own_objection_and_the_link_opens_on_it(client, users):
    item = make_item("published", actor=users["staff"])
    client.force_login(users["staff"])  # a member of staff objecting as a member
    client.post(f"/disclosure/{item.pk}/objections/", {"content": "数字对不上"})
    objection = item.objections.get()
    assert told("disclosure.objection") == {"chair"}
    client.force_login(users["chair"])
    page = client.get(Notice.objects.get(kind="disclosure.objection").url).content.decode()
    assert f'id="objection-{objection.pk}"' in page


def test_the_reviewer_is_asked_first_when_passing_tells_every_member(client_as):
    asks = make_item("pending", needs_signature=True, title="需签阅")
    plain = make_item("pending", title="无需签阅")
    staff = client_as("staff")
    assert "通知全体会员签阅" in staff.get(asks.get_absolute_url()).content.decode()
    assert "通知全体会员签阅" not in staff.get(plain.get_absolute_url()).content.decode()
