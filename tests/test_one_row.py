from decimal import Decimal

import pytest

from members.models import DuesSettings
from welfare.models import WelfareSettings


@pytest.mark.django_db
@pytest.mark.parametrize("model", [DuesSettings, WelfareSettings])
def test_settings_of_one_row_are_written_with_their_defaults_once(model):
    first = model.current()
    assert model.current().pk == first.pk
    assert model.objects.count() == 1
    assert str(first) == str(model._meta.verbose_name)


@pytest.mark.django_db
def test_the_settings_keep_what_the_chair_saved():
    settings = DuesSettings.current()
    settings.rate = Decimal("0.0100")
    settings.save()
    assert DuesSettings.current().rate == Decimal("0.0100")
