"""Contract pages: an inspection recorded clause by clause, renewal from the page, refusals in Chinese."""

import datetime

import pytest

from contracts import services
from contracts.models import ClauseCheck, CollectiveContract
from unionportal.models import UnionKind, UnionProfile

from .test_services import TODAY, effective, negotiated, reviewed, session, signing  # noqa: F401  (the session fixture)

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
    assert "第2条依据：未履行的条款须写明依据。" in response.text and not contract.inspections.exists()
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


def _action(page, name):
    """The <details> of one workflow button on the page."""
    start = page.index(f'data-action="{name}"')
    return page[start : page.index("</details>", start)]


def test_signing_filing_and_sending_back_ask_first(client, users, session):  # noqa: F811
    contract = reviewed(session, votes_for=3)
    client.force_login(users["staff"])
    page = client.get(contract.get_absolute_url()).text
    assert "确定签订？" in _action(page, "sign") and "确认签订" in _action(page, "sign")
    assert "确定退回？" in _action(page, "renegotiate") and "确认退回重新协商" in _action(page, "renegotiate")
    contract = services.sign(contract=contract, actor=None, **signing())
    page = client.get(contract.get_absolute_url()).text
    assert "确定报送？" in _action(page, "file") and "确认报送审查" in _action(page, "file")


def test_signing_a_term_past_three_years_asks_for_the_confirmation(client, users, session):  # noqa: F811
    contract = reviewed(session, votes_for=3)
    client.force_login(users["staff"])
    assert "期限不在1至3年之间，已确认" in _action(client.get(contract.get_absolute_url()).text, "sign")
    data = {
        "state": contract.status,
        "signed_on": TODAY.isoformat(),
        "union_signatory": "王主席",
        "employer_signatory": "李总经理",
        "starts_on": TODAY.isoformat(),
        "ends_on": (TODAY + datetime.timedelta(days=5 * 366)).isoformat(),
    }
    response = client.post(f"/contracts/{contract.pk}/sign/", data, follow=True)
    assert "超过3年。《集体合同规定》第三十八条规定集体合同期限一般为1至3年" in response.text
    assert CollectiveContract.objects.get(pk=contract.pk).status == CollectiveContract.Status.REVIEW
    client.post(f"/contracts/{contract.pk}/sign/", {**data, "unusual_term_confirmed": "on"})
    assert CollectiveContract.objects.get(pk=contract.pk).status == CollectiveContract.Status.SIGNED


def test_renewal_asks_first_and_names_the_new_draft(client, users, session):  # noqa: F811
    contract = effective(session)
    CollectiveContract.objects.filter(pk=contract.pk).update(ends_on=TODAY + datetime.timedelta(days=60))
    client.force_login(users["staff"])
    page = client.get(contract.get_absolute_url()).text
    year = (TODAY + datetime.timedelta(days=61)).year
    assert f"将复制本合同的全部条款起草续签合同“2027年工资专项集体合同（{year}年续签）”" in page
    assert "确认起草续签合同" in page
    client.post(f"/contracts/{contract.pk}/renew/")
    titles = list(client.get("/contracts/").context["contracts"].values_list("title", flat=True))
    assert titles == [f"2027年工资专项集体合同（{year}年续签）", "2027年工资专项集体合同"]


def test_a_clause_is_amended_or_removed_from_the_page_while_negotiated(client, users):
    contract = negotiated()
    first, second = contract.clauses.all()
    client.force_login(users["staff"])
    page = client.get(contract.get_absolute_url()).text
    assert f'action="/contracts/clauses/{first.pk}/"' in page and "修改第1条" in page
    response = client.post(f"/contracts/clauses/{first.pk}/", {"text": ""}, follow=True)
    assert "条款内容：请填写。" in response.text
    response = client.post(f"/contracts/clauses/{first.pk}/", {"text": "职工工资平均增长不低于6%。"}, follow=True)
    assert "第1条已修改。" in response.text
    response = client.post(f"/contracts/clauses/{first.pk}/remove/", follow=True)
    assert "第1条已删除" in response.text
    assert list(contract.clauses.values_list("number", "text")) == [(1, second.text)]
    client.force_login(users["delegate"])
    assert client.post(f"/contracts/clauses/{second.pk}/remove/").status_code == 403


def test_a_contract_sent_back_after_filing_no_longer_shows_its_signing(client, users, session):  # noqa: F811
    contract = services.sign(contract=reviewed(session, votes_for=3), actor=None, **signing())
    contract = services.file_for_review(contract=contract, filed_on=TODAY, actor=None)
    client.force_login(users["staff"])
    response = client.post(
        f"/contracts/{contract.pk}/renegotiate/", {"state": "filed", "reason": "审查意见书提出异议"}, follow=True
    )
    assert "已退回重新协商。" in response.text
    term = f"{TODAY:%Y-%m-%d}—{TODAY + datetime.timedelta(days=365):%Y-%m-%d}"
    assert term not in client.get("/contracts/").text
    page, timeline = client.get(contract.get_absolute_url()).text.split('data-testid="timeline"')
    assert term not in page and "王主席" not in page and "报送审查</dt>" not in page
    assert f"原签订：{TODAY}，王主席、李总经理签字，期限{term}" in timeline


def test_a_draft_the_congress_did_not_pass_is_sent_back_not_signed(client, users, session):  # noqa: F811
    contract = reviewed(session, votes_for=2)
    client.force_login(users["staff"])
    page = client.get(contract.get_absolute_url()).text
    assert "职代会未通过该草案，请退回重新协商。" in page and 'data-action="sign"' not in page
    assert 'data-action="renegotiate"' in page
