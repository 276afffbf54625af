"""A collective contract from draft to in force and inspected, and every refusal on the way."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from congress import motion_services
from congress.models import AgendaItem
from congress.tests.factories import make_delegate, make_session, mark_present
from contracts import flows, services
from contracts.models import ClauseCheck, CollectiveContract
from unionportal.models import UnionKind, UnionProfile

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
S = CollectiveContract.Status


@pytest.fixture
def session():
    session = make_session(starts_on=TODAY, ends_on=TODAY)
    for _ in range(5):
        make_delegate(session.term)
    mark_present(session)
    return session


def negotiated(title="2027年工资专项集体合同"):
    contract = services.draft_contract(kind=CollectiveContract.Kind.WAGES, title=title)
    services.add_clause(contract=contract, text="职工工资平均增长不低于5%。")
    services.add_clause(contract=contract, text="每月10日前足额支付工资。")
    contract = services.move(contract, "negotiate", actor=None)
    services.record_round(
        contract=contract, held_on=TODAY, union_party="工会主席等5人", employer_party="总经理等5人",
        minutes="就增幅达成一致", open_points="",
    )  # fmt: skip
    return contract


def reviewed(session, votes_for):
    contract = negotiated()
    item = AgendaItem.objects.create(session=session, title="审议集体合同草案")
    contract = services.submit_for_review(contract=contract, agenda_item=item, actor=None)
    motion_services.open_motion(motion=contract.motion)
    for delegate in session.term.delegates.all()[:votes_for]:
        motion_services.cast_ballot(motion=contract.motion, member=delegate.member, choice="for")
    motion_services.close_motion(motion=contract.motion)
    return CollectiveContract.objects.get(pk=contract.pk)


def signing(**fields):
    return {
        "signed_on": TODAY,
        "union_signatory": "王主席",
        "employer_signatory": "李总经理",
        "starts_on": TODAY,
        "ends_on": TODAY + datetime.timedelta(days=365),
        **fields,
    }


def test_clauses_are_numbered_and_frozen_once_submitted(session):
    contract = negotiated()
    assert list(contract.clauses.values_list("number", flat=True)) == [1, 2]
    assert contract.rounds.get().number == 1
    contract = services.submit_for_review(
        contract=contract, agenda_item=AgendaItem.objects.create(session=session, title="审议"), actor=None
    )
    assert contract.status == S.REVIEW and contract.motion.title == "审议通过《2027年工资专项集体合同（草案）》"
    with pytest.raises(ValidationError, match="条款不能再改"):
        services.add_clause(contract=contract, text="新条款")


def test_a_draft_without_clauses_or_rounds_cannot_go_to_the_congress():
    contract = services.draft_contract(kind="comprehensive", title="综合集体合同")
    contract = services.move(contract, "negotiate", actor=None)
    assert services.not_ready_for_review(contract) == "合同还没有条款。"
    services.add_clause(contract=contract, text="条款")
    assert services.not_ready_for_review(contract) == "还没有登记协商会议。"


def test_a_contract_the_congress_did_not_pass_cannot_be_signed(session):
    contract = reviewed(session, votes_for=2)  # 2 of 5 delegates: not more than half of all
    with pytest.raises(ValidationError, match="职代会尚未表决通过该合同草案，不能签订"):
        services.sign(contract=contract, actor=None, **signing())
    assert CollectiveContract.objects.get(pk=contract.pk).status == S.REVIEW
    contract = services.renegotiate(contract=contract, reason="职代会未通过", actor=None)
    assert contract.status == S.NEGOTIATING and contract.motion is None


def test_an_expiry_before_the_signing_date_is_refused(session):
    contract = reviewed(session, votes_for=3)
    with pytest.raises(ValidationError, match="期限届满：须晚于签订日期"):
        services.sign(contract=contract, actor=None, **signing(ends_on=TODAY - datetime.timedelta(days=1)))
    assert CollectiveContract.objects.get(pk=contract.pk).signed_on is None


def test_signed_filed_and_in_force_fifteen_days_after_filing(session):
    contract = services.sign(contract=reviewed(session, votes_for=3), actor=None, **signing())
    filed_on = TODAY - datetime.timedelta(days=14)
    with pytest.raises(ValidationError, match="报送日期：不能早于签订日期"):
        services.file_for_review(contract=contract, filed_on=filed_on, actor=None)
    contract.signed_on = filed_on
    contract.save()
    contract = services.file_for_review(contract=contract, filed_on=filed_on, actor=None)
    with pytest.raises(ValidationError, match="审查期（15日）未满"):
        services.take_effect(contract=contract)
    assert services.bring_into_force() == []
    CollectiveContract.objects.filter(pk=contract.pk).update(filed_on=TODAY - datetime.timedelta(days=15))
    [contract] = services.bring_into_force()
    assert contract.status == S.EFFECTIVE and contract.effective_on == TODAY
    assert list(contract.steps.values_list("action", flat=True)) == [
        "draft", "negotiate", "submit", "sign", "file", "take_effect",
    ]  # fmt: skip


def effective(session):
    contract = services.sign(contract=reviewed(session, votes_for=3), actor=None, **signing())
    contract = services.file_for_review(contract=contract, filed_on=TODAY, actor=None)
    CollectiveContract.objects.filter(pk=contract.pk).update(filed_on=TODAY - datetime.timedelta(days=15))
    return services.take_effect(contract=CollectiveContract.objects.get(pk=contract.pk))


def test_an_inspection_records_every_clause_with_evidence_where_not_fulfilled(session):
    contract = effective(session)
    first, second = contract.clauses.all()
    with pytest.raises(ValidationError, match="请对每一条款填写履行情况"):
        services.record_inspection(contract=contract, held_on=TODAY, inspectors="代表巡视组", results={})
    with pytest.raises(ValidationError, match="部分履行或未履行的条款须写明依据"):
        services.record_inspection(
            contract=contract, held_on=TODAY, inspectors="代表巡视组",
            results={first.pk: ("fulfilled", ""), second.pk: ("partly", " ")},
        )  # fmt: skip
    inspection = services.record_inspection(
        contract=contract, held_on=TODAY, inspectors="代表巡视组", session=session,
        results={first.pk: ("fulfilled", ""), second.pk: ("partly", "3月工资延至12日发放")},
    )  # fmt: skip
    assert list(inspection.checks.values_list("result", flat=True)) == [
        ClauseCheck.Result.FULFILLED,
        ClauseCheck.Result.PARTLY,
    ]


def test_renewal_opens_three_months_before_expiry_with_the_same_clauses(session):
    contract = effective(session)
    with pytest.raises(ValidationError, match="期满前3个月内"):
        services.renew(contract=contract)
    contract.ends_on = TODAY + datetime.timedelta(days=80)
    contract.save()
    renewal = services.renew(contract=contract)
    assert renewal.status == S.DRAFT and renewal.renews == contract and renewal.clauses.count() == 2
    with pytest.raises(ValidationError, match="已开始续签"):
        services.renew(contract=contract)
    assert services.renewal_opens_on(CollectiveContract(ends_on=datetime.date(2027, 2, 28))) == datetime.date(
        2026, 11, 28
    )


@pytest.mark.parametrize("action", [action.name for action in flows.FLOW.actions])
def test_every_move_from_a_state_the_table_does_not_allow_is_refused(action):
    row = flows.FLOW.table[action]
    for status in set(S.values) - set(row.sources):
        contract = CollectiveContract.objects.create(title="合同", status=status)
        with pytest.raises(ValidationError, match="不能"):
            services.move(contract, action, actor=None)


def test_contracts_show_for_enterprises_and_unions_that_enable_them(users):
    UnionProfile(name="学校工会", kind=UnionKind.SCHOOL).save()
    assert not users["staff"].has_perm("contracts.view_contracts")
    UnionProfile(name="学校工会", kind=UnionKind.SCHOOL, collective_contracts=True).save()
    users["staff"] = type(users["staff"]).objects.get(pk=users["staff"].pk)
    assert users["staff"].has_perm("contracts.manage_contracts")
    UnionProfile(name="公司工会", kind=UnionKind.ENTERPRISE).save()
    assert type(users["member"]).objects.get(pk=users["member"].pk).has_perm("contracts.view_contracts")
