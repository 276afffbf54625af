"""Terms and sessions hold together: dates in order, names a congress would print, and proposals go to
the session that meets next."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from congress import proposal_services, selectors
from congress.forms import AppraisalForm, SessionForm, TermForm
from congress.models import Session
from unionportal.models import UnionKind, UnionProfile

from .factories import make_delegate, make_session, make_term

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def test_a_term_cannot_end_before_it_starts():
    form = TermForm({"number": 5, "start_year": 2026, "end_year": 2025, "mode": "delegates", "min_cosigners": 2})
    assert not form.is_valid()
    assert form.errors["end_year"] == ["结束年份（2025）不能早于起始年份（2026）。"]


def _session_form(term, **data):
    fields = {"term": term.pk, "number": 1, "starts_on": TODAY + 10 * DAY, "ends_on": TODAY + 11 * DAY, **data}
    return SessionForm(fields)


def test_a_session_cannot_close_before_it_opens():
    form = _session_form(make_term(), ends_on=TODAY + 9 * DAY)
    assert not form.is_valid()
    assert form.errors["ends_on"] == ["闭幕日期不能早于开幕日期。"]


def test_proposals_cannot_be_collected_after_the_meeting_opens():
    late = (TODAY + 12 * DAY).isoformat() + "T12:00"
    form = _session_form(make_term(), proposals_close_at=late)
    assert not form.is_valid()
    assert "前截止" in form.errors["proposals_close_at"][0]


def test_the_collection_window_must_close_after_it_opens():
    form = _session_form(
        make_term(), proposals_open_at=f"{TODAY + 5 * DAY}T12:00", proposals_close_at=f"{TODAY + 4 * DAY}T12:00"
    )
    assert not form.is_valid()
    assert form.errors["proposals_close_at"] == ["提案征集截止时间须晚于开始时间。"]


def test_a_session_without_a_name_is_named_the_official_way():
    session = make_session(make_term(number=4), number=3)
    assert session.title == "第四届第三次教职工代表大会"


def test_an_enterprise_union_names_its_sessions_职工代表大会():
    UnionProfile.objects.update_or_create(pk=1, defaults={"name": "某公司工会", "kind": UnionKind.ENTERPRISE})
    assert make_session(make_term(number=2), number=1).title == "第二届第一次职工代表大会"


def test_the_current_session_is_the_next_to_meet_not_the_newest_created():
    term = make_term()
    later = make_session(term, starts_on=TODAY + 200 * DAY, ends_on=TODAY + 201 * DAY)
    make_session(term, starts_on=TODAY - 100 * DAY, ends_on=TODAY - 99 * DAY)
    sooner = make_session(term, starts_on=TODAY + 20 * DAY, ends_on=TODAY + 21 * DAY)
    assert selectors.current_session() == sooner
    Session.objects.exclude(pk=later.pk).delete()
    later.delete()
    past = make_session(term, starts_on=TODAY - 30 * DAY, ends_on=TODAY - 29 * DAY)
    assert selectors.current_session() == past


def test_a_proposal_cannot_be_filed_to_a_session_that_has_met():
    term = make_term()
    delegate = make_delegate(term)
    past = make_session(term, starts_on=TODAY - 30 * DAY, ends_on=TODAY - 29 * DAY)
    with pytest.raises(ValidationError, match="闭幕，不能再向它提交提案"):
        proposal_services.draft_proposal(session=past, proposer=delegate.member, title="食堂", content="改善")


def test_the_proposal_form_offers_only_sessions_to_come_the_next_first(client, make_user):
    term = make_term()
    user = make_user("daibiao", ["delegate"])
    make_delegate(term, member=user.member)
    make_session(term, starts_on=TODAY - 30 * DAY, ends_on=TODAY - 29 * DAY, title="已开过的会")
    make_session(term, starts_on=TODAY + 200 * DAY, ends_on=TODAY + 201 * DAY, title="明年的会")
    make_session(term, starts_on=TODAY + 20 * DAY, ends_on=TODAY + 21 * DAY, title="下次的会")
    client.force_login(user)
    form = client.get("/congress/proposals/new/").context["form"]
    assert [str(s) for s in form.fields["session"].queryset] == ["下次的会", "明年的会"]


def test_an_appraisal_session_belongs_to_its_term():
    fourth, fifth = make_term(number=4), make_term(number=5)
    other = make_session(fifth)
    form = AppraisalForm({"term": fourth.pk, "session": other.pk, "title": "评议", "scale": "satisfaction",
                          "electorate": "delegates", "flag_share": "33.3"})  # fmt: skip
    assert not form.is_valid()
    assert form.errors["session"] == [f"所选会议不属于{fourth}。"]
