"""Contract pages: an inspection recorded clause by clause, renewal from the page, refusals in Chinese."""

import datetime

import pytest

from contracts.models import ClauseCheck, CollectiveContract
from unionportal.models import UnionKind, UnionProfile

from .test_services import TODAY, effective, session  # noqa: F401  (the session fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def company():
    UnionProfile(name="公司工会", kind=UnionKind.ENTERPRISE).save()


def test_a_delegate_records_an_inspection_clause_by_clause(client, users, session):  # noqa: F811
    contract = effective(session)
    first, second = contract.clauses.all()
    client.force_login(users["delegate"])
    url = f"/contracts/{contract.pk}/inspections/new/"
    data = {"held_on": TODAY.isoformat(), "inspectors": "代表巡视组", f"result_{first.pk}": "fulfilled"}
    response = client.post(url, {**data, f"result_{second.pk}": "not"})
    assert "部分履行或未履行的条款须写明依据" in response.text and not contract.inspections.exists()
    response = client.post(url, {**data, f"result_{second.pk}": "not", f"evidence_{second.pk}": "未按期发放"})
    assert response.status_code == 302
    check = contract.inspections.get().checks.get(clause=second)
    assert check.result == ClauseCheck.Result.NOT and check.evidence == "未按期发放"
    assert "未履行（未按期发放）" in client.get(contract.get_absolute_url()).text


def test_renewal_is_offered_from_three_months_before_expiry(client, users, session):  # noqa: F811
    contract = effective(session)
    client.force_login(users["staff"])
    page = client.get(contract.get_absolute_url()).text
    assert 'data-testid="renew"' not in page and "期满前3个月内" in page
    CollectiveContract.objects.filter(pk=contract.pk).update(ends_on=TODAY + datetime.timedelta(days=60))
    assert 'data-testid="renew"' in client.get(contract.get_absolute_url()).text
    assert "集体合同续签" in client.get("/").text
    response = client.post(f"/contracts/{contract.pk}/renew/")
    renewal = CollectiveContract.objects.get(renews=contract)
    assert response["Location"] == renewal.get_absolute_url() and renewal.clauses.count() == 2


def test_a_clause_cannot_be_added_once_the_draft_is_before_the_congress(client, users, session):  # noqa: F811
    contract = effective(session)
    client.force_login(users["staff"])
    response = client.post(f"/contracts/{contract.pk}/clauses/", {"text": "新条款"}, follow=True)
    assert "条款不能再改" in response.text and contract.clauses.count() == 2
    response = client.post(f"/contracts/{contract.pk}/clauses/", {"text": ""}, follow=True)
    assert "条款内容：请填写。" in response.text


def test_the_list_is_one_page_of_fixed_queries(client, users, django_assert_max_num_queries):
    for i in range(20):
        CollectiveContract.objects.create(title=f"合同{i}")
    client.force_login(users["member"])
    with django_assert_max_num_queries(10):
        assert client.get("/contracts/").status_code == 200
