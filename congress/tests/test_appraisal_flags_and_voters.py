"""Appraisal flags (不满意/不称职 above the appraisal's flag_share) and the voter list staff use to
remind delegates: who has voted comes from the receipts; no count is shown to anyone before close."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import ROLES
from congress import appraisal_selectors, appraisal_services
from congress.models import Appraisal, AppraisalTally, Appraisee
from unionportal.documents.models import Job

from .factories import make_delegate, make_member, make_term

pytestmark = pytest.mark.django_db


def _closed_with(negative, total, scale=Appraisal.Scale.SATISFACTION, **fields):
    """An appraisal of one leader closed with ``negative`` of ``total`` marks on the negative grade."""
    appraisal = Appraisal.objects.create(term=make_term(), title="评议", scale=scale, **fields)
    leader = Appraisee.objects.create(appraisal=appraisal, member=make_member())
    appraisal_services.open_appraisal(appraisal=appraisal)
    negative_grade, positive_grade = (
        ("unsatisfied", "satisfied") if scale == "satisfaction" else ("incompetent", "competent")
    )
    AppraisalTally.objects.filter(appraisee=leader, grade=negative_grade).update(count=negative)
    AppraisalTally.objects.filter(appraisee=leader, grade=positive_grade).update(count=total - negative)
    return appraisal_services.close_appraisal(appraisal=appraisal)


@pytest.mark.parametrize(
    ("share", "negative", "total", "flagged"),
    [
        ("40", 2, 5, False),  # exactly at the share: not above it
        ("40", 401, 1000, True),  # 40.1%, just above
        ("40", 4004, 10000, False),  # 40.04% prints as 40.0%: the flag follows the printed share
        ("40", 4005, 10000, True),  # 40.05% prints as 40.1% (四舍五入)
        ("0", 0, 5, False),
        ("0", 1, 1000, True),  # 0.1%: any negative mark above 0
        ("100", 5, 5, False),  # nothing is above 100%
    ],
)
def test_flag_at_the_boundary_of_the_configured_share(share, negative, total, flagged):
    (row,) = appraisal_selectors.appraisal_tally(_closed_with(negative, total, flag_share=Decimal(share)))
    assert row["flagged"] is flagged


def test_default_share_is_a_third_and_one_of_three_is_not_above_it():
    appraisal = _closed_with(1, 3)
    assert appraisal.flag_share == Decimal("33.3")
    (row,) = appraisal_selectors.appraisal_tally(appraisal)
    assert row["grades"][2]["percent"] == 33.3 and not row["flagged"]
    (row,) = appraisal_selectors.appraisal_tally(_closed_with(34, 100))
    assert row["flagged"]


def test_competence_scale_flags_only_incompetent_marks():
    (row,) = appraisal_selectors.appraisal_tally(
        _closed_with(2, 5, scale=Appraisal.Scale.COMPETENCE, flag_share=Decimal(30))
    )
    assert row["flagged"]  # 2 of 5 不称职 = 40% > 30%
    appraisal = Appraisal.objects.create(term=make_term(), title="评议", scale="competence", flag_share=Decimal(30))
    leader = Appraisee.objects.create(appraisal=appraisal, member=make_member())
    appraisal_services.open_appraisal(appraisal=appraisal)
    AppraisalTally.objects.filter(appraisee=leader, grade="mostly").update(count=5)  # 基本称职 is not negative
    (row,) = appraisal_selectors.appraisal_tally(appraisal_services.close_appraisal(appraisal=appraisal))
    assert not row["flagged"]


@pytest.mark.parametrize(("share", "valid"), [("-0.1", False), ("0", True), ("100", True), ("100.1", False)])
def test_flag_share_is_a_percentage_from_0_to_100(share, valid):
    appraisal = Appraisal(term=make_term(), title="评议", flag_share=Decimal(share))
    if valid:
        appraisal.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            appraisal.full_clean()
        assert "flag_share" in error.value.message_dict


def test_create_form_refuses_a_share_above_100_in_chinese_and_keeps_the_input(client_as):
    term = make_term()
    client = client_as("staff")
    typed = {
        "term": term.pk,
        "title": "年度评议",
        "scale": "satisfaction",
        "electorate": "delegates",
        "flag_share": "150",
    }
    page = client.post("/congress/appraisals/new/", typed).text
    assert "否定票标注线（％）不能大于100。" in page
    assert 'value="年度评议"' in page and 'value="150"' in page
    assert not Appraisal.objects.exists()
    client.post("/congress/appraisals/new/", {**typed, "flag_share": "25"})
    assert Appraisal.objects.get().flag_share == Decimal(25)


def test_result_page_shows_the_flag_with_the_share(client_as):
    appraisal = appraisal_services.publish_appraisal(appraisal=_closed_with(3, 5, flag_share=Decimal(20)))
    page = client_as("member").get(appraisal.get_absolute_url()).text
    assert 'data-testid="flag"' in page and "否定票超过20.0%" in page


@pytest.fixture
def open_appraisal(users):
    term = make_term()
    voters = {
        name: make_delegate(term, make_member(name, phone="13800000000")) for name in ("甲代表", "乙代表", "丙代表")
    }
    make_delegate(term, make_member("离任未投"), active=False)
    appraisal = Appraisal.objects.create(term=term, title="干部评议")
    Appraisee.objects.create(appraisal=appraisal, member=make_member("校长"), post="校长")
    appraisal_services.open_appraisal(appraisal=appraisal)
    (leader,) = appraisal.appraisees.all()
    appraisal_services.cast_appraisal_ballot(
        appraisal=appraisal, member=voters["甲代表"].member, grades={leader.pk: "unsatisfied"}
    )
    appraisal_services.cast_appraisal_ballot(
        appraisal=appraisal, member=voters["乙代表"].member, grades={leader.pk: "satisfied"}
    )
    voters["乙代表"].active = False  # left after voting: still listed as voted
    voters["乙代表"].save()
    return appraisal


def test_staff_see_who_has_and_has_not_voted_but_no_grade(client_as, open_appraisal):
    client = client_as("staff")
    page = client.get(f"/congress/appraisals/{open_appraisal.pk}/voters/").text
    not_voted, voted = page.split('data-testid="not-voted"')[1].split('data-testid="voted"')
    assert "丙代表" in not_voted and "甲代表" not in not_voted and "tel:13800000000" in not_voted
    assert "甲代表" in voted and "乙代表" in voted and "已不在参评人员之中" in voted and "丙代表" not in voted
    assert "离任未投" not in page  # left before voting: not a voter any more
    assert "已参评 2 人，未参评 1 人" in page
    for grade in ("不满意", "基本满意", "%"):
        assert grade not in page.split("<main")[-1].split('data-testid="voters-turnout"')[1]
    assert "查看参评名单" in client.get(open_appraisal.get_absolute_url()).text


def test_voter_list_queries_do_not_grow_with_delegates(client_as, open_appraisal, django_assert_num_queries):
    client = client_as("chair")
    url = f"/congress/appraisals/{open_appraisal.pk}/voters/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(10):
        make_delegate(open_appraisal.term)
    with django_assert_num_queries(len(few)):
        client.get(url)


@pytest.mark.parametrize("role", ["superuser", *ROLES])
def test_no_tally_before_close_for_anyone(client, make_user, users, open_appraisal, role):
    if role == "superuser":
        user = make_user("root")
        user.is_superuser = True
        user.save()
    else:
        user = users[role]
    client.force_login(user)
    page = client.get(open_appraisal.get_absolute_url()).text
    assert 'data-testid="tally"' not in page and 'data-testid="flag"' not in page
    assert "任何人都看不到计票" in page
    assert client.post(f"/congress/appraisals/{open_appraisal.pk}/result/print/").status_code in (302, 403)
    assert not Job.objects.exists()  # no result sheet is queued either
    assert appraisal_selectors.appraisal_tally(open_appraisal) is None
