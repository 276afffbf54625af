"""Votes on a session's motions (表决): the roll call that must reach a quorum, the secret ballot cast in
the hall and its count, and the show of hands (举手表决) entered by staff. Each state change is a move of
the motion's table (``vote_flows.py``), after this module's own checks.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionportal.workflow import move

from .ballots import BallotBox, cast_while_open
from .models import Attendance, BallotReceipt, BallotTally, Motion
from .selectors import ballot_seat, quorum
from .vote_flows import MOTION_FLOW, before_session


def _roll_call(motion):
    """Refuse a vote before the session opens or without a quorum; otherwise 应到/实到, fixed on the motion
    for good by its move."""
    reason = before_session(motion)
    if reason:
        raise ValidationError(reason)
    present, total, reached = quorum(session=motion.agenda_item.session)
    if not reached:
        raise ValidationError(
            _("出席代表%(present)s人，未达到应到代表%(total)s人的三分之二，不能表决。")
            % {"present": present, "total": total}
        )
    return {"opened_at": timezone.now(), "delegates_total": total, "delegates_present": present}


def _locked_motion(motion):
    return Motion.objects.select_for_update(of=("self",)).select_related("agenda_item__session__term").get(pk=motion.pk)


def open_motion(*, motion, actor=None):
    """A secret ballot opens (开始投票) once the quorum is reached, with a blank tally per choice."""
    with transaction.atomic():
        motion = _locked_motion(motion)
        MOTION_FLOW.require(motion, "open", actor)
        motion = move(motion, "open", actor=actor, **_roll_call(motion))
        BallotTally.objects.bulk_create(BallotTally.blank_rows(motion))
        return motion


def record_open_count(*, motion, votes_for, votes_against, abstentions, actor=None):
    """Staff enter the count of an open vote (举手表决); only those present can raise a hand."""
    with transaction.atomic():
        motion = _locked_motion(motion)
        MOTION_FLOW.require(motion, "count", actor)
        roll = _roll_call(motion) if motion.opened_at is None else {}
        present = roll.get("delegates_present", motion.delegates_present)
        if votes_for + votes_against + abstentions > present:
            raise ValidationError(_("票数合计超过出席代表人数（%(present)s）。") % {"present": present})
        counted = {"votes_for": votes_for, "votes_against": votes_against, "abstentions": abstentions}
        return move(motion, "count", actor=actor, **counted, **roll)


def check_attendance(kind):
    """A secret ballot is cast in the hall: only a delegate marked 出席 at the session (``kind``, None when nobody
    signed her in) votes, not one on leave (请假) or an observer (列席)."""
    if kind is None:
        raise ValidationError(_("您未登记出席本次会议，不能投票；请到会务处签到。"))
    if kind != Attendance.Kind.PRESENT:
        raise ValidationError(
            _("您本次会议登记为%(kind)s，只有出席的代表可以投票。") % {"kind": Attendance.Kind(kind).label}
        )


def _check_open(motion):
    if motion.method != Motion.Method.SECRET or motion.status != Motion.Status.OPEN:
        raise ValidationError(_("此事项当前不接受投票。"))


BALLOT_BOX = BallotBox(
    vote=Motion,
    open=f"method = '{Motion.Method.SECRET}' AND status = '{Motion.Status.OPEN}'",  # _check_open's rule, in SQL
    receipt=BallotReceipt,
    receipt_vote="motion_id",
    receipt_voter="delegate_id",
    tally=BallotTally,
    rows="motion_id = %(vote)s",
)


def check_ballot(motion, member):
    """The delegate who may cast a secret ballot on ``motion`` now; otherwise the reason, raised."""
    _check_open(motion)
    delegate = ballot_seat(motion, member)
    if delegate is None:
        raise ValidationError(_("只有本届在任代表可以投票。"))
    if motion.opened_at and delegate.seated_at > motion.opened_at:
        raise ValidationError(_("您在表决开始后才就任代表，不参加本次表决。"))
    if delegate.voted:
        raise ValidationError(_("您已投过票。"))
    check_attendance(delegate.attendance)
    return delegate


def cast_ballot(*, motion, member, choice):
    """A delegate present at the session casts a secret ballot: a receipt (who) and +1 on the motion's
    tally (what), in one transaction, with nothing stored that links them. The unique receipt makes it
    one ballot per delegate. ``motion`` is the caller's copy; one that does not show the vote open is read again."""
    if choice not in BallotTally.Choice.values:
        raise ValidationError(_("请选择赞成、反对或弃权。"))
    # Who may vote (the seat, the roll call, a receipt already given) does not depend on the motion's row, so it
    # is read before taking its lock, against the caller's copy (its opening time is fixed once open): the lock
    # every voter in the hall queues for then covers only the motion's state, the receipt and the tally, in one
    # statement (ballots.cast_while_open). A second receipt slipping past the check is refused by its unique rule.
    if motion.status != Motion.Status.OPEN:
        motion.refresh_from_db(fields=("method", "status", "opened_at"))  # a copy read before the vote opened
    delegate = check_ballot(motion, member)
    cast = cast_while_open(
        BALLOT_BOX,
        vote=motion.pk,
        voter=delegate.pk,
        taken="choice = %(choice)s",
        params={"choice": choice},
        rows=len(BallotTally.Choice),
        already_voted=_("您已投过票。"),
    )
    if not cast:  # closed while the delegate was being checked
        raise ValidationError(_("此事项当前不接受投票。"))


def close_motion(*, motion, actor=None):
    """Close a secret ballot and count it (结束投票并计票)."""
    with transaction.atomic():
        motion = _locked_motion(motion)
        MOTION_FLOW.require(motion, "close", actor)
        counts = dict(motion.tallies.values_list("choice", "count"))
        votes_for, votes_against, abstentions = (counts.get(choice, 0) for choice in BallotTally.Choice.values)
        return move(
            motion, "close", actor=actor, votes_for=votes_for, votes_against=votes_against, abstentions=abstentions
        )


def add_motion(*, agenda_item, title, method, actor=None):
    if not title.strip():
        raise ValidationError(_("请填写表决事项。"))
    motion = Motion(agenda_item=agenda_item, title=title, method=method)
    motion.full_clean()
    motion.save()
    return motion
