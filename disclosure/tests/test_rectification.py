"""整改: a rectified item is published again only through 预审, like a new item, on the pages."""

import datetime

import pytest
from django.utils import timezone

from disclosure import services
from disclosure.models import DisclosureItem
from members.models import Department

from .factories import make_item

pytestmark = pytest.mark.django_db
S = DisclosureItem.Status
TODAY = timezone.localdate()
PERIOD = {"period_start": TODAY, "period_end": TODAY + datetime.timedelta(days=6)}


@pytest.fixture
def rectifying(users):
    """A 总务处 item its handler drafted, in 整改."""
    department = Department.objects.create(name="总务处")
    users["handler"].member.department = department
    users["handler"].member.save()
    item = make_item("published", actor=users["handler"], department=department, title="食堂承包结果")
    return services.rectify(item=item, actor=users["staff"], note="补充评分明细")


def status_of(item):
    return DisclosureItem.objects.get(pk=item.pk).status


def test_the_drafter_resubmits_the_rectified_item_to_pre_review_and_a_reviewer_publishes_it(rectifying, client_as):
    handler = client_as("handler")
    page = handler.get(rectifying.get_absolute_url()).content.decode()
    assert "整改后提交预审" in page and "整改后重新公示" not in page
    handler.post(f"/disclosure/{rectifying.pk}/resubmit/", {"state": S.RECTIFYING})
    assert status_of(rectifying) == S.PENDING
    assert "食堂承包结果" not in client_as("member").get("/disclosure/").content.decode()  # off the board meanwhile
    client_as("staff").post(f"/disclosure/{rectifying.pk}/approve/", PERIOD)
    assert status_of(rectifying) == S.PUBLISHED


def test_staff_can_no_longer_republish_a_rectified_item_straight_away(rectifying, client_as):
    staff = client_as("staff")
    assert "整改后重新公示" not in staff.get(rectifying.get_absolute_url()).content.decode()
    response = staff.post(f"/disclosure/{rectifying.pk}/republish/", PERIOD, follow=True)
    assert "没有“republish”这个操作" in response.content.decode()
    assert status_of(rectifying) == S.RECTIFYING


@pytest.mark.parametrize("role", ["member", "delegate", "welfare"])
def test_only_the_drafters_resubmit(rectifying, role, client_as):
    client = client_as(role)
    assert "整改后提交预审" not in client.get(rectifying.get_absolute_url()).content.decode()
    client.post(f"/disclosure/{rectifying.pk}/resubmit/", {"state": S.RECTIFYING})
    assert status_of(rectifying) == S.RECTIFYING
