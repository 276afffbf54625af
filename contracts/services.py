"""The verbs of collective contracts, after 《集体合同规定》 (2004) and 《劳动合同法》 §51–54:
- the draft goes to the congress (§36: two thirds present, more than half of ALL delegates approving —
  the congress's own quorum and ``congress.selectors.passes``); it cannot be signed unless that motion passed;
- the chief negotiators sign; the employer files it with the labour authority within 10 days (§42);
- in force when the authority raises no objection within 15 days of receipt (§47, 劳动合同法 §54);
- either side may ask to renew within the 3 months before expiry (§38).
The periods are ``REVIEW_DAYS`` and ``RENEWAL_MONTHS`` below."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from congress import motion_services
from congress import selectors as congress_selectors
from congress.models import AgendaItem, Motion
from unionportal.workflow import flow_for, move

from .models import Clause, ClauseCheck, CollectiveContract, Inspection, NegotiationRound

S = CollectiveContract.Status
REVIEW_DAYS = 15  # 《集体合同规定》第四十七条
FILING_DAYS = 10  # 第四十二条
RENEWAL_MONTHS = 3  # 第三十八条


def in_force_on(contract: CollectiveContract) -> datetime.date | None:
    """The day the 15-day review ends with no objection: filed + 15 days."""
    return contract.filed_on + datetime.timedelta(days=REVIEW_DAYS) if contract.filed_on else None


def renewal_opens_on(contract: CollectiveContract) -> datetime.date | None:
    if contract.ends_on is None:
        return None
    month = contract.ends_on.month - RENEWAL_MONTHS
    year = contract.ends_on.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    day = min(contract.ends_on.day, 28)
    return datetime.date(year, month, day)


def motion_passed(contract: CollectiveContract) -> bool:
    """The congress motion on this draft is closed and passed (read afresh: the vote moves it, not the contract)."""
    motion = Motion.objects.select_related("agenda_item__session__term").filter(pk=contract.motion_id).first()
    return (
        motion is not None
        and motion.status == Motion.Status.CLOSED
        and congress_selectors.motion_result(motion)["passed"]
    )


@transaction.atomic
def draft_contract(*, kind: str, title: str, actor=None, renews: CollectiveContract | None = None):
    contract = CollectiveContract(kind=kind, title=title, renews=renews)
    contract.full_clean()
    contract.save()
    flow_for(contract).record(contract, "draft", actor=actor, to_status=S.DRAFT, from_status="")
    if renews is not None:
        Clause.objects.bulk_create(
            Clause(contract=contract, number=c.number, text=c.text) for c in renews.clauses.all()
        )
    return contract


def _editable(contract: CollectiveContract) -> None:
    if contract.status not in (S.DRAFT, S.NEGOTIATING):
        raise ValidationError(_("合同已提交审议，条款不能再改；如需修改请退回重新协商。"))


@transaction.atomic
def add_clause(*, contract: CollectiveContract, text: str, actor=None) -> Clause:
    """A numbered clause (第N条), while the text is still being negotiated."""
    contract = flow_for(contract).lock(contract)
    _editable(contract)
    if not text.strip():
        raise ValidationError({"text": _("条款内容：请填写。")})
    last = contract.clauses.aggregate(last=Max("number"))["last"] or 0
    clause = Clause(contract=contract, number=last + 1, text=text)
    clause.full_clean()
    clause.save()
    return clause


@transaction.atomic
def record_round(*, contract: CollectiveContract, held_on, union_party, employer_party, minutes="", open_points="",
                 actor=None) -> NegotiationRound:  # fmt: skip
    """A negotiation round (第N轮协商), only while the contract is in 协商."""
    contract = flow_for(contract).lock(contract)
    if contract.status != S.NEGOTIATING:
        raise ValidationError(_("合同不在协商阶段，不能登记协商会议。"))
    last = contract.rounds.aggregate(last=Max("number"))["last"] or 0
    round_ = NegotiationRound(
        contract=contract, number=last + 1, held_on=held_on, union_party=union_party,
        employer_party=employer_party, minutes=minutes, open_points=open_points,
    )  # fmt: skip
    round_.full_clean()
    round_.save()
    return round_


def not_ready_for_review(contract: CollectiveContract) -> str | None:
    if not contract.clauses.exists():
        return _("合同还没有条款。")
    if not contract.rounds.exists():
        return _("还没有登记协商会议。")
    return None


def submit_for_review(*, contract: CollectiveContract, agenda_item: AgendaItem, actor) -> CollectiveContract:
    """The agreed draft goes to the congress as a motion (无记名投票) on an agenda item of a session."""
    title = _("审议通过《%(title)s（草案）》") % {"title": contract.title}
    motion = motion_services.add_motion(agenda_item=agenda_item, title=title, method=Motion.Method.SECRET, actor=actor)
    return move(contract, "submit", actor=actor, motion=motion, note=str(agenda_item.session))


def renegotiate(*, contract: CollectiveContract, reason: str, actor) -> CollectiveContract:
    """Back to negotiation: the congress did not pass it, or the labour authority objected (审查意见书)."""
    if not reason.strip():
        raise ValidationError({"reason": _("原因：请填写。")})
    return move(contract, "renegotiate", actor=actor, note=reason, motion=None, filed_on=None)


def sign(*, contract: CollectiveContract, signed_on, union_signatory, employer_signatory, starts_on, ends_on,
         actor) -> CollectiveContract:  # fmt: skip
    """The chief negotiators sign (签订) — only a draft the congress passed, with a term that ends after it."""
    if not motion_passed(contract):
        raise ValidationError(_("职代会尚未表决通过该合同草案，不能签订。"))
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("签订日期：不能晚于今天。")})
    if ends_on <= signed_on:
        raise ValidationError({"ends_on": _("期限届满：须晚于签订日期（%(date)s）。") % {"date": signed_on}})
    if starts_on and ends_on <= starts_on:
        raise ValidationError({"ends_on": _("期限届满：须晚于期限起始日期。")})
    opened_at = Motion.objects.get(pk=contract.motion_id).opened_at
    if opened_at and signed_on < timezone.localdate(opened_at):
        raise ValidationError({"signed_on": _("签订日期：不能早于职代会表决日期。")})
    return move(
        contract,
        "sign",
        actor=actor,
        signed_on=signed_on,
        union_signatory=union_signatory,
        employer_signatory=employer_signatory,
        starts_on=starts_on,
        ends_on=ends_on,
        note=_("%(union)s、%(employer)s签字") % {"union": union_signatory, "employer": employer_signatory},
    )


def file_for_review(*, contract: CollectiveContract, filed_on, actor) -> CollectiveContract:
    """报送审查: filed with the labour authority, not before signing; 15 days later it is in force."""
    if filed_on < contract.signed_on:
        raise ValidationError(
            {"filed_on": _("报送日期：不能早于签订日期（%(date)s）。") % {"date": contract.signed_on}}
        )
    if filed_on > timezone.localdate():
        raise ValidationError({"filed_on": _("报送日期：不能晚于今天。")})
    late = (filed_on - contract.signed_on).days > FILING_DAYS
    note = _("签字后%(days)s日报送，超过规定的10日。") % {"days": (filed_on - contract.signed_on).days} if late else ""
    return move(contract, "file", actor=actor, filed_on=filed_on, note=note)


def review_pending(contract: CollectiveContract) -> str | None:
    day = in_force_on(contract)
    if day and timezone.localdate() < day:
        return _("劳动保障行政部门审查期（15日）未满，%(date)s起无异议即生效。") % {"date": day}
    return None


def take_effect(*, contract: CollectiveContract, actor=None) -> CollectiveContract:
    """In force (生效) from the day the review period ends with no objection; a term with no start of its
    own starts that day (生效日为期限起始日)."""
    effective_on = in_force_on(contract)
    starts_on = contract.starts_on or effective_on
    return move(contract, "take_effect", actor=actor, effective_on=effective_on, starts_on=starts_on)


def bring_into_force() -> list[CollectiveContract]:
    """Every filed contract whose 15 days have passed: in force (by the system, as the rule does it)."""
    today = timezone.localdate()
    due = CollectiveContract.objects.filter(status=S.FILED, filed_on__lte=today - datetime.timedelta(days=REVIEW_DAYS))
    return [take_effect(contract=contract) for contract in due]


def not_expired(contract: CollectiveContract) -> str | None:
    if contract.ends_on and timezone.localdate() <= contract.ends_on:
        return _("合同期限至%(date)s，尚未届满。") % {"date": contract.ends_on}
    return None


def renew(*, contract: CollectiveContract, actor=None) -> CollectiveContract:
    """续签: a new draft with the same clauses, from three months before expiry."""
    opens = renewal_opens_on(contract)
    if contract.status not in (S.EFFECTIVE, S.EXPIRED) or opens is None:
        raise ValidationError(_("只有生效或到期的合同可以续签。"))
    if timezone.localdate() < opens:
        raise ValidationError(_("期满前3个月内（%(date)s起）可以提出续签。") % {"date": opens})
    if contract.renewals.exists():
        raise ValidationError(_("该合同已开始续签。"))
    return draft_contract(kind=contract.kind, title=contract.title, renews=contract, actor=actor)


@transaction.atomic
def record_inspection(*, contract: CollectiveContract, held_on, inspectors, results: dict, session=None,
                      summary="", actor=None) -> Inspection:  # fmt: skip
    """履行检查 (代表巡视): every clause of a contract in force gets 已履行/部分履行/未履行 with its evidence
    (``results``: clause pk → (result, evidence)); reported to ``session``."""
    if contract.status != S.EFFECTIVE:
        raise ValidationError(_("只有生效的合同可以进行履行检查。"))
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("检查日期：不能晚于今天。")})
    clauses = {clause.pk: clause for clause in contract.clauses.all()}
    if set(results) != set(clauses):
        raise ValidationError(_("请对每一条款填写履行情况。"))
    for result, evidence in results.values():
        if result not in ClauseCheck.Result.values:
            raise ValidationError(_("请对每一条款填写履行情况。"))
        if result != ClauseCheck.Result.FULFILLED and not evidence.strip():
            raise ValidationError(_("部分履行或未履行的条款须写明依据。"))
    inspection = Inspection(contract=contract, held_on=held_on, inspectors=inspectors, session=session, summary=summary)
    inspection.full_clean()
    inspection.save()
    ClauseCheck.objects.bulk_create(
        ClauseCheck(inspection=inspection, clause=clauses[pk], result=result, evidence=evidence)
        for pk, (result, evidence) in results.items()
    )
    flow_for(contract).record(contract, "inspect", actor=actor, note=str(inspection))
    return inspection
