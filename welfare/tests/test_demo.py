import io

import pytest
from django.utils.module_loading import import_string

from welfare import services
from welfare.models import Application, Campaign, DonationDrive, HardshipFile, Visit


@pytest.mark.django_db
def test_demo_loads_files_a_half_done_campaign_visits_and_a_drive():
    from unionportal.management.commands.load_demo import DEMO_LOADERS

    out = io.StringIO()
    for path in DEMO_LOADERS[: DEMO_LOADERS.index("welfare.demo.load") + 1]:
        import_string(path)(out)
    assert HardshipFile.objects.count() == 15
    assert HardshipFile.objects.filter(member__status="retired").exists()
    progress = services.campaign_progress(Campaign.objects.get())
    assert progress["listed"] > 0 and abs(progress["delivered"] * 2 - progress["listed"]) <= 1
    assert Visit.objects.count() == 9  # six for members, three 重阳 visits to retirees
    assert DonationDrive.objects.get().pledged_total() > 0
    assert Application.objects.filter(member__user__username="member").exists()
    import_string("welfare.demo.load")(out)  # idempotent
    assert HardshipFile.objects.count() == 15
