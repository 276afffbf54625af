"""The verbs of the congress app: one function per proposal transition, plus votes.

Each proposal transition keeps its domain checks here and moves through the table in ``flows.py``
(``unionportal.workflow``), which refuses illegal moves in Chinese and writes a dated ``ProposalStep``.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionportal.human_order import numbered_key
from unionportal.notices import notify
from unionportal.strokes import stroke_key
from unionportal.uploads import check_content, check_size

from .ballots import count_vote as _count_vote
from .flows import FLOW
from .models import (
    AgendaItem,
    Attendance,
    BallotReceipt,
    BallotTally,
    Delegate,
    Motion,
    Proposal,
    ProposalCoSigner,
)
from .selectors import appraisal_electorate, in_electorate

S = Proposal.Status


def _lock(proposal):
    return FLOW.lock(proposal)


def _move(proposal, action, *, actor, note="", **fields):
    return FLOW.move(proposal, action, actor=actor, note=note, **fields)


def active_delegate(member, term):
    if member is None:
        return None
    return Delegate.objects.filter(term=term, member=member, active=True).first()


def _window_refusal(session, now):
    if session.has_met(timezone.localtime(now).date()):
        return _("%(session)s已于%(day)s闭幕，不能再向它提交提案。") % {"session": session, "day": session.ends_on}
    if session.proposals_open_at and now < session.proposals_open_at:
        return _("提案征集尚未开始。")
    if session.proposals_close_at and now > session.proposals_close_at:
        return _("提案征集已截止。")
    return None


def draft_proposal(*, session, proposer, title, content, actor=None):
    """A delegate of the session's term drafts a proposal (起草提案)."""
    if active_delegate(proposer, session.term_id) is None:
        raise ValidationError(_("只有本届在任代表可以提出提案。"))
    reason = _window_refusal(session, timezone.now())
    if reason:
        raise ValidationError(reason)
    with transaction.atomic():
        proposal = Proposal(session=session, proposer=proposer, title=title, content=content)
        proposal.full_clean()
        proposal.save()
        FLOW.record(proposal, "draft", actor=actor, from_status="")
    return proposal


def invite_cosigners(*, proposal, cosigners, actor):
    """The proposer invites delegates to co-sign (邀请附议); each invited delegate is told."""
    with transaction.atomic():
        proposal = _lock(proposal)
        members = list(cosigners)
        if not members:
            raise ValidationError(_("请选择至少一位附议代表。"))
        for member in members:
            if member.pk == proposal.proposer_id:
                raise ValidationError(_("提案人不能附议自己的提案。"))
            if active_delegate(member, proposal.session.term_id) is None:
                raise ValidationError(_("%(name)s不是本届在任代表，不能附议。") % {"name": member.name})
            ProposalCoSigner.objects.get_or_create(proposal=proposal, member=member)
        names = "、".join(m.name for m in members)
        proposal = _move(proposal, "invite", actor=actor, note=_("邀请附议：%(names)s") % {"names": names})
        notify(
            members,
            text=_("%(name)s邀请您附议提案“%(title)s”。") % {"name": proposal.proposer.name, "title": proposal.title},
            url=proposal.get_absolute_url(),
            kind="congress.proposal.invited",
            permission="congress.view_proposal",
            obj=proposal,
        )
        return proposal


def _respond(*, proposal, member, actor, action, status, note):
    """An invited delegate answers the invitation (附议 or 谢绝); the step leaves the state as it is.
    ``member`` is the actor's own record unless a paper answer is entered for her."""
    member = member or getattr(actor, "member", None)
    with transaction.atomic():
        proposal = _lock(proposal)
        invitation = proposal.cosigners.filter(member=member).first() if member else None
        if invitation is None:
            raise ValidationError(_("您未被邀请附议此提案。"))
        if invitation.status != ProposalCoSigner.Status.INVITED:
            raise ValidationError(_("您已回复过此附议邀请。"))
        _move(proposal, action, actor=actor, note=note % {"name": member.name})
        invitation.status = status
        invitation.responded_at = timezone.now()
        invitation.save()
        return invitation


def cosign(*, proposal, actor, member=None):
    """An invited delegate co-signs (附议)."""
    return _respond(
        proposal=proposal,
        member=member,
        actor=actor,
        action="cosign",
        status=ProposalCoSigner.Status.SIGNED,
        note=_("%(name)s附议"),
    )


def decline(*, proposal, actor, member=None):
    return _respond(
        proposal=proposal,
        member=member,
        actor=actor,
        action="decline",
        status=ProposalCoSigner.Status.DECLINED,
        note=_("%(name)s谢绝附议"),
    )


def submit(*, proposal, actor):
    """The proposer submits once enough delegates have co-signed (提交)."""
    with transaction.atomic():
        proposal = _lock(proposal)
        FLOW.require(proposal, "submit", actor)
        reason = _window_refusal(proposal.session, timezone.now())
        if reason:
            raise ValidationError(reason)
        needed = proposal.session.term.min_cosigners
        signed = proposal.cosigners.filter(status=ProposalCoSigner.Status.SIGNED).count()
        if signed < needed:
            raise ValidationError(
                _("提案需要至少%(needed)s位代表附议，目前只有%(signed)s位。") % {"needed": needed, "signed": signed}
            )
        return _move(proposal, "submit", actor=actor, submitted_at=timezone.now())


def register(*, proposal, actor, note=""):
    """The proposal committee accepts it (立案) and gives it a number."""
    with transaction.atomic():
        proposal = _lock(proposal)
        last = Proposal.objects.filter(session=proposal.session).aggregate(last=Max("number"))["last"] or 0
        return _move(proposal, "register", actor=actor, note=note, number=last + 1, review_note=note)


def reject(*, proposal, actor, reason, handler=None):
    """Not accepted (不立案): converted to a suggestion (转为建议) that lands in the suggestion list,
    with the department that answers it (承办部门), told when it has a head; the reason is given."""
    from .models import Suggestion

    if not reason.strip():
        raise ValidationError(_("不立案必须说明理由。"))
    with transaction.atomic():
        proposal = _move(
            proposal,
            "reject",
            actor=actor,
            note=_("转为建议：%(reason)s") % {"reason": reason},
            rejection_reason=reason,
            is_suggestion=True,
        )
        suggestion = Suggestion.objects.create(
            author=proposal.proposer,
            title=proposal.title,
            content=proposal.content + "\n\n" + _("（由不立案提案转为建议：%(reason)s）") % {"reason": reason},
            submitted_on=timezone.localdate(),
            handler=handler,
        )
        if handler is not None and handler.head_id:
            notify(
                handler.head,
                text=_("建议“%(title)s”请贵部门答复。") % {"title": suggestion.title},
                url=suggestion.get_absolute_url(),
                kind="congress.suggestion.assigned",
                permission="congress.view_suggestion",
                obj=suggestion,
            )
        return proposal


def merge(*, proposal, into, actor, note=""):
    """Merged into another proposal of the same session (并案)."""
    if into is None:
        raise ValidationError(_("请选择并入的提案。"))
    with transaction.atomic():
        proposal = _lock(proposal)
        if into.pk == proposal.pk:
            raise ValidationError(_("提案不能并入自身。"))
        if into.session_id != proposal.session_id:
            raise ValidationError(_("只能并入同一次会议的提案。"))
        if into.status not in Proposal.ACCEPTED | {S.SUBMITTED}:
            raise ValidationError(_("只能并入已提交或已立案的提案。"))
        return _move(
            proposal, "merge", actor=actor, note=_("并入：%(title)s") % {"title": into.title}, merged_into=into
        )


def assign(*, proposal, actor, lead_department, deadline, helping_departments=()):
    """Handed to a lead department (主办) with helpers (协办) and a deadline (交办)."""
    if lead_department is None:
        raise ValidationError(_("请指定主办部门。"))
    if deadline is None:
        raise ValidationError(_("请指定办理期限。"))
    if deadline < timezone.localdate():
        raise ValidationError(_("办理期限不能早于今天。"))
    with transaction.atomic():
        proposal = _move(
            proposal,
            "assign",
            actor=actor,
            note=_("主办：%(dept)s，期限：%(deadline)s") % {"dept": lead_department, "deadline": deadline},
            lead_department=lead_department,
            deadline=deadline,
        )
        proposal.helping_departments.set([d for d in helping_departments if d.pk != lead_department.pk])
        return proposal


def reply(*, proposal, actor, text):
    """The lead department's head answers (答复)."""
    if not text.strip():
        raise ValidationError(_("答复内容不能为空。"))
    with transaction.atomic():
        return _move(proposal, "reply", actor=actor, note=text, reply=text, replied_at=timezone.now())


def rate(*, proposal, actor, rating, note="", on_behalf=False):
    """The proposer rates the reply; 不满意 sends it back for one more handling.
    Staff may enter a rating from a paper form on the proposer's behalf (on_behalf)."""
    if rating not in Proposal.Rating.values:
        raise ValidationError(_("请选择满意度。"))
    with transaction.atomic():
        proposal = _lock(proposal)
        proposer_rates = getattr(actor, "member", None) is not None and actor.member.pk == proposal.proposer_id
        if on_behalf:
            note = _("代录纸质评价表") + (f"：{note}" if note else "")
        elif not proposer_rates:
            raise ValidationError(_("只有提案人可以评价答复。"))
        label = Proposal.Rating(rating).label
        if rating == Proposal.Rating.UNSATISFIED and not proposal.returned:
            text = _("不满意，退回重新办理") + (f"：{note}" if note else "")
            return _move(proposal, "rate", actor=actor, note=text, to=S.ASSIGNED, rating=rating, returned=True)
        return _move(proposal, "rate", actor=actor, note=f"{label}{'：' + note if note else ''}", rating=rating)


def close(*, proposal, actor, note=""):
    """Staff close a rated proposal (办结)."""
    with transaction.atomic():
        return _move(proposal, "close", actor=actor, note=note)


KPI_RULES = gettext_lazy(
    "立案率＝（立案＋并案）÷已审查的提案；答复率＝已答复÷立案；反馈率＝提案人已评价÷已答复；"
    "办结率＝办结÷立案；满意率＝（满意＋基本满意）÷已评价；解决率＝已落实÷已登记落实情况的提案。尚未审查的提案不计入立案率。"
)


def session_kpis(session):
    """A session's proposal figures (rates are percentages to one decimal, or None when there is no base):

    立案率 = (立案 + 并案) ÷ 已审查 (proposals still awaiting the committee's decision are not counted);
    答复率 = 已答复 ÷ 立案; 反馈率 = 提案人已评价 ÷ 已答复; 办结率 = 办结 ÷ 立案;
    满意率 = (满意 + 基本满意) ÷ 已评价; 解决率 = 已落实 ÷ 已登记落实情况; ``KPI_RULES`` says the same on the page.
    """
    proposals = list(
        session.proposals.filter(status__in=Proposal.RECEIVED).values_list("status", "rating", "implementation")
    )
    decided = [p for p in proposals if p[0] in Proposal.DECIDED]
    accepted = [p for p in proposals if p[0] in Proposal.ACCEPTED]
    merged = [p for p in proposals if p[0] == S.MERGED]
    answered = [p for p in accepted if p[0] in Proposal.ANSWERED]
    rated = [p for p in accepted if p[1]]
    satisfied = [p for p in rated if p[1] in (Proposal.Rating.SATISFIED, Proposal.Rating.MOSTLY)]
    implemented = {value: [p for p in answered if p[2] == value] for value in Proposal.Implementation.values}

    def rate_of(part, whole):
        return round(100 * len(part) / len(whole), 1) if whole else None

    return {
        "received": len(proposals),
        "decided": len(decided),
        "registered": len(accepted),
        "merged": len(merged),
        "registered_rate": rate_of(accepted + merged, decided),
        "replied_rate": rate_of(answered, accepted),
        "feedback_rate": rate_of(rated, answered),
        "closed_rate": rate_of([p for p in accepted if p[0] == S.CLOSED], accepted),
        "satisfied_rate": rate_of(satisfied, rated),
        "resolved_rate": rate_of(implemented[Proposal.Implementation.DONE], [p for p in answered if p[2]]),
        "implemented": {value: len(rows) for value, rows in implemented.items()},
        "rules": KPI_RULES,
    }


@transaction.atomic
def record_implementation(*, proposal, actor, implementation, note=""):
    """落实情况: after the reply, the union or the lead department records whether what was promised was done
    (已落实 / 部分落实 / 未落实). It feeds the 解决率 and the 落实情况 report to the next session; it can be
    corrected later, each change kept in the proposal's history."""
    proposal = _lock(proposal)
    if proposal.status not in Proposal.ANSWERED:
        raise ValidationError(
            _("提案答复后才能登记落实情况（现在：%(status)s）。") % {"status": proposal.get_status_display()}
        )
    if implementation not in Proposal.Implementation.values:
        raise ValidationError(_("请选择落实情况：已落实、部分落实或未落实。"))
    if implementation != Proposal.Implementation.DONE and not note.strip():
        raise ValidationError(_("部分落实或未落实时，请在“落实情况说明”中写明原因和后续安排。"))
    proposal.implementation = implementation
    proposal.implementation_note = note.strip()
    proposal.save(update_fields=["implementation", "implementation_note"])
    return proposal


# ---- votes ----------------------------------------------------------------


def quorum(*, session):
    """(present, delegates, reached): at least 2/3 of the term's seated delegates (应到) present (出席).
    Exactly two thirds is enough (三分之二以上 includes the bound); observers (列席) do not count."""
    delegates = session.term.delegates.filter(active=True)
    total = delegates.count()
    present = Attendance.objects.filter(
        session=session, kind=Attendance.Kind.PRESENT, member__in=delegates.values("member")
    ).count()
    return present, total, total > 0 and 3 * present >= 2 * total


def passes(*, votes_for, delegates):
    """A motion passes with more than half of ALL the term's delegates, not of those present:
    exactly half is not enough."""
    return delegates > 0 and 2 * votes_for > delegates


def _fix_roll_call(motion):
    """Refuse a vote without a quorum; otherwise fix 应到/实到 on the motion for good."""
    present, total, reached = quorum(session=motion.agenda_item.session)
    if not reached:
        raise ValidationError(
            _("出席代表%(present)s人，未达到应到代表%(total)s人的三分之二，不能表决。")
            % {"present": present, "total": total}
        )
    motion.opened_at = timezone.now()
    motion.delegates_total, motion.delegates_present = total, present


def _locked_motion(motion):
    return Motion.objects.select_for_update(of=("self",)).select_related("agenda_item__session__term").get(pk=motion.pk)


def open_motion(*, motion, actor=None):
    with transaction.atomic():
        motion = _locked_motion(motion)
        if motion.status != Motion.Status.DRAFT:
            raise ValidationError(_("表决已开始或已结束。"))
        _fix_roll_call(motion)
        motion.status = Motion.Status.OPEN
        motion.save()
        if motion.method == Motion.Method.SECRET:
            BallotTally.objects.bulk_create(BallotTally.blank_rows(motion))
        return motion


def record_open_count(*, motion, votes_for, votes_against, abstentions, actor=None):
    """Staff enter the count of an open vote (举手表决); only those present can raise a hand."""
    with transaction.atomic():
        motion = _locked_motion(motion)
        if motion.method != Motion.Method.OPEN:
            raise ValidationError(_("无记名投票不能录入举手表决结果。"))
        if motion.status == Motion.Status.CLOSED:
            raise ValidationError(_("表决已结束。"))
        if motion.opened_at is None:
            _fix_roll_call(motion)
        if votes_for + votes_against + abstentions > motion.delegates_present:
            raise ValidationError(
                _("票数合计超过出席代表人数（%(present)s）。") % {"present": motion.delegates_present}
            )
        motion.votes_for, motion.votes_against, motion.abstentions = votes_for, votes_against, abstentions
        motion.status = Motion.Status.CLOSED
        motion.save()
        return motion


def _check_present(session, member):
    """A secret ballot is cast in the hall: only a delegate marked 出席 at the session votes, not one
    on leave (请假), an observer (列席) or one nobody signed in."""
    kind = Attendance.objects.filter(session=session, member=member).values_list("kind", flat=True).first()
    if kind is None:
        raise ValidationError(_("您未登记出席本次会议，不能投票；请到会务处签到。"))
    if kind != Attendance.Kind.PRESENT:
        raise ValidationError(
            _("您本次会议登记为%(kind)s，只有出席的代表可以投票。") % {"kind": Attendance.Kind(kind).label}
        )


def check_ballot(motion, member):
    """The delegate who may cast a secret ballot on ``motion`` now; otherwise the reason, raised."""
    if motion.method != Motion.Method.SECRET or motion.status != Motion.Status.OPEN:
        raise ValidationError(_("此事项当前不接受投票。"))
    delegate = active_delegate(member, motion.agenda_item.session.term_id)
    if delegate is None:
        raise ValidationError(_("只有本届在任代表可以投票。"))
    if motion.opened_at and delegate.seated_at > motion.opened_at:
        raise ValidationError(_("您在表决开始后才就任代表，不参加本次表决。"))
    if BallotReceipt.objects.filter(motion=motion, delegate=delegate).exists():
        raise ValidationError(_("您已投过票。"))
    _check_present(motion.agenda_item.session, member)
    return delegate


def cast_ballot(*, motion, member, choice):
    """A delegate present at the session casts a secret ballot: a receipt (who) and +1 on the motion's
    tally (what), in one transaction, with nothing stored that links them. The unique receipt makes it
    one ballot per delegate."""
    if choice not in BallotTally.Choice.values:
        raise ValidationError(_("请选择赞成、反对或弃权。"))
    try:
        with transaction.atomic():
            motion = _locked_motion(motion)
            delegate = check_ballot(motion, member)
            BallotReceipt.objects.create(motion=motion, delegate=delegate)
            _count_vote(motion.tallies.all(), Q(choice=choice), len(BallotTally.Choice))
    except IntegrityError as error:
        raise ValidationError(_("您已投过票。")) from error


def close_motion(*, motion, actor=None):
    """Close a secret ballot and count it."""
    with transaction.atomic():
        motion = Motion.objects.select_for_update().get(pk=motion.pk)
        if motion.status != Motion.Status.OPEN:
            raise ValidationError(_("表决不在进行中。"))
        counts = dict(motion.tallies.values_list("choice", "count"))
        motion.votes_for, motion.votes_against, motion.abstentions = (
            counts.get(choice, 0) for choice in BallotTally.Choice.values
        )
        motion.status = Motion.Status.CLOSED
        motion.save()
        return motion


def motion_result(motion):
    """应到 fixed when the vote opened; before that, the delegates seated now."""
    total = motion.delegates_total
    if total is None:
        total = motion.agenda_item.session.term.delegates.filter(active=True).count()
    return {
        "delegates": total,
        "present": motion.delegates_present,
        "passed": passes(votes_for=motion.votes_for, delegates=total),
    }


def record_attendance(*, session, member, kind, actor=None):
    """Staff record a person's attendance (出席/请假/列席) at a session."""
    if kind not in Attendance.Kind.values:
        raise ValidationError(_("请选择出席情况。"))
    if kind != Attendance.Kind.OBSERVER and active_delegate(member, session.term_id) is None:
        raise ValidationError(_("%(name)s不是本届在任代表，只能列席。") % {"name": member.name})
    with transaction.atomic():
        attendance, _created = Attendance.objects.update_or_create(
            session=session, member=member, defaults={"kind": kind}
        )
        return attendance


def add_motion(*, agenda_item, title, method, actor=None):
    if not title.strip():
        raise ValidationError(_("请填写表决事项。"))
    motion = Motion(agenda_item=agenda_item, title=title, method=method)
    motion.full_clean()
    motion.save()
    return motion


# Composition rules (percent); school values from the school congress regulation, enterprise its own.
# A term may set its own (same field names on CongressTerm); blank keeps these defaults.
def replace_delegate(*, delegate, member, actor=None):
    """补选: a new delegate takes the place of one who left; the old record stays, inactive."""
    with transaction.atomic():
        delegate = Delegate.objects.select_for_update().get(pk=delegate.pk)
        if not delegate.active:
            raise ValidationError(_("该代表已离任。"))
        if Delegate.objects.filter(term=delegate.term, member=member).exists():
            raise ValidationError(_("%(name)s已是本届代表。") % {"name": member.name})
        now = timezone.now()
        newcomer = Delegate(
            term=delegate.term,
            seated_at=now,
            member=member,
            group=delegate.group,
            is_front_line=delegate.is_front_line,
            is_leader=False,
        )
        newcomer.full_clean()
        newcomer.save()
        delegate.active, delegate.replaced_by, delegate.left_at = False, newcomer, now
        delegate.save()
        return newcomer


# ---- democratic appraisal (民主评议) ------------------------------------------


def share_percent(count, total):
    """count / total in percent to one decimal, rounded half up (四舍五入) as results are printed."""
    if not total:
        return Decimal(0)
    return (Decimal(100 * count) / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def open_appraisal(*, appraisal, actor=None):
    from .models import Appraisal, AppraisalTally

    with transaction.atomic():
        appraisal = Appraisal.objects.select_for_update().get(pk=appraisal.pk)
        if appraisal.status != Appraisal.Status.DRAFT:
            raise ValidationError(_("评议已开始或已结束。"))
        appraisees = list(appraisal.appraisees.all())
        if not appraisees:
            raise ValidationError(_("请先添加被评议人。"))
        appraisal.status = Appraisal.Status.OPEN
        appraisal.save()
        AppraisalTally.objects.bulk_create(AppraisalTally.blank_rows(appraisal, appraisees))
        return appraisal


def close_appraisal(*, appraisal, actor=None):
    """Voting ends (结束评议): the count is final and union staff see it; members see it once published."""
    from .models import Appraisal

    with transaction.atomic():
        appraisal = Appraisal.objects.select_for_update().get(pk=appraisal.pk)
        if appraisal.status != Appraisal.Status.OPEN:
            raise ValidationError(_("评议不在进行中。"))
        appraisal.status = Appraisal.Status.COUNTED
        appraisal.save()
        return appraisal


def publish_appraisal(*, appraisal, actor=None):
    """The result is published (公示) to everyone, a step of its own after the count was seen."""
    from .models import Appraisal

    with transaction.atomic():
        appraisal = Appraisal.objects.select_for_update().get(pk=appraisal.pk)
        if appraisal.status != Appraisal.Status.COUNTED:
            raise ValidationError(_("评议结束后才能公示结果。"))
        appraisal.status = Appraisal.Status.CLOSED
        appraisal.closed_at = timezone.now()
        appraisal.save()
        return appraisal


def _predecessors(delegate):
    """The delegates whose seat ``delegate`` took by 补选, the nearest first."""
    chain = []
    while (delegate := Delegate.objects.filter(replaced_by=delegate).first()) is not None:
        chain.append(delegate)
    return chain


def check_appraisal_ballot(appraisal, member):
    """Refuse, with the reason, a member who may not cast an appraisal ballot now: one seat, one ballot,
    so a delegate seated by 补选 does not vote again where the one replaced has voted; and when the
    delegates appraise at a session, only those present there vote."""
    from .models import Appraisal, AppraisalReceipt

    if appraisal.status != Appraisal.Status.OPEN:
        raise ValidationError(_("此评议当前不接受投票。"))
    if not in_electorate(appraisal, member):
        raise ValidationError(_("您不在本次评议的参评人员之中。"))
    if AppraisalReceipt.objects.filter(appraisal=appraisal, member=member).exists():
        raise ValidationError(_("您已参加过本次评议。"))
    if appraisal.electorate != Appraisal.Electorate.DELEGATES:
        return
    predecessors = _predecessors(active_delegate(member, appraisal.term_id))
    if AppraisalReceipt.objects.filter(appraisal=appraisal, member__in=[d.member_id for d in predecessors]).exists():
        raise ValidationError(_("您接替的代表已在本次评议中投票，同一代表席位只投一票。"))
    if appraisal.session_id:
        _check_present(appraisal.session, member)


def cast_appraisal_ballot(*, appraisal, member, grades):
    """One voter's grades for every leader, from a voter ``check_appraisal_ballot`` lets in: a receipt
    (who) and +1 on each leader's tally for the grade given (what), together, with nothing stored that
    links them."""
    from .models import Appraisal, AppraisalReceipt, AppraisalTally

    try:
        with transaction.atomic():
            appraisal = Appraisal.objects.select_for_update(of=("self",)).select_related("session").get(pk=appraisal.pk)
            check_appraisal_ballot(appraisal, member)
            appraisees = list(appraisal.appraisees.all())
            allowed = {value for value, _label in appraisal.grades()}
            if {a.pk for a in appraisees} != set(grades) or not set(grades.values()) <= allowed:
                raise ValidationError(_("请对每一位被评议人选择等次。"))
            AppraisalReceipt.objects.create(appraisal=appraisal, member=member)
            given = Q(*(Q(appraisee_id=pk, grade=grade) for pk, grade in grades.items()), _connector=Q.OR)
            _count_vote(AppraisalTally.objects.filter(appraisee__in=appraisees), given, len(appraisees) * len(allowed))
    except IntegrityError as error:
        raise ValidationError(_("您已参加过本次评议。")) from error


def appraisal_turnout(appraisal):
    """(voted, electorate): receipts, against who may vote now."""
    return appraisal.receipts.count(), appraisal_electorate(appraisal).count()


def _by_group_and_department_in_stroke_order(member):
    """代表组 in their order (a voter outside any group last), then department, then 姓氏笔画."""
    department = member.department
    return (
        member.group_order is None,
        member.group_order or 0,
        numbered_key(member.delegate_group or ""),
        department is None,
        department.sort_order if department else 0,
        str(department or ""),
        stroke_key(member.name),
    )


def appraisal_voters(appraisal):
    """(not yet voted, voted): the electorate's members split by their receipt, plus anyone who
    voted and has since left it, marked ``in_electorate`` False. WHO voted only, from the receipts;
    what they gave is never read here. Delegates come by their 代表组, whose 组长 reminds the rest."""
    from members.models import Member

    from .models import AppraisalReceipt

    seat = Delegate.objects.filter(term_id=appraisal.term_id, member=OuterRef("pk"), active=True)
    members = (
        Member.objects.annotate(
            has_voted=Exists(AppraisalReceipt.objects.filter(appraisal=appraisal, member=OuterRef("pk"))),
            in_electorate=Exists(appraisal_electorate(appraisal).filter(pk=OuterRef("pk"))),
            delegate_group=Subquery(seat.values("group__name")[:1]),
            group_order=Subquery(seat.values("group__sort_order")[:1]),
        )
        .filter(Q(in_electorate=True) | Q(has_voted=True))
        .select_related("department")
    )
    not_voted, voted = [], []
    for member in sorted(members, key=_by_group_and_department_in_stroke_order):
        (voted if member.has_voted else not_voted).append(member)
    return not_voted, voted


def appraisal_tally(appraisal):
    """Per leader: counts and percentages per grade, flagged where the 不满意/不称职 share passes the
    appraisal's ``flag_share``; None while votes are still cast."""
    from .models import Appraisal, AppraisalTally

    if appraisal.status not in (Appraisal.Status.COUNTED, Appraisal.Status.CLOSED):
        return None
    counts = {
        (appraisee_id, grade): count
        for appraisee_id, grade, count in AppraisalTally.objects.filter(appraisee__appraisal=appraisal).values_list(
            "appraisee_id", "grade", "count"
        )
    }
    rows = []
    for appraisee in appraisal.appraisees.select_related("member"):
        marks = {value: counts.get((appraisee.pk, value), 0) for value, _label in appraisal.grades()}
        total = sum(marks.values())
        grades = [
            {
                "value": value,
                "label": label,
                "count": marks[value],
                "percent": float(share_percent(marks[value], total)),
            }
            for value, label in appraisal.grades()
        ]
        negative = sum(count for grade, count in marks.items() if grade in Appraisal.NEGATIVE)
        rows.append(
            {
                "appraisee": appraisee,
                "total": total,
                "grades": grades,
                "flagged": share_percent(negative, total) > appraisal.flag_share,
            }
        )
    return rows


# ---- suggestions (合理化建议/意见箱) ----------------------------------------------


def submit_suggestion(*, author, title, content, anonymous=False):
    """Any member, any time. When anonymous, no author is stored, so nobody can see who."""
    from .models import Suggestion

    suggestion = Suggestion(
        author=None if anonymous else author, title=title, content=content, submitted_on=timezone.localdate()
    )
    suggestion.full_clean()
    suggestion.save()
    return suggestion


def answer_suggestion(*, suggestion, actor, answer):
    from .models import Suggestion

    if not answer.strip():
        raise ValidationError(_("答复内容不能为空。"))
    with transaction.atomic():
        suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        if suggestion.status == Suggestion.Status.RAISED:
            raise ValidationError(_("该建议已转为提案。"))
        suggestion.answer, suggestion.answered_by = answer, actor
        suggestion.status = Suggestion.Status.ANSWERED
        suggestion.save()
        return suggestion


def raise_suggestion(*, suggestion, session, delegate_member, actor=None):
    """A delegate takes a suggestion up as a proposal draft (代表议案)."""
    from .models import Suggestion

    with transaction.atomic():
        suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        if suggestion.status == Suggestion.Status.RAISED:
            raise ValidationError(_("该建议已转为提案。"))
        proposal = draft_proposal(
            session=session,
            proposer=delegate_member,
            title=suggestion.title,
            content=suggestion.content + "\n\n" + _("（由合理化建议转为提案）"),
            actor=actor,
        )
        suggestion.status, suggestion.proposal = Suggestion.Status.RAISED, proposal
        suggestion.save()
        return proposal


# ---- setting up terms, sessions, delegates and appraisals (staff) ------------------


def _save(instance):
    with transaction.atomic():
        instance.full_clean()
        instance.save()
        return instance


def save_term(*, term, actor=None):
    return _save(term)


def save_session(*, session, actor=None):
    if session.ends_on and session.starts_on and session.ends_on < session.starts_on:
        raise ValidationError(_("闭幕日期不能早于开幕日期。"))
    if session.proposals_open_at and session.proposals_close_at:
        if session.proposals_close_at <= session.proposals_open_at:
            raise ValidationError(_("提案征集截止时间须晚于开始时间。"))
    return _save(session)


def add_agenda_item(*, session, title, actor=None):
    last = session.agenda.aggregate(last=Max("order"))["last"] or 0
    return _save(AgendaItem(session=session, title=title, order=last + 1))


def add_delegate(*, term, member, group=None, is_front_line=True, is_leader=False, actor=None):
    if Delegate.objects.filter(term=term, member=member).exists():
        raise ValidationError(_("%(name)s已是本届代表。") % {"name": member.name})
    if group is not None and group.term_id != term.pk:
        raise ValidationError(_("代表组“%(group)s”不属于本届。") % {"group": group.name})
    return _save(Delegate(term=term, member=member, group=group, is_front_line=is_front_line, is_leader=is_leader))


def add_appraisee(*, appraisal, member, post="", report="", actor=None):
    from .models import Appraisal, Appraisee

    if appraisal.status != Appraisal.Status.DRAFT:
        raise ValidationError(_("评议开始后不能再添加被评议人。"))
    if appraisal.appraisees.filter(member=member).exists():
        raise ValidationError(_("%(name)s已在被评议人名单中。") % {"name": member.name})
    return _save(
        Appraisee(appraisal=appraisal, member=member, post=post, report=report, order=appraisal.appraisees.count())
    )


def save_appraisal(*, appraisal, actor=None):
    """Who votes (参评人员) is settled before the appraisal opens: it may change only in a draft."""
    from .models import Appraisal

    with transaction.atomic():
        stored = Appraisal.objects.select_for_update().filter(pk=appraisal.pk).values("status", "electorate").first()
        if stored and stored["status"] != Appraisal.Status.DRAFT and stored["electorate"] != appraisal.electorate:
            raise ValidationError(_("评议开始后不能再更改参评人员。"))
        return _save(appraisal)


DOCUMENT_KINDS = {
    ".pdf": "pdf", ".doc": "ole", ".xls": "ole", ".ppt": "ole",
    ".docx": "docx", ".xlsx": "xlsx", ".pptx": "pptx", ".txt": "text",
}  # fmt: skip
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def add_session_document(*, session, title, file, actor=None):
    from pathlib import Path

    from .models import SessionDocument

    if Path(file.name).suffix.lower() not in DOCUMENT_KINDS:
        raise ValidationError(_("只能上传 PDF、Word、Excel、PowerPoint 或文本文件。"))
    check_size(file, MAX_DOCUMENT_BYTES)
    check_content(file, DOCUMENT_KINDS)
    title = title or Path(file.name).stem[: SessionDocument._meta.get_field("title").max_length]
    return _save(SessionDocument(session=session, title=title, file=file))
