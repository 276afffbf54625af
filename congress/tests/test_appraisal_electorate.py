"""Who votes in an appraisal (参评人员): the term's active delegates by default, or every union member
in service; settled before it opens; receipts name the voting member (old ones keep their voter:
test_data_migrations.py)."""

import pytest
from django.core.exceptions import ValidationError

from congress import appraisal_selectors, appraisal_services
from congress.models import Appraisal, AppraisalReceipt, Appraisee
from members.models import Member

from .factories import make_delegate, make_member, make_term

pytestmark = pytest.mark.django_db

MEMBERS = Appraisal.Electorate.MEMBERS


def _open(electorate=Appraisal.Electorate.DELEGATES, term=None):
    appraisal = Appraisal.objects.create(term=term or make_term(), title="干部民主评议", electorate=electorate)
    Appraisee.objects.create(appraisal=appraisal, member=make_member("校长"), post="校长")
    return appraisal_services.open_appraisal(appraisal=appraisal)


def _vote(appraisal, member):
    appraisal_services.cast_appraisal_ballot(
        appraisal=appraisal, member=member, grades={appraisal.appraisees.get().pk: "satisfied"}
    )


def test_all_members_in_service_vote_and_count_when_the_electorate_is_the_members():
    term = make_term()
    in_service = [make_member(is_union_member=True) for _ in range(3)]
    make_delegate(term, in_service[0])
    retired = make_member(is_union_member=True, status=Member.Status.RETIRED)
    not_in_union = make_member()
    delegate_not_in_union = make_delegate(term).member
    appraisal = _open(MEMBERS, term)
    _vote(appraisal, in_service[1])  # no delegate of any term
    assert appraisal_selectors.appraisal_turnout(appraisal) == (1, 3)
    for outsider in (retired, not_in_union, delegate_not_in_union):
        with pytest.raises(ValidationError, match="您不在本次评议的参评人员之中"):
            _vote(appraisal, outsider)
    assert list(AppraisalReceipt.objects.values_list("member", flat=True)) == [in_service[1].pk]


def test_by_default_only_the_terms_active_delegates_vote():
    term = make_term()
    delegate = make_delegate(term).member
    make_delegate(term, active=False)
    appraisal = _open(term=term)
    assert appraisal.electorate == Appraisal.Electorate.DELEGATES
    with pytest.raises(ValidationError, match="参评人员之中"):
        _vote(appraisal, make_member(is_union_member=True))
    _vote(appraisal, delegate)
    assert appraisal_selectors.appraisal_turnout(appraisal) == (1, 1)


def test_the_electorate_is_settled_before_the_appraisal_opens():
    draft = Appraisal.objects.create(term=make_term(), title="评议")
    draft.electorate = MEMBERS
    appraisal_services.save_appraisal(appraisal=draft)
    opened = _open()
    opened.title = "改名可以"
    appraisal_services.save_appraisal(appraisal=opened)
    opened.electorate = MEMBERS
    with pytest.raises(ValidationError, match="评议开始后不能再更改参评人员"):
        appraisal_services.save_appraisal(appraisal=opened)
    assert Appraisal.objects.get(pk=opened.pk).electorate == Appraisal.Electorate.DELEGATES


def test_a_member_in_the_electorate_sees_the_ballot_and_the_card_and_votes(client, users):
    term = make_term()
    delegates_only = _open(term=term)
    everyone = _open(MEMBERS, term)
    client.force_login(users["member"])
    assert 'data-testid="appraisal-ballot"' not in client.get(delegates_only.get_absolute_url()).text
    page = client.get(everyone.get_absolute_url()).text
    assert 'data-testid="appraisal-ballot"' in page and "参评人员：全体在职会员" in page
    home = client.get("/").text
    assert "民主评议待投票" in home and everyone.title in home
    client.post(f"/congress/appraisals/{everyone.pk}/vote/", {f"a{everyone.appraisees.get().pk}": "satisfied"})
    assert everyone.receipts.filter(member=users["member"].member).exists()
    assert "民主评议待投票" not in client.get("/").text
    assert "您已参加本次评议" in client.get(everyone.get_absolute_url()).text


def test_the_voters_page_lists_the_members_and_keeps_those_who_voted_and_left(client_as, users):
    appraisal = _open(MEMBERS)
    waiting = make_member("未投会员", is_union_member=True)
    leaver = make_member("已退休会员", is_union_member=True)
    _vote(appraisal, leaver)
    Member.objects.filter(pk=leaver.pk).update(status=Member.Status.RETIRED)
    make_member("退休未投", is_union_member=True, status=Member.Status.RETIRED)
    page = client_as("staff").get(f"/congress/appraisals/{appraisal.pk}/voters/").text
    not_voted, voted = page.split('data-testid="not-voted"')[1].split('data-testid="voted"')
    assert waiting.name in not_voted and users["member"].member.name in not_voted
    assert leaver.name in voted and "已不在参评人员之中" in voted
    assert "退休未投" not in page


def test_a_ballot_posted_with_a_grade_for_someone_not_appraised_is_refused_whole(client, users):
    appraisal = _open(MEMBERS)
    leader = appraisal.appraisees.get()
    client.force_login(users["member"])
    url = f"/congress/appraisals/{appraisal.pk}/vote/"
    client.post(url, {f"a{leader.pk}": "satisfied", f"a{leader.pk + 1000}": "satisfied"})
    assert not appraisal.receipts.exists()
    client.post(url, {f"a{leader.pk}": "satisfied", "about": "x"})  # a field that is no grade is left aside
    assert appraisal.receipts.filter(member=users["member"].member).exists()
