"""A collective contract from draft to in force and inspected, and every refusal on the way."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from congress import motion_services
from congress.models import AgendaItem, Motion
from congress.tests.factories import make_delegate, make_session, mark_present
from contracts import flows, services
from contracts.models import ClauseCheck, CollectiveContract
from unionportal.models import UnionKind, UnionProfile
from unionportal.notices import Notice

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


def test_a_term_longer_than_three_years_is_signed_only_when_confirmed(session):
    """《集体合同规定》第三十八条: 期限一般为1至3年 — longer is allowed, once confirmed, and the timeline says so."""
    contract = reviewed(session, votes_for=3)
    start = datetime.date(TODAY.year, 1, 1)
    three_years = signing(starts_on=start, ends_on=datetime.date(TODAY.year + 2, 12, 31))
    longer = signing(starts_on=start, ends_on=datetime.date(TODAY.year + 3, 1, 1))  # a day past its third year
    with pytest.raises(ValidationError) as refused:
        services.sign(contract=contract, actor=None, **longer)
    message = refused.value.message_dict["ends_on"][0]
    assert message.startswith(f"期限届满：合同期限自{start}至{TODAY.year + 3}-01-01，超过3年。")
    assert "一般为1至3年" in message and "期限不在1至3年之间，已确认" in message
    assert CollectiveContract.objects.get(pk=contract.pk).signed_on is None
    assert services.unusual_term(starts_on=start, ends_on=three_years["ends_on"]) == ""
    contract = services.sign(contract=contract, actor=None, unusual_term_confirmed=True, **longer)
    assert contract.status == S.SIGNED and contract.steps.last().note.endswith("期限超过3年，已确认")


def test_a_term_under_a_year_is_signed_only_when_confirmed(session):
    """A wage contract runs a year as a rule; six months is possible, once confirmed."""
    contract = reviewed(session, votes_for=3)
    start = datetime.date(TODAY.year, 1, 1)
    assert services.unusual_term(starts_on=start, ends_on=datetime.date(TODAY.year, 12, 31)) == ""
    assert services.unusual_term(starts_on=start, ends_on=datetime.date(TODAY.year, 12, 30)) == "不足1年"
    half = signing(starts_on=TODAY, ends_on=TODAY + datetime.timedelta(days=182))
    with pytest.raises(ValidationError) as refused:
        services.sign(contract=contract, actor=None, **half)
    message = refused.value.message_dict["ends_on"][0]
    assert message.startswith(f"期限届满：合同期限自{TODAY}至{half['ends_on']}，不足1年。")
    contract = services.sign(contract=contract, actor=None, unusual_term_confirmed=True, **half)
    assert contract.steps.last().note.endswith("期限不足1年，已确认")


def test_a_term_counts_from_the_signing_date_when_it_has_no_start(session):
    contract = reviewed(session, votes_for=3)
    with pytest.raises(ValidationError, match="超过3年"):
        four_years = TODAY + datetime.timedelta(days=4 * 366)
        services.sign(contract=contract, actor=None, **signing(starts_on=None, ends_on=four_years))


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
    with pytest.raises(ValidationError, match="第2条依据：部分履行的条款须写明依据"):
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
    next_year = (contract.ends_on + datetime.timedelta(days=1)).year
    assert renewal.title == f"2027年工资专项集体合同（{next_year}年续签）"
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


def submitted(session):
    contract = negotiated()
    item = AgendaItem.objects.create(session=session, title="审议集体合同草案")
    return services.submit_for_review(contract=contract, agenda_item=item, actor=None)


def test_sending_back_a_draft_the_congress_is_voting_on_closes_its_vote(session, users):
    contract = submitted(session)
    motion = motion_services.open_motion(motion=contract.motion)
    first, second = (delegate.member for delegate in session.term.delegates.all()[:2])
    motion_services.cast_ballot(motion=motion, member=first, choice="for")
    confirm = services.renegotiate_confirm(CollectiveContract.objects.get(pk=contract.pk))
    assert "职代会正在表决该草案（已投票1 / 实到5人），退回将结束投票并计票" in confirm
    contract = services.renegotiate(contract=contract, reason="条款有误", actor=users["staff"])
    motion.refresh_from_db()
    assert motion.status == Motion.Status.CLOSED and motion.votes_for == 1
    with pytest.raises(ValidationError, match="此事项当前不接受投票"):
        motion_services.cast_ballot(motion=motion, member=second, choice="for")
    assert "已随之结束并计票" in contract.steps.get(action="renegotiate").note
    contract = services.submit_for_review(contract=contract, agenda_item=motion.agenda_item, actor=None)
    assert list(motion.agenda_item.motions.values_list("title", flat=True)) == [
        "审议通过《2027年工资专项集体合同（草案）》",
        "审议通过《2027年工资专项集体合同（草案）》（第2次审议）",
    ]


def test_sending_back_before_the_vote_opens_takes_its_motion_off_the_agenda(session):
    contract = submitted(session)
    item = contract.motion.agenda_item
    contract = services.renegotiate(contract=contract, reason="职工方要求补充条款", actor=None)
    assert not item.motions.exists() and contract.motion is None
    assert "已从议程撤下" in contract.steps.get(action="renegotiate").note
    contract = services.submit_for_review(contract=contract, agenda_item=item, actor=None)
    assert contract.motion.title == "审议通过《2027年工资专项集体合同（草案）》"  # never voted on: no 第2次


def test_an_objection_after_filing_clears_the_signing_and_keeps_it_on_the_timeline(session):
    contract = services.sign(contract=reviewed(session, votes_for=3), actor=None, **signing())
    contract = services.file_for_review(contract=contract, filed_on=TODAY, actor=None)
    assert "签订日期、签字人和期限将被清除" in services.renegotiate_confirm(contract)
    contract = services.renegotiate(contract=contract, reason="审查意见书：工资条款低于标准", actor=None)
    contract = CollectiveContract.objects.get(pk=contract.pk)
    assert (contract.status, contract.signed_on, contract.union_signatory, contract.employer_signatory) == (
        S.NEGOTIATING, None, "", "",
    )  # fmt: skip
    assert (contract.starts_on, contract.ends_on, contract.filed_on, contract.motion) == (None, None, None, None)
    note = contract.steps.get(action="renegotiate").note
    assert f"原签订：{TODAY}，王主席、李总经理签字" in note and f"原报送审查：{TODAY}" in note


def test_a_round_dated_in_the_future_or_before_the_round_before_it_is_refused():
    contract = negotiated()
    round_ = {"union_party": "工会", "employer_party": "企业"}
    with pytest.raises(ValidationError, match="协商日期：不能晚于今天"):
        services.record_round(contract=contract, held_on=TODAY + datetime.timedelta(days=1), **round_)
    with pytest.raises(ValidationError, match=r"协商日期：不能早于上一轮（第1轮"):
        services.record_round(contract=contract, held_on=TODAY - datetime.timedelta(days=1), **round_)
    assert contract.rounds.count() == 1
    assert services.record_round(contract=contract, held_on=TODAY, **round_).number == 2


def test_a_renewal_is_not_negotiated_before_the_original_may_be_renewed(session):
    contract = effective(session)
    contract.ends_on = TODAY + datetime.timedelta(days=80)
    contract.save()
    renewal = services.move(services.renew(contract=contract), "negotiate", actor=None)
    opens = services.renewal_opens_on(contract)
    round_ = {"union_party": "工会", "employer_party": "企业"}
    with pytest.raises(ValidationError, match="续签协商不能早于原合同可以提出续签之日"):
        services.record_round(contract=renewal, held_on=opens - datetime.timedelta(days=1), **round_)
    assert services.record_round(contract=renewal, held_on=opens, **round_).number == 1


def test_signing_before_the_last_round_is_refused(session):
    contract = reviewed(session, votes_for=3)
    contract.rounds.update(held_on=TODAY)
    earlier = TODAY - datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match=f"签订日期：不能早于最后一轮协商日期（{TODAY}）"):
        services.sign(contract=contract, actor=None, **signing(signed_on=earlier, starts_on=earlier))
    assert CollectiveContract.objects.get(pk=contract.pk).status == S.REVIEW


def test_a_renewal_of_a_renewal_is_marked_once():
    renewal = CollectiveContract(title="工资专项集体合同（2027年续签）", ends_on=datetime.date(2028, 12, 31))
    assert services.renewal_title(renewal) == "工资专项集体合同（2029年续签）"
    long = CollectiveContract(title="合" * 200, ends_on=datetime.date(2028, 12, 31))
    assert len(services.renewal_title(long)) == 200 and services.renewal_title(long).endswith("（2029年续签）")


def test_a_renewals_copied_clauses_may_be_amended_or_removed_while_negotiated(session):
    contract = effective(session)
    contract.ends_on = TODAY + datetime.timedelta(days=80)
    contract.save()
    renewal = services.renew(contract=contract)
    services.add_clause(contract=renewal, text="女职工每年体检一次。")
    first, second, third = renewal.clauses.all()
    services.amend_clause(clause=first, text="职工工资平均增长不低于6%。")
    with pytest.raises(ValidationError, match="条款内容：请填写"):
        services.amend_clause(clause=first, text=" ")
    services.remove_clause(clause=second)
    assert list(renewal.clauses.values_list("number", "text")) == [
        (1, "职工工资平均增长不低于6%。"),
        (2, "女职工每年体检一次。"),
    ]
    assert list(contract.clauses.values_list("text", flat=True))[0] == "职工工资平均增长不低于5%。"  # the original
    for clause in contract.clauses.all():  # in force: its clauses are fixed
        with pytest.raises(ValidationError, match="条款不能再改"):
            services.amend_clause(clause=clause, text="改")
        with pytest.raises(ValidationError, match="条款不能再改"):
            services.remove_clause(clause=clause)


def test_the_chair_and_staff_are_told_when_a_draft_goes_to_the_congress_is_signed_and_filed(session, users):
    UnionProfile(name="公司工会", kind=UnionKind.ENTERPRISE).save()
    contract = negotiated()
    item = AgendaItem.objects.create(session=session, title="审议集体合同草案")
    contract = services.submit_for_review(contract=contract, agenda_item=item, actor=users["staff"])
    motion_services.open_motion(motion=contract.motion)
    for delegate in session.term.delegates.all()[:3]:
        motion_services.cast_ballot(motion=contract.motion, member=delegate.member, choice="for")
    motion_services.close_motion(motion=contract.motion)
    contract = services.sign(contract=contract, actor=users["staff"], **signing())
    contract = services.file_for_review(contract=contract, filed_on=TODAY, actor=users["chair"])
    told = {
        (n.recipient.username, n.kind.rsplit(".", 1)[1]): n.text for n in Notice.objects.select_related("recipient")
    }
    # not the one who acted; the vote, counted by nobody here, is told to both
    assert set(told) == {
        ("chair", "submit"),
        ("chair", "vote"),
        ("staff", "vote"),
        ("chair", "sign"),
        ("staff", "file"),
    }
    assert told[("chair", "submit")] == "集体合同草案“2027年工资专项集体合同”已提交职代会审议，请安排表决。"
    due = TODAY + datetime.timedelta(days=10)
    assert (
        told[("chair", "sign")]
        == f"集体合同“2027年工资专项集体合同”已于{TODAY}签订，请在{due}前报送劳动保障行政部门审查。"
    )
    assert "无异议即生效" in told[("staff", "file")]


def test_an_inspection_names_each_clause_whose_evidence_is_missing(session):
    contract = effective(session)
    first, second = contract.clauses.all()
    with pytest.raises(ValidationError) as refused:
        services.record_inspection(
            contract=contract, held_on=TODAY, inspectors="代表巡视组",
            results={first.pk: ("not", ""), second.pk: ("partly", " ")},
        )  # fmt: skip
    assert refused.value.messages == [
        "第1条依据：未履行的条款须写明依据。",
        "第2条依据：部分履行的条款须写明依据。",
    ]


def test_a_clause_struck_out_meanwhile_is_not_amended():
    contract = negotiated()
    first = contract.clauses.first()
    stale = type(first).objects.get(pk=first.pk)
    services.remove_clause(clause=first)
    with pytest.raises(ValidationError, match="该条款已被删除"):
        services.amend_clause(clause=stale, text="改")
    assert list(contract.clauses.values_list("number", flat=True)) == [1]


@pytest.mark.parametrize(
    ("votes_for", "told"),
    [(3, "草案已经职代会表决通过，请组织双方首席代表签订。"), (2, "草案未获职代会表决通过，请退回重新协商。")],
)
def test_when_the_vote_is_counted_the_chair_and_staff_are_told_what_comes_next(session, users, votes_for, told):
    UnionProfile(name="公司工会", kind=UnionKind.ENTERPRISE).save()
    reviewed(session, votes_for=votes_for)
    notices = Notice.objects.filter(kind="contracts.vote")
    assert set(notices.values_list("recipient__username", flat=True)) == {"chair", "staff"}
    assert notices.first().text == f"集体合同“2027年工资专项集体合同”{told}"
