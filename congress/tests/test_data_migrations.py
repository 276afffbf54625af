"""The congress's data migrations, run as an installation part-way through meets them: the database is taken back
once to before the first, and each is checked on old rows as it goes forward (and back, where it can). Going back
and forth across every app's migrations costs about 15 s of CPU a time, so the three share one journey."""

import pytest

from .migrating import migrate_to

pytestmark = [pytest.mark.migrations, pytest.mark.django_db(transaction=True)]

BEFORE_TALLIES, TALLIES = ("congress", "0005_term_composition_thresholds"), ("congress", "0006_vote_tallies")
BEFORE_RECEIPT_MEMBER = ("congress", "0009_appraisal_flag_share")
BEFORE_DELEGATE_GROUPS = ("congress", "0012_appraisal_receipt_drop_delegate")
MEMBERS_BEFORE_GROUPS = ("members", "0005_union_group_dissolved_on")


def test_the_data_migrations_convert_old_rows_forward_and_back():
    try:
        old = migrate_to(BEFORE_TALLIES, MEMBERS_BEFORE_GROUPS)
        closed, draft, leader = _stored_ballots_and_marks(old)
        new = migrate_to(TALLIES)
        _check_ballots_and_marks_became_tallies(new, closed, draft, leader)
        old = migrate_to(BEFORE_TALLIES)  # and back: one row per counted ballot again
        assert old.get_model("congress", "Ballot").objects.filter(motion_id=closed.pk).count() == 3
        assert old.get_model("congress", "AppraisalMark").objects.count() == 3

        old = migrate_to(BEFORE_RECEIPT_MEMBER)
        receipt, appraisal, member, delegate = _receipt_naming_a_delegacy(old)
        new = migrate_to(BEFORE_DELEGATE_GROUPS)
        assert new.get_model("congress", "AppraisalReceipt").objects.get(pk=receipt.pk).member_id == member.pk
        assert new.get_model("congress", "Appraisal").objects.get(pk=appraisal.pk).electorate == "delegates"
        old = migrate_to(BEFORE_RECEIPT_MEMBER)  # and back: the receipt names the delegacy again
        assert old.get_model("congress", "AppraisalReceipt").objects.get(pk=receipt.pk).delegate_id == delegate.pk

        old = migrate_to(BEFORE_DELEGATE_GROUPS)
        delegates = _delegates_with_free_text_groups(old)
        new = migrate_to()
        _check_one_group_per_term_and_name(new, delegates)
    finally:
        migrate_to()  # every app back at its latest migration


def _stored_ballots_and_marks(old):
    model = lambda name: old.get_model("congress", name)  # noqa: E731
    term = model("CongressTerm").objects.create(number=901, start_year=2024, end_year=2028)
    session = model("Session").objects.create(term=term, number=1, starts_on="2026-03-01", ends_on="2026-03-02")
    item = model("AgendaItem").objects.create(session=session, title="议程")
    motions = model("Motion").objects
    closed = motions.create(agenda_item=item, title="已结束", method="secret", status="closed", votes_for=2)
    draft = motions.create(agenda_item=item, title="未开始", method="secret", status="draft")
    for choice in ["for", "for", "against"]:
        model("Ballot").objects.create(motion=closed, choice=choice)
    member = old.get_model("members", "Member").objects.create(name="校长", gender="F")
    appraisal = model("Appraisal").objects.create(term=term, title="评议", scale="competence", status="open")
    leader = model("Appraisee").objects.create(appraisal=appraisal, member=member)
    for grade in ["excellent", "excellent", "incompetent"]:
        model("AppraisalMark").objects.create(appraisee=leader, grade=grade)
    return closed, draft, leader


def _check_ballots_and_marks_became_tallies(new, closed, draft, leader):
    tallies = new.get_model("congress", "BallotTally").objects
    assert dict(tallies.filter(motion_id=closed.pk).values_list("choice", "count")) == {
        "for": 2,
        "against": 1,
        "abstain": 0,
    }
    assert not tallies.filter(motion_id=draft.pk).exists()
    marks = new.get_model("congress", "AppraisalTally").objects.filter(appraisee_id=leader.pk)
    assert dict(marks.values_list("grade", "count")) == {"excellent": 2, "competent": 0, "mostly": 0, "incompetent": 1}


def _receipt_naming_a_delegacy(old):
    model = lambda name: old.get_model("congress", name)  # noqa: E731
    term = model("CongressTerm").objects.create(number=902, start_year=2024, end_year=2028)
    member = old.get_model("members", "Member").objects.create(name="投票代表", gender="F")
    delegate = model("Delegate").objects.create(term=term, member=member)
    appraisal = model("Appraisal").objects.create(term=term, title="评议", status="open")
    receipt = model("AppraisalReceipt").objects.create(appraisal=appraisal, delegate=delegate)
    return receipt, appraisal, member, delegate


def _delegates_with_free_text_groups(old):
    Member = old.get_model("members", "Member")
    Term = old.get_model("congress", "CongressTerm")
    Delegate = old.get_model("congress", "Delegate")
    fourth, fifth = (
        Term.objects.create(number=4, start_year=2020, end_year=2024),
        Term.objects.create(number=5, start_year=2024, end_year=2028),
    )
    people = [Member.objects.create(name=f"代表{i}", gender="F") for i in range(4)]
    return [
        Delegate.objects.create(term=fourth, member=people[0], group="第一组"),
        Delegate.objects.create(term=fourth, member=people[1], group="第一组"),
        Delegate.objects.create(term=fifth, member=people[2], group="第一组"),
        Delegate.objects.create(term=fifth, member=people[3], group=""),
    ]


def _check_one_group_per_term_and_name(new, delegates):
    Delegate = new.get_model("congress", "Delegate")
    assert new.get_model("congress", "DelegateGroup").objects.count() == 2
    migrated = Delegate.objects.filter(pk__in=[delegate.pk for delegate in delegates])
    groups = {d.member.name: (d.group.term.number, d.group.name) if d.group else None for d in migrated}
    assert groups == {"代表0": (4, "第一组"), "代表1": (4, "第一组"), "代表2": (5, "第一组"), "代表3": None}
