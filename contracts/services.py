"""The verbs of collective contracts, after 《集体合同规定》 (2004) and 《劳动合同法》 §51–54:
- the draft goes to the congress (§36: two thirds present, more than half of ALL delegates approving —
  the congress's own quorum and ``congress.selectors.passes``); it cannot be signed unless that motion passed;
- the chief negotiators sign; the employer files it with the labour authority within 10 days (§42);
- in force when the authority raises no objection within 15 days of receipt (§47, 劳动合同法 §54);
- either side may ask to renew within the 3 months before expiry (§38).
The periods are ``REVIEW_DAYS`` and ``RENEWAL_MONTHS`` below."""

import datetime
import re

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
USUAL_TERM_YEARS = (1, 3)  # 第三十八条: 期限一般为1至3年 ("usually": another term is confirmed, not refused)


def in_force_on(contract: CollectiveContract) -> datetime.date | None:
    """The day the 15-day review ends with no objection: filed + 15 days."""
    return contract.filed_on + datetime.timedelta(days=REVIEW_DAYS) if contract.filed_on else None


def filing_due_on(contract: CollectiveContract) -> datetime.date | None:
    """The last day to file a signed contract with the labour authority: signed + 10 days."""
    return contract.signed_on + datetime.timedelta(days=FILING_DAYS) if contract.signed_on else None


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


def unsigned_until_passed(contract: CollectiveContract) -> str | None:
    """Why the draft cannot be signed yet (the sign row's ``blocked``, and ``sign`` itself), or None."""
    return None if motion_passed(contract) else _("职代会尚未表决通过该合同草案，不能签订。")


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


def _clause_text(text: str) -> str:
    if not text.strip():
        raise ValidationError({"text": _("条款内容：请填写。")})
    return text


@transaction.atomic
def add_clause(*, contract: CollectiveContract, text: str, actor=None) -> Clause:
    """A numbered clause (第N条), while the text is still being negotiated."""
    contract = flow_for(contract).lock(contract)
    _editable(contract)
    last = contract.clauses.aggregate(last=Max("number"))["last"] or 0
    clause = Clause(contract=contract, number=last + 1, text=_clause_text(text))
    clause.full_clean()
    clause.save()
    return clause


def _locked_clause(clause: Clause) -> Clause:
    """The clause read afresh under its contract's lock (another hand may have struck it out or renumbered it),
    while the contract's text may still change."""
    contract = flow_for(clause.contract).lock(clause.contract)
    _editable(contract)
    fresh = contract.clauses.filter(pk=clause.pk).first()
    if fresh is None:
        raise ValidationError(_("该条款已被删除，请刷新页面。"))
    fresh.contract = contract
    return fresh


@transaction.atomic
def amend_clause(*, clause: Clause, text: str, actor=None) -> Clause:
    """A clause reworded while the text is still being negotiated (a renewal's copied clauses among them)."""
    clause = _locked_clause(clause)
    clause.text = _clause_text(text)
    clause.full_clean()
    clause.save(update_fields=["text"])
    return clause


@transaction.atomic
def remove_clause(*, clause: Clause, actor=None) -> CollectiveContract:
    """A clause struck out while the text is still being negotiated; the clauses after it move up a number, so
    the printed contract has no gap (第1条, 第2条 …)."""
    clause = _locked_clause(clause)
    contract = clause.contract
    clause.delete()
    # one at a time, lowest first: each takes the number just freed, so the unique number holds throughout
    for later in contract.clauses.filter(number__gt=clause.number).order_by("number"):
        later.number -= 1
        later.save(update_fields=["number"])
    return contract


@transaction.atomic
def record_round(*, contract: CollectiveContract, held_on, union_party, employer_party, minutes="", open_points="",
                 actor=None) -> NegotiationRound:  # fmt: skip
    """A negotiation round (第N轮协商), only while the contract is in 协商, held by today and in order: not
    before the round before it, nor, for a renewal, before the original could be renewed (续签, 三个月内)."""
    contract = flow_for(contract).lock(contract)
    if contract.status != S.NEGOTIATING:
        raise ValidationError(_("合同不在协商阶段，不能登记协商会议。"))
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("协商日期：不能晚于今天。")})
    last = contract.rounds.order_by("number").last()
    if last is not None and held_on < last.held_on:
        raise ValidationError(
            {
                "held_on": _("协商日期：不能早于上一轮（第%(number)s轮，%(date)s）。")
                % {"number": last.number, "date": last.held_on}
            }
        )
    opens = renewal_opens_on(contract.renews) if contract.renews_id else None
    if opens and held_on < opens:
        raise ValidationError(
            {"held_on": _("协商日期：续签协商不能早于原合同可以提出续签之日（%(date)s）。") % {"date": opens}}
        )
    round_ = NegotiationRound(
        contract=contract, number=(last.number if last else 0) + 1, held_on=held_on, union_party=union_party,
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


def review_motion_title(contract: CollectiveContract) -> str:
    """The motion's title; a draft back from negotiation says which time it comes, so the agenda never lists
    two identical motions (one voted on stays there, closed, as the congress's record; one never opened was
    taken off the agenda and is not counted)."""
    title = _("审议通过《%(title)s（草案）》") % {"title": contract.title}
    before = Motion.objects.filter(title__startswith=title).count()
    return title + _("（第%(n)s次审议）") % {"n": before + 1} if before else title


@transaction.atomic
def submit_for_review(*, contract: CollectiveContract, agenda_item: AgendaItem, actor) -> CollectiveContract:
    """The agreed draft goes to the congress as a motion (无记名投票) on an agenda item of a session."""
    title = review_motion_title(contract)
    motion = motion_services.add_motion(agenda_item=agenda_item, title=title, method=Motion.Method.SECRET, actor=actor)
    return move(contract, "submit", actor=actor, motion=motion, note=str(agenda_item.session))


def _signing_record(contract: CollectiveContract) -> list[str]:
    """What the signing and the filing recorded, for the note of the step that clears them."""
    lines = []
    if contract.signed_on:
        lines.append(
            _("原签订：%(date)s，%(union)s、%(employer)s签字，期限%(starts)s—%(ends)s。")
            % {
                "date": contract.signed_on,
                "union": contract.union_signatory,
                "employer": contract.employer_signatory,
                "starts": contract.starts_on or "",
                "ends": contract.ends_on,
            }
        )
    if contract.filed_on:
        lines.append(_("原报送审查：%(date)s。") % {"date": contract.filed_on})
    return lines


def renegotiate_confirm(contract: CollectiveContract) -> str:
    """What 退回重新协商 will do, asked before it does it."""
    parts = [_("退回后合同回到协商阶段，须重新提交职代会审议。")]
    motion = contract.motion
    if motion is not None and motion.status == Motion.Status.OPEN:
        parts.append(
            _("职代会正在表决该草案（已投票%(n)s / 实到%(present)s人），退回将结束投票并计票。")
            % {"n": motion.receipts.count(), "present": motion.delegates_present}
        )
    elif motion is not None and motion.status == Motion.Status.DRAFT:
        parts.append(_("尚未开始表决的“%(title)s”将从议程撤下。") % {"title": motion.title})
    if contract.signed_on:
        parts.append(_("已登记的签订日期、签字人和期限将被清除，原记录保留在办理记录中。"))
    parts.append(_("确定退回？"))
    return "".join(parts)


@transaction.atomic
def renegotiate(*, contract: CollectiveContract, reason: str, actor) -> CollectiveContract:
    """Back to negotiation (退回重新协商): the congress did not pass it, or the labour authority objected
    (审查意见书). Its review motion takes no more ballots: one still voting is closed and counted, as the
    congress closes a vote (``close_motion``); one never opened was only ever this draft's and is taken off the
    agenda. What the signing and the filing recorded is cleared, and kept in the step's note."""
    if not reason.strip():
        raise ValidationError({"reason": _("原因：请填写。")})
    flow = flow_for(contract)
    contract = flow.lock(contract)
    flow.require(contract, "renegotiate", actor)
    lines = [reason.strip()]
    unopened = None
    if contract.motion_id is not None:
        motion = Motion.objects.select_for_update(of=("self",)).get(pk=contract.motion_id)
        if motion.status == Motion.Status.OPEN:
            motion = motion_services.close_motion(motion=motion, actor=actor)
            lines.append(_("职代会表决“%(title)s”已随之结束并计票。") % {"title": motion.title})
        elif motion.status == Motion.Status.DRAFT:
            unopened = motion
            lines.append(_("尚未开始表决的“%(title)s”已从议程撤下。") % {"title": motion.title})
    lines += _signing_record(contract)
    contract = move(
        contract, "renegotiate", actor=actor, note="\n".join(lines), motion=None,
        signed_on=None, union_signatory="", employer_signatory="", starts_on=None, ends_on=None, filed_on=None,
    )  # fmt: skip
    if unopened is not None:
        unopened.delete()
    return contract


def _years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def unusual_term(*, starts_on: datetime.date, ends_on: datetime.date) -> str:
    """How a term strays from the usual 1 to 3 years of 《集体合同规定》第三十八条 ("不足1年", "超过3年"), or ""
    for a usual one; a year runs to the day before its anniversary."""
    shortest, longest = USUAL_TERM_YEARS
    last_day = datetime.timedelta(days=1)
    if ends_on > _years_after(starts_on, longest) - last_day:
        return _("超过%(years)s年") % {"years": longest}
    if ends_on < _years_after(starts_on, shortest) - last_day:
        return _("不足%(years)s年") % {"years": shortest}
    return ""


def sign(*, contract: CollectiveContract, signed_on, union_signatory, employer_signatory, starts_on, ends_on,
         actor, unusual_term_confirmed: bool = False) -> CollectiveContract:  # fmt: skip
    """The chief negotiators sign (签订) — only a draft the congress passed, with a term that ends after it.
    A term under 1 or over 3 years (《集体合同规定》第三十八条: 期限一般为1至3年) is allowed, the rule saying
    "usually", but only when confirmed (``unusual_term_confirmed``), and the timeline says so."""
    refusal = unsigned_until_passed(contract)
    if refusal:
        raise ValidationError(refusal)
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("签订日期：不能晚于今天。")})
    last = contract.rounds.order_by("number").last()
    if last is not None and signed_on < last.held_on:
        raise ValidationError(
            {"signed_on": _("签订日期：不能早于最后一轮协商日期（%(date)s）。") % {"date": last.held_on}}
        )
    if ends_on <= signed_on:
        raise ValidationError({"ends_on": _("期限届满：须晚于签订日期（%(date)s）。") % {"date": signed_on}})
    if starts_on and ends_on <= starts_on:
        raise ValidationError({"ends_on": _("期限届满：须晚于期限起始日期。")})
    unusual = unusual_term(starts_on=starts_on or signed_on, ends_on=ends_on)
    if unusual and not unusual_term_confirmed:
        raise ValidationError(
            {
                "ends_on": _(
                    "期限届满：合同期限自%(start)s至%(end)s，%(unusual)s。《集体合同规定》第三十八条规定集体合同期限"
                    "一般为1至3年；确需这样的期限，请勾选“期限不在1至3年之间，已确认”。"
                )
                % {"start": starts_on or signed_on, "end": ends_on, "unusual": unusual}
            }
        )
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
        note=_("%(union)s、%(employer)s签字") % {"union": union_signatory, "employer": employer_signatory}
        + (_("；期限%(unusual)s，已确认") % {"unusual": unusual} if unusual else ""),
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


RENEWAL_MARK = re.compile(r"（(\d{4}年)?续签）$")


def renewal_title(contract: CollectiveContract) -> str:
    """The renewal's own name: the original's, marked with the year its new term begins (the day after the old
    one ends), so the list never shows two contracts of one name; a renewal of a renewal is marked once."""
    mark = _("（%(year)s年续签）") % {"year": (contract.ends_on + datetime.timedelta(days=1)).year}
    base = RENEWAL_MARK.sub("", contract.title)
    limit = CollectiveContract._meta.get_field("title").max_length - len(mark)
    return base[:limit] + mark


def renew_confirm(contract: CollectiveContract) -> str:
    return _("将复制本合同的全部条款起草续签合同“%(title)s”，每份合同只能续签一次。确定起草？") % {
        "title": renewal_title(contract)
    }


def renew(*, contract: CollectiveContract, actor=None) -> CollectiveContract:
    """续签: a new draft with the same clauses (to amend while it is negotiated), from three months before
    expiry, named as the renewal (``renewal_title``)."""
    opens = renewal_opens_on(contract)
    if contract.status not in (S.EFFECTIVE, S.EXPIRED) or opens is None:
        raise ValidationError(_("只有生效或到期的合同可以续签。"))
    if timezone.localdate() < opens:
        raise ValidationError(_("期满前3个月内（%(date)s起）可以提出续签。") % {"date": opens})
    if contract.renewals.exists():
        raise ValidationError(_("该合同已开始续签。"))
    return draft_contract(kind=contract.kind, title=renewal_title(contract), renews=contract, actor=actor)


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
    if any(result not in ClauseCheck.Result.values for result, _evidence in results.values()):
        raise ValidationError(_("请对每一条款填写履行情况。"))
    unexplained = [
        _("第%(number)s条依据：%(result)s的条款须写明依据。")
        % {"number": clauses[pk].number, "result": ClauseCheck.Result(result).label}
        for pk, (result, evidence) in sorted(results.items(), key=lambda item: clauses[item[0]].number)
        if result != ClauseCheck.Result.FULFILLED and not evidence.strip()
    ]
    if unexplained:
        raise ValidationError(unexplained)
    inspection = Inspection(contract=contract, held_on=held_on, inspectors=inspectors, session=session, summary=summary)
    inspection.full_clean()
    inspection.save()
    ClauseCheck.objects.bulk_create(
        ClauseCheck(inspection=inspection, clause=clauses[pk], result=result, evidence=evidence)
        for pk, (result, evidence) in results.items()
    )
    flow_for(contract).record(contract, "inspect", actor=actor, note=str(inspection))
    return inspection
