"""Democratic appraisal (民主评议) of the union's leaders: opened, voted (one seat, one ballot), closed and
then published (公示), each a step of its own; the leaders appraised are set while it is a draft.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionportal.workflow import move

from .appraisal_selectors import appraisal_voter
from .ballots import BallotBox, cast_while_open
from .models import Appraisal, AppraisalReceipt, AppraisalTally, Appraisee
from .motion_services import check_attendance
from .session_services import save_valid
from .vote_flows import APPRAISAL_FLOW


def _locked(appraisal):
    return Appraisal.objects.select_for_update(of=("self",)).get(pk=appraisal.pk)


def open_appraisal(*, appraisal, actor=None):
    """Voting starts (开始评议), with a blank tally per leader and grade; the leaders must be named first."""
    with transaction.atomic():
        appraisal = _locked(appraisal)
        APPRAISAL_FLOW.require(appraisal, "open", actor)
        appraisees = list(appraisal.appraisees.all())
        if not appraisees:
            raise ValidationError(_("请先添加被评议人。"))
        appraisal = move(appraisal, "open", actor=actor)
        AppraisalTally.objects.bulk_create(AppraisalTally.blank_rows(appraisal, appraisees))
        return appraisal


def close_appraisal(*, appraisal, actor=None):
    """Voting ends (结束评议): the count is final and union staff see it; members see it once published."""
    return move(appraisal, "close", actor=actor)


def publish_appraisal(*, appraisal, actor=None):
    """The result is published (公示) to everyone, a step of its own after the count was seen."""
    return move(appraisal, "publish", actor=actor, closed_at=timezone.now())


BALLOT_BOX = BallotBox(
    vote=Appraisal,
    open=f"status = '{Appraisal.Status.OPEN}'",
    receipt=AppraisalReceipt,
    receipt_vote="appraisal_id",
    receipt_voter="member_id",
    tally=AppraisalTally,
    rows=f"appraisee_id IN (SELECT id FROM {Appraisee._meta.db_table} WHERE appraisal_id = %(vote)s)",
)


def check_appraisal_ballot(appraisal, member):
    """Refuse, with the reason, a member who may not cast an appraisal ballot now: one seat, one ballot,
    so a delegate seated by 补选 does not vote again where the one replaced has voted; and when the
    delegates appraise at a session, only those present there vote."""
    if appraisal.status != Appraisal.Status.OPEN:
        raise ValidationError(_("此评议当前不接受投票。"))
    voter = appraisal_voter(appraisal, member) if member is not None else None
    if voter is None or not voter.in_electorate:
        raise ValidationError(_("您不在本次评议的参评人员之中。"))
    if voter.voted:
        raise ValidationError(_("您已参加过本次评议。"))
    if appraisal.electorate != Appraisal.Electorate.DELEGATES:
        return
    if voter.seat_voted:
        raise ValidationError(_("您接替的代表已在本次评议中投票，同一代表席位只投一票。"))
    if appraisal.session_id:
        check_attendance(voter.attendance)


def cast_appraisal_ballot(*, appraisal, member, grades):
    """One voter's grades for every leader, from a voter ``check_appraisal_ballot`` lets in: a receipt
    (who) and +1 on each leader's tally for the grade given (what), together, with nothing stored that
    links them. ``appraisal`` is the caller's copy; one that does not show the vote open is read again."""
    # Who may vote and the leaders appraised (fixed once it opened) do not depend on the appraisal's row, so they
    # are read before taking its lock: the lock every voter queues for then covers only the state, the receipt and
    # the tally, in one statement (ballots.cast_while_open). A second receipt slipping past the check is refused by
    # its unique rule.
    if appraisal.status != Appraisal.Status.OPEN:
        appraisal.refresh_from_db()  # a copy read before the vote opened
    check_appraisal_ballot(appraisal, member)
    appraisees = set(appraisal.appraisees.order_by().values_list("pk", flat=True))
    allowed = {value for value, _label in appraisal.grades()}
    if appraisees != set(grades) or not set(grades.values()) <= allowed:
        raise ValidationError(_("请对每一位被评议人选择等次。"))
    taken, params = [], {}
    for n, (appraisee, grade) in enumerate(grades.items()):
        taken.append(f"(appraisee_id = %(appraisee{n})s AND grade = %(grade{n})s)")
        params.update({f"appraisee{n}": appraisee, f"grade{n}": grade})
    cast = cast_while_open(
        BALLOT_BOX,
        vote=appraisal.pk,
        voter=member.pk,
        taken=" OR ".join(taken),
        params=params,
        rows=len(appraisees) * len(allowed),
        already_voted=_("您已参加过本次评议。"),
    )
    if not cast:  # closed while the voter was being checked
        raise ValidationError(_("此评议当前不接受投票。"))


def add_appraisee(*, appraisal, member, post="", report="", actor=None):
    if appraisal.status != Appraisal.Status.DRAFT:
        raise ValidationError(_("评议开始后不能再添加被评议人。"))
    if appraisal.appraisees.filter(member=member).exists():
        raise ValidationError(_("%(name)s已在被评议人名单中。") % {"name": member.name})
    return save_valid(
        Appraisee(appraisal=appraisal, member=member, post=post, report=report, order=appraisal.appraisees.count())
    )


def save_appraisal(*, appraisal, actor=None):
    """Who votes (参评人员) is settled before the appraisal opens: it may change only in a draft."""
    with transaction.atomic():
        stored = Appraisal.objects.select_for_update().filter(pk=appraisal.pk).values("status", "electorate").first()
        if stored and stored["status"] != Appraisal.Status.DRAFT and stored["electorate"] != appraisal.electorate:
            raise ValidationError(_("评议开始后不能再更改参评人员。"))
        return save_valid(appraisal)
