"""Universal gifts (节日、生日、退休慰问) are organised by the union's 委员; hardship-based campaigns stay
confidential to the chair and welfare officers."""

import datetime

import pytest
from django.utils import timezone

from welfare import services
from welfare.models import Campaign

from .factories import make_campaign, make_file, make_member, visit_occasion

pytestmark = pytest.mark.django_db


def _gift(**fields):
    return make_campaign(name="中秋慰问", kind=Campaign.Kind.FESTIVAL, **fields)


def _form(kind, confidential=""):
    today = timezone.localdate()
    return {
        "name": "慰问",
        "kind": kind,
        "year": today.year,
        "budget": "1000",
        "default_amount": "100",
        "fund_source": "union",
        "starts_on": today.isoformat(),
        "due_on": (today + datetime.timedelta(days=5)).isoformat(),
        "confidential": confidential,
    }


@pytest.mark.parametrize(
    ("kind", "confidential"),
    [
        (Campaign.Kind.FESTIVAL, False),
        (Campaign.Kind.BIRTHDAY, False),
        (Campaign.Kind.RETIREMENT, False),
        (Campaign.Kind.SPRING_FESTIVAL, True),
        (Campaign.Kind.SCHOOL_AID, True),
        (Campaign.Kind.MEDICAL, True),
        (Campaign.Kind.OTHER, True),
    ],
)
def test_a_campaign_is_confidential_unless_it_is_a_universal_gift(kind, confidential):
    assert make_campaign(kind=kind).confidential is confidential


def test_the_chair_may_keep_a_universal_gift_confidential(client_as, users):
    client_as("chair").post("/welfare/campaigns/new/", _form(Campaign.Kind.FESTIVAL, "yes"))
    assert Campaign.objects.get().confidential is True


def test_a_hardship_campaign_cannot_be_opened_to_staff(client_as, users):
    response = client_as("chair").post("/welfare/campaigns/new/", _form(Campaign.Kind.SPRING_FESTIVAL, "no"))
    assert "困难帮扶类活动的名单必须保密" in response.content.decode()
    assert not Campaign.objects.exists()


def test_staff_create_only_universal_gifts_which_are_then_open_to_them(client_as, users):
    client = client_as("staff")
    form = client.get("/welfare/campaigns/new/").context["form"]
    assert {value for value, _label in form.fields["kind"].choices} == set(Campaign.UNIVERSAL_KINDS)
    assert "confidential" not in form.fields
    response = client.post("/welfare/campaigns/new/", _form(Campaign.Kind.SPRING_FESTIVAL))
    assert response.status_code == 200
    assert not Campaign.objects.exists()
    client.post("/welfare/campaigns/new/", _form(Campaign.Kind.BIRTHDAY))
    assert Campaign.objects.get().confidential is False


def test_a_staff_member_cannot_create_a_confidential_campaign_through_the_service(users):
    with pytest.raises(Exception, match="委员只能建立不保密的普惠慰问"):
        make_campaign(kind=Campaign.Kind.FESTIVAL, confidential=True, actor=users["staff"])


def test_staff_list_shows_universal_gifts_only(client_as, users, django_assert_max_num_queries):
    _gift()
    make_campaign(name="春节送温暖")
    client = client_as("staff")
    with django_assert_max_num_queries(10):
        page = client.get("/welfare/campaigns/").content.decode()
    assert "中秋慰问" in page
    assert "春节送温暖" not in page
    chair_page = client_as("chair").get("/welfare/campaigns/").content.decode()
    assert "中秋慰问" in chair_page and "春节送温暖" in chair_page


def test_staff_organise_a_universal_gift_from_adding_to_delivering(client_as, users):
    campaign = _gift()
    member = make_member("李四")
    client = client_as("staff")
    client.post(f"/welfare/campaigns/{campaign.pk}/add/", {"member": member.pk})
    recipient = campaign.recipients.get()
    client.post(f"/welfare/recipients/{recipient.pk}/deliver/")
    recipient.refresh_from_db()
    assert recipient.payment.recorded_by == users["staff"]


def test_staff_cannot_touch_a_confidential_campaign(client_as, users):
    campaign = make_campaign()
    recipient = services.add_recipient(campaign=campaign, member=make_member("王五"), actor=None, reason="困难档案")
    client = client_as("staff")
    assert client.get(campaign.get_absolute_url()).status_code == 403
    assert client.post(f"/welfare/campaigns/{campaign.pk}/add/", {"member": make_member().pk}).status_code == 403
    assert client.post(f"/welfare/recipients/{recipient.pk}/deliver/").status_code == 403
    recipient.refresh_from_db()
    assert recipient.payment is None
    assert campaign.recipients.count() == 1


def test_staff_do_not_see_hardship_files_proposed_on_a_universal_gift(client_as, users):
    make_file(member=make_member("赵困难"))
    campaign = _gift()
    staff_page = client_as("staff").get(campaign.get_absolute_url()).content.decode()
    assert "赵困难" not in staff_page
    assert "赵困难" in client_as("welfare").get(campaign.get_absolute_url()).content.decode()


def test_staff_see_the_campaign_list_in_the_menu_but_not_the_hardship_pages(client_as, users):
    page = client_as("staff").get("/welfare/campaigns/").content.decode()
    assert 'href="/welfare/campaigns/"' in page
    assert 'href="/welfare/files/"' not in page
    assert 'href="/welfare/payments/"' not in page


def test_staff_refused_by_the_yearly_cap_do_not_learn_the_hardship_help_paid(client_as, users):
    member = make_member("钱困难")
    services.record_payment(
        member=member, actor=users["welfare"], amount="4900", fund_source="union", occasion=visit_occasion()
    )
    recipient = services.add_recipient(campaign=_gift(), member=member, actor=users["staff"])
    response = client_as("staff").post(f"/welfare/recipients/{recipient.pk}/deliver/", follow=True)
    page = response.content.decode()
    assert "钱困难本年度的帮扶金额将超过每人每年上限" in page
    assert "4900" not in page
    recipient.refresh_from_db()
    assert recipient.payment is None
