"""A campaign's recipient list published as a 公开事项 with masked names (张*明)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from disclosure import services as disclosure_services
from disclosure.models import Category, DisclosureItem
from members.models import Department, UnionGroup
from unionportal.models import UnionKind, UnionProfile
from welfare import publication, services
from welfare.models import HardshipFile, WelfareSettings

from .factories import make_campaign, make_file, make_member, pay_all

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张明", "张*"),
        ("张三明", "张*明"),
        ("张小三明", "张*明"),
        ("欧阳明", "欧阳*"),
        ("欧阳小明", "欧阳*明"),
        ("司马相如", "司马*如"),
        ("欧阳", "欧*"),
        (" 李娜 ", "李*"),
    ],
)
def test_mask_name_keeps_surname_and_last_character(name, masked):
    assert publication.mask_name(name) == masked


@pytest.fixture
def categories():
    return disclosure_services.load_categories(kind=UnionKind.SCHOOL)


@pytest.fixture
def campaign(users):
    """A 送温暖 list with one person in hardship (ID number, illness, income on file) and one paid in goods."""
    campaign = make_campaign(name="2026年春节送温暖", budget=Decimal("2000.00"))
    sick = make_member("欧阳小明", id_number="110101199003074514", department=Department.objects.create(name="总务处"))
    make_file(
        member=sick,
        causes=[HardshipFile.Cause.ILLNESS],
        situation="肺癌晚期化疗",
        monthly_income_per_capita=Decimal("612.50"),
    )
    sick_recipient = services.add_recipient(
        campaign=campaign, member=sick, actor=users["welfare"], reason="困难档案：大病"
    )
    services.deliver_to_recipient(recipient=sick_recipient, actor=users["welfare"])
    retiree = make_member("王芳", union_group=UnionGroup.objects.create(name="退休组"))
    recipient = services.add_recipient(
        campaign=campaign, member=retiree, actor=users["welfare"], amount="0", reason="退休职工"
    )
    services.deliver_to_recipient(recipient=recipient, actor=users["welfare"], goods="大米一袋")
    pay_all(users)
    return campaign


def test_body_lists_masked_names_and_no_hardship_details(campaign):
    body = publication.recipient_list_body(campaign)
    assert "| 1 | 欧阳*明 | 总务处 | 300.00 | 慰问金 |" in body
    assert "| 2 | 王* | 退休组 | 0.00 | 慰问品（大米一袋） |" in body
    assert "共 2 人次，合计 300.00 元" in body
    for secret in ["欧阳小明", "王芳", "110101199003074514", "困难档案", "大病", "肺癌", "612.50", "退休职工"]:
        assert secret not in body


def test_only_what_was_delivered_is_listed_and_counted(campaign, users):
    waiting = make_member("李四", department=Department.objects.create(name="教务处"))
    services.add_recipient(campaign=campaign, member=waiting, actor=users["welfare"], reason="未走访")
    capped = make_member("孙小怡")
    WelfareSettings.objects.filter(pk=WelfareSettings.current().pk).update(yearly_cap_per_person=100)
    over = services.add_recipient(campaign=campaign, member=capped, actor=users["welfare"], reason="困难")
    with pytest.raises(ValidationError, match="上限"):
        services.deliver_to_recipient(recipient=over, actor=users["welfare"])
    asked = make_member("赵小五")
    services.deliver_to_recipient(
        recipient=services.add_recipient(campaign=campaign, member=asked, actor=users["welfare"], amount="50"),
        actor=users["welfare"],
    )  # its money still waits for the chair

    body = publication.recipient_list_body(campaign)

    assert "李*" not in body and "孙*怡" not in body and "赵*五" not in body
    assert "共 2 人次，合计 300.00 元" in body


def test_a_list_with_nobody_helped_yet_is_not_published(categories, users):
    campaign = make_campaign()
    services.add_recipient(campaign=campaign, member=make_member("李四"), actor=users["welfare"], reason="困难")
    with pytest.raises(ValidationError, match="还没有人领到慰问"):
        publication.publish_recipient_list(
            campaign=campaign, actor=users["chair"], category=publication.default_category()
        )
    assert not DisclosureItem.objects.exists()


def test_the_draft_is_in_the_welfare_category_and_internal(campaign, categories, users):
    item = publication.publish_recipient_list(
        campaign=campaign, actor=users["welfare"], category=publication.default_category()
    )
    assert item.status == DisclosureItem.Status.DRAFT
    assert item.category.name == "住房分配、保险和福利"
    assert item.audience == DisclosureItem.Audience.INTERNAL
    assert item.created_by == users["welfare"]
    assert list(item.steps.values_list("action", flat=True)) == ["draft"]
    assert "<td>欧阳*明</td>" in item.body_html
    campaign.refresh_from_db()
    assert campaign.publication == item


def test_enterprise_unions_get_the_welfare_cost_category(campaign):
    profile = UnionProfile.load()
    profile.kind = UnionKind.ENTERPRISE
    profile.save()
    disclosure_services.load_categories(kind=UnionKind.ENTERPRISE)
    assert publication.default_category().name == "福利费用"


def test_no_default_category_when_categories_are_not_loaded():
    assert publication.default_category() is None


def test_a_second_publication_of_one_campaign_is_refused(campaign, categories, users):
    category = publication.default_category()
    publication.publish_recipient_list(campaign=campaign, actor=users["welfare"], category=category)
    with pytest.raises(ValidationError, match="已生成公开事项"):
        publication.publish_recipient_list(campaign=campaign, actor=users["chair"], category=category)
    assert DisclosureItem.objects.count() == 1


def test_an_empty_list_is_not_published(categories, users):
    with pytest.raises(ValidationError, match="名单为空"):
        publication.publish_recipient_list(
            campaign=make_campaign(), actor=users["chair"], category=publication.default_category()
        )
    assert not DisclosureItem.objects.exists()


def test_the_draft_goes_through_review_to_the_board(campaign, categories, users):
    item = publication.publish_recipient_list(
        campaign=campaign, actor=users["welfare"], category=publication.default_category()
    )
    disclosure_services.submit(item=item, actor=users["chair"])
    item = disclosure_services.approve(
        item=item,
        actor=users["staff"],
        period_start=campaign.starts_on,
        period_end=campaign.due_on,
        today=campaign.starts_on,
    )
    assert item.status == DisclosureItem.Status.PUBLISHED


# ---- the page ------------------------------------------------------------------------------------


def _post(client, campaign, **data):
    data = {"category": publication.default_category().pk, "title": "送温暖名单公示", "audience": "internal", **data}
    return client.post(f"/welfare/campaigns/{campaign.pk}/publish/", data)


def test_page_previews_masked_table_with_welfare_category_chosen(client_as, campaign, categories):
    response = client_as("welfare").get(f"/welfare/campaigns/{campaign.pk}/publish/")
    html = response.content.decode()
    assert "<td>欧阳*明</td>" in html and "欧阳小明" not in html and "肺癌" not in html
    assert response.context["form"]["category"].value() == publication.default_category().pk
    assert response.context["form"]["audience"].value() == "internal"


def test_welfare_officer_creates_the_draft_and_the_chair_sees_it_in_the_work_list(client_as, campaign, categories):
    response = _post(client_as("welfare"), campaign)
    assert response.status_code == 302 and response["Location"] == campaign.get_absolute_url()
    item = DisclosureItem.objects.get()
    assert item.title == "送温暖名单公示" and item.status == DisclosureItem.Status.DRAFT
    work = client_as("chair").get("/disclosure/work/").content.decode()
    assert "送温暖名单公示" in work
    detail = client_as("chair").get(campaign.get_absolute_url()).content.decode()
    assert item.get_absolute_url() in detail


def test_chair_is_taken_to_the_draft(client_as, campaign, categories):
    response = _post(client_as("chair"), campaign)
    assert response["Location"] == DisclosureItem.objects.get().get_absolute_url()


def test_double_click_makes_one_draft_and_says_so(client_as, campaign, categories):
    client = client_as("welfare")
    _post(client, campaign)
    response = _post(client, campaign, title="再点一次")
    assert DisclosureItem.objects.count() == 1
    shown = [str(message) for message in response.wsgi_request._messages]
    assert any("不再重复生成" in message for message in shown)


@pytest.mark.parametrize("role", ["staff", "member", "delegate", "handler", "auditor"])
def test_only_chair_and_welfare_officer_may_publish(client_as, campaign, categories, role):
    assert _post(client_as(role), campaign).status_code == 403
    assert not DisclosureItem.objects.exists()


def test_bad_form_keeps_the_title_and_says_why_in_chinese(client_as, campaign, categories):
    response = _post(client_as("welfare"), campaign, category="", title="我的标题")
    html = response.content.decode()
    assert response.status_code == 200 and "我的标题" in html and "请选择公开类别。" in html
    assert not DisclosureItem.objects.exists()


def test_chosen_category_department_and_public_audience_are_kept(client_as, campaign, categories):
    other = Category.objects.get(name="其他教职工共同关心的事项")
    office = Department.objects.create(name="工会办公室")
    _post(client_as("chair"), campaign, category=other.pk, audience="public", department=office.pk)
    item = DisclosureItem.objects.get()
    assert item.category == other and item.audience == DisclosureItem.Audience.PUBLIC
    assert item.department == office
