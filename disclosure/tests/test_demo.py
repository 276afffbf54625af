import io

import pytest
from django.utils.module_loading import import_string

from disclosure.demo import LAPSED
from disclosure.models import Category, DisclosureItem, Objection
from disclosure.selectors import overdue_categories


@pytest.mark.django_db
def test_demo_loads_categories_and_about_sixty_items_in_every_state():
    out = io.StringIO()
    for path in ["unionportal.demo.load", "members.demo.load", "disclosure.demo.load"]:
        import_string(path)(out)
    assert Category.objects.filter(kind="school").count() == 17
    assert 55 <= DisclosureItem.objects.count() <= 65
    assert set(DisclosureItem.objects.values_list("status", flat=True)) == set(DisclosureItem.Status.values)
    assert Objection.objects.filter(answered_at__isnull=False).exists()
    assert [o.category.name for o in overdue_categories() if o.serious] == [LAPSED]
    import_string("disclosure.demo.load")(out)  # idempotent
    assert Category.objects.count() == 17 and 55 <= DisclosureItem.objects.count() <= 65
