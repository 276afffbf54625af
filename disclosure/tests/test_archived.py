"""An archived (归档) item asks nobody to sign: no 已阅 button, no 未签阅 list or reminder, and the services
refuse; what was signed before stays."""

import pytest
from django.core.exceptions import ValidationError

from disclosure import services
from disclosure.models import DisclosureItem

from .factories import make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def archived(users):
    item = make_item("closed", needs_signature=True, title="年终奖金分配结果")
    services.sign(item=item, user=users["delegate"])
    return services.archive(item=item, actor=users["staff"])


def test_an_archived_item_asks_no_signature_but_a_closed_one_still_does(archived):
    assert not archived.asks_signature
    assert make_item("closed", needs_signature=True).asks_signature


def test_signing_or_reminding_for_an_archived_item_is_refused(archived, users):
    with pytest.raises(ValidationError, match="已归档，不再签阅"):
        services.sign(item=archived, user=users["member"])
    with pytest.raises(ValidationError, match="已归档，不再签阅"):
        services.remind_unsigned(item=archived, actor=users["staff"])
    assert not archived.receipts.filter(user=users["member"]).exists()
    assert not archived.steps.filter(action="remind").exists()


def test_the_archived_items_page_shows_no_sign_button_nor_who_has_not_signed(archived, client_as):
    page = client_as("member").get(archived.get_absolute_url()).content.decode()
    assert archived.title in page and 'data-testid="sign"' not in page
    staff_page = client_as("staff").get(archived.get_absolute_url())
    assert "unsigned" not in staff_page.context
    html = staff_page.content.decode()
    assert 'data-testid="unsigned"' not in html and 'data-testid="remind"' not in html
    # who signed before it was archived still sees it
    assert 'data-testid="signed"' in client_as("delegate").get(archived.get_absolute_url()).content.decode()


@pytest.mark.parametrize("role", ["member", "staff"])
def test_posting_a_signature_or_reminder_to_an_archived_item_is_forbidden(archived, role, client_as):
    client = client_as(role)
    assert client.post(f"/disclosure/{archived.pk}/sign/").status_code == 403
    assert client.post(f"/disclosure/{archived.pk}/remind/").status_code == 403
    assert DisclosureItem.objects.get(pk=archived.pk).receipts.count() == 1
