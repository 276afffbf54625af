"""Every welfare page renders with the demo data loaded, for the roles that may see it."""

import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.utils.module_loading import import_string

from welfare.models import Application, Campaign, DonationDrive, HardshipFile

PAGES = [
    "/welfare/",
    "/welfare/files/",
    "/welfare/files/?status=helping&level=severe&q=w",
    "/welfare/applications/",
    "/welfare/applications/mine/",
    "/welfare/applications/new/",
    "/welfare/payments/",
    "/welfare/totals/",
    "/welfare/campaigns/",
    "/welfare/visits/",
    "/welfare/visits/new/",
    "/welfare/payments/new/",
    "/welfare/drives/",
]


@pytest.fixture
def demo(db):
    from unionportal.management.commands.load_demo import DEMO_LOADERS

    out = io.StringIO()
    for path in DEMO_LOADERS[: DEMO_LOADERS.index("welfare.demo.load") + 1]:
        import_string(path)(out)


def test_pages_render_with_demo_data(client, demo):
    client.force_login(User.objects.get(username="chair"))
    pages = [
        *PAGES,
        HardshipFile.objects.first().get_absolute_url(),
        HardshipFile.objects.first().get_absolute_url() + "edit/",
        Campaign.objects.first().get_absolute_url(),
        DonationDrive.objects.first().get_absolute_url(),
        *[a.get_absolute_url() for a in Application.objects.all()],
    ]
    for page in pages:
        assert client.get(page).status_code == 200, page
    assert "人次" in client.get("/welfare/totals/").content.decode()


def test_member_pledges_to_the_drive(client, demo):
    client.force_login(User.objects.get(username="member"))
    drive = DonationDrive.objects.get()
    before = drive.pledged_total()
    client.post(drive.get_absolute_url(), {"amount": "88.80"})
    assert drive.pledged_total() == before + Decimal("88.80")
