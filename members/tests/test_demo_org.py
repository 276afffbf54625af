import datetime

import pytest
from django.core.management import call_command

from members.models import Branch, Committee, CommitteeSeat, CommitteeTerm, Registration, UnionGroup


@pytest.mark.django_db
def test_demo_union_has_a_valid_org_tree_committees_with_a_past_term_and_last_years_registration():
    call_command("load_demo")
    call_command("load_demo")
    for thing in [*UnionGroup.objects.all(), *Branch.objects.all(), *CommitteeTerm.objects.all()]:
        thing.full_clean()
    for seat in CommitteeSeat.objects.all():
        seat.full_clean()
    assert UnionGroup.objects.filter(branch__name="教学分会").count() == 6
    assert not UnionGroup.objects.filter(leader=None).exists()
    assert Branch.objects.get().leader is not None
    for name in ["工会委员会", "经费审查委员会", "女职工委员会"]:
        assert sorted(Committee.objects.get(name=name).terms.values_list("number", flat=True)) == [5, 6]
    last_year = Registration.objects.get()
    assert last_year.year == datetime.date.today().year - 1
    assert last_year.groups.count() == 8 and last_year.seats.exists()
