"""The demo company's 2026 wage contract (工资专项集体合同): negotiated in two rounds, passed by the congress's
secret ballot, signed, filed and in force, with one delegates' inspection (代表巡视) reported to the next
session. Only for a union that signs contracts (``load_demo --kind enterprise``); runs once."""

import datetime

from django.utils import timezone

from congress import motion_services
from congress.models import AgendaItem, Attendance, CongressTerm
from unionportal.models import UnionProfile

from . import services
from .models import CollectiveContract

CLAUSES = [
    "企业职工年度工资总额增长幅度不低于5%，一线职工工资增长幅度不低于平均水平。",
    "职工最低工资不低于当地最低工资标准的120%。",
    "企业每月10日前以货币形式足额支付职工上月工资，不得克扣或无故拖欠。",
    "职工加班加点按国家规定支付加班工资，夜班津贴每班不低于30元。",
    "女职工孕期、产期、哺乳期工资待遇不降低。",
]


def load(stdout):
    if not UnionProfile.load().signs_contracts or CollectiveContract.objects.exists():
        return
    term = CongressTerm.objects.filter(number=4).first()
    if term is None:
        return
    past, upcoming = term.sessions.order_by("starts_on")[:2]
    today = timezone.localdate()
    contract = services.draft_contract(kind=CollectiveContract.Kind.WAGES, title=f"{today.year}年度工资专项集体合同")
    for text in CLAUSES:
        services.add_clause(contract=contract, text=text)
    contract = services.move(contract, "negotiate", actor=None)
    services.record_round(
        contract=contract, held_on=today - datetime.timedelta(days=60), union_party="工会主席王建华等5人",
        employer_party="总经理李明等5人", minutes="双方就工资增长幅度交换意见。", open_points="夜班津贴标准",
    )  # fmt: skip
    services.record_round(
        contract=contract, held_on=today - datetime.timedelta(days=45), union_party="工会主席王建华等5人",
        employer_party="总经理李明等5人", minutes="就夜班津贴每班30元达成一致，形成合同草案。",
    )  # fmt: skip
    item = AgendaItem.objects.create(session=past, order=past.agenda.count() + 1, title="审议工资专项集体合同草案")
    contract = services.submit_for_review(contract=contract, agenda_item=item, actor=None)
    motion_services.open_motion(motion=contract.motion)
    present = past.attendance.filter(kind=Attendance.Kind.PRESENT).values_list("member", flat=True)
    for delegate in term.delegates.filter(active=True, member__in=present):
        motion_services.cast_ballot(motion=contract.motion, member=delegate.member, choice="for")
    motion_services.close_motion(motion=contract.motion)
    ends_on = today + datetime.timedelta(days=70)  # within three months: the renewal card shows
    contract = services.sign(
        contract=contract, signed_on=today, union_signatory="王建华", employer_signatory="李明",
        starts_on=ends_on - datetime.timedelta(days=365), ends_on=ends_on, actor=None,
    )  # fmt: skip
    contract = services.file_for_review(contract=contract, filed_on=today, actor=None)
    # The demo's contract was signed last year: move its dates back, then let the 15-day review run out.
    signed_on = ends_on - datetime.timedelta(days=365)
    CollectiveContract.objects.filter(pk=contract.pk).update(
        signed_on=signed_on, starts_on=signed_on, filed_on=signed_on + datetime.timedelta(days=5)
    )
    contract = services.take_effect(contract=CollectiveContract.objects.get(pk=contract.pk))
    results = {clause.pk: ("fulfilled", "") for clause in contract.clauses.all()}
    results[contract.clauses.get(number=4).pk] = ("partly", "三车间夜班津贴按25元发放，已责成整改。")
    services.record_inspection(
        contract=contract, held_on=today - datetime.timedelta(days=20), inspectors="职工代表巡视组（5人）",
        session=upcoming, results=results, summary="合同总体履行良好，一项部分履行，已提出整改意见。",
    )  # fmt: skip
    stdout.write("集体合同演示数据已就绪")
