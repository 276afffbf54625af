"""The migration that turns the free-text 代表组 into a list of groups per term."""

import pytest

from .migrating import migrate_to

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.migrations]


def test_free_text_groups_become_one_group_per_term_and_name():
    old = migrate_to(("congress", "0012_appraisal_receipt_drop_delegate"), ("members", "0005_union_group_dissolved_on"))
    Member = old.get_model("members", "Member")
    Term = old.get_model("congress", "CongressTerm")
    Delegate = old.get_model("congress", "Delegate")
    fourth, fifth = (
        Term.objects.create(number=4, start_year=2020, end_year=2024),
        Term.objects.create(number=5, start_year=2024, end_year=2028),
    )
    people = [Member.objects.create(name=f"代表{i}", gender="F") for i in range(4)]
    Delegate.objects.create(term=fourth, member=people[0], group="第一组")
    Delegate.objects.create(term=fourth, member=people[1], group="第一组")
    Delegate.objects.create(term=fifth, member=people[2], group="第一组")
    Delegate.objects.create(term=fifth, member=people[3], group="")

    new = migrate_to()
    Delegate = new.get_model("congress", "Delegate")
    DelegateGroup = new.get_model("congress", "DelegateGroup")
    assert DelegateGroup.objects.count() == 2
    groups = {d.member.name: (d.group.term.number, d.group.name) if d.group else None for d in Delegate.objects.all()}
    assert groups == {"代表0": (4, "第一组"), "代表1": (4, "第一组"), "代表2": (5, "第一组"), "代表3": None}
