"""The item page's offers and refusals, the body's formatting on the page, and the admin."""

import datetime

import pytest
from django.utils import timezone

from disclosure.models import DisclosureItem

from .factories import make_category, make_item

pytestmark = pytest.mark.django_db
PUBLIC = DisclosureItem.Audience.PUBLIC
TODAY = timezone.localdate()


def item_post(category, **extra):
    return {"category": category.pk, "title": "食堂招标结果", "body": "第一行", "audience": "internal", **extra}


def test_close_is_offered_only_once_the_period_is_over(client_as):
    item = make_item("published")
    page = client_as("staff").get(f"/disclosure/{item.pk}/").content.decode()
    assert 'data-testid="close-later"' in page and "结束公示</button>" not in page
    DisclosureItem.objects.filter(pk=item.pk).update(period_end=TODAY - datetime.timedelta(days=1))
    page = client_as("staff").get(f"/disclosure/{item.pk}/").content.decode()
    assert "结束公示</button>" in page


def test_visitor_cannot_object_to_or_sign_an_internal_item_by_guessing_its_url(client):
    item = make_item("published", needs_signature=True)
    assert client.post(f"/disclosure/{item.pk}/objections/", {"content": "x"}).status_code == 404
    assert client.post(f"/disclosure/{item.pk}/sign/").status_code == 404
    assert not item.objections.exists() and not item.receipts.exists()


def test_visitor_search_for_an_internal_items_words_finds_nothing(client):
    make_item("published", title="内部绩效分配")
    page = client.get("/disclosure/?q=绩效").content.decode()
    assert "内部绩效分配" not in page and "还没有公开事项" in page


def test_public_item_cannot_ask_for_signatures(client_as):
    response = client_as("staff").post(
        "/disclosure/new/", item_post(make_category(), audience="public", needs_signature="on")
    )
    assert "签阅只用于对内事项" in response.content.decode()
    assert not DisclosureItem.objects.exists()


def test_formatted_body_shows_as_table_and_list_on_the_page_and_the_sheet(client):
    item = make_item("published", audience=PUBLIC)
    DisclosureItem.objects.filter(pk=item.pk).update(body="- 收入\n\n| 项目 | 金额 |\n| --- | --- |\n| 办公费 | 20万 |")
    for url in (f"/disclosure/{item.pk}/", f"/disclosure/{item.pk}/print/"):
        page = client.get(url).content.decode()
        assert "<li>收入</li>" in page and "<td>办公费</td>" in page


def test_superuser_admin_lists_and_searches_items(client, django_user_model):
    make_item("published", title="食堂招标结果")
    make_item("draft", title="校车线路")
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "x"))
    page = client.get("/admin/disclosure/disclosureitem/?q=招标").content.decode()
    assert "食堂招标结果" in page and "校车线路" not in page
    assert client.get("/admin/disclosure/category/").status_code == 200
    assert client.get("/admin/disclosure/objection/").status_code == 200
