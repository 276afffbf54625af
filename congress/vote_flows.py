"""The transition tables of the congress's votes (unionportal.workflow): a motion put to the vote (表决) and
a democratic appraisal (民主评议: opened, closed with its turnout, then published as a step of its own).
Imported by congress.apps.ready, as ``election_flows.py``; ``flows.py`` is the proposals' table."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unionportal.workflow import Action, Workflow

from .models import Appraisal, AppraisalStep, Motion, MotionStep
from .rules import runs_congress
from .selectors import quorum

M = Motion.Status
A = Appraisal.Status


def _motion_done(motion):
    if motion.status == M.OPEN:
        return _("表决已开始：应到%(total)s人，实到%(present)s人。") % {
            "total": motion.delegates_total,
            "present": motion.delegates_present,
        }
    return _("表决已结束：赞成%(for)s票，反对%(against)s票，弃权%(abstain)s票。") % {
        "for": motion.votes_for,
        "against": motion.votes_against,
        "abstain": motion.abstentions,
    }


def before_session(motion):
    """Why nobody votes on the motion yet: its session (会议) opens later (开幕日期), or None."""
    session = motion.agenda_item.session
    if timezone.localdate() < session.starts_on:
        return _("%(session)s的开幕日期是%(day)s，会议尚未开始，不能对“%(motion)s”表决。") % {
            "session": session,
            "day": session.starts_on.strftime("%Y-%m-%d"),
            "motion": motion.title,
        }
    return None


def _only(method, reason):
    """The row is for ``method``'s motions only, and like every vote waits for the session to open."""
    return lambda motion: before_session(motion) or (None if motion.method == method else reason)


def _open_confirm(motion):
    present, total, _reached = quorum(session=motion.agenda_item.session)
    return _(
        "现在签到出席%(present)s人（应到%(total)s人）。开始投票后应到、实到人数即确定，不能再改，未签到的代表不能投票。"
        "确定开始？"
    ) % {"present": present, "total": total}


def _close_confirm(motion):
    return _("已投票%(n)s / 实到%(present)s人。结束后不能再投票，计票结果随即确定。确定结束？") % {
        "n": motion.receipts.count(),
        "present": motion.delegates_present,
    }


MOTION_FLOW = Workflow(
    Motion,
    steps=MotionStep,
    noun=_("表决事项"),
    url_name="congress:motion_act",
    view_permission="congress.view_session",
    final={M.CLOSED},
    actions=[
        Action(
            "open",
            {M.DRAFT},
            M.OPEN,
            label=_("开始投票"),
            allowed=runs_congress,
            blocked=_only(Motion.Method.SECRET, _("举手表决不开放投票，请直接录入表决结果。")),
            service="congress.motion_services.open_motion",
            confirm=_open_confirm,
            done=_motion_done,
        ),
        Action(
            "close",
            {M.OPEN},
            M.CLOSED,
            label=_("结束投票并计票"),
            allowed=runs_congress,
            blocked=_only(Motion.Method.SECRET, _("举手表决请录入表决结果。")),
            service="congress.motion_services.close_motion",
            confirm=_close_confirm,
            done=_motion_done,
            style="danger",
        ),
        Action(
            "count",
            {M.DRAFT, M.OPEN},
            M.CLOSED,
            label=_("录入表决结果"),
            allowed=runs_congress,
            blocked=_only(Motion.Method.OPEN, _("无记名投票不能录入举手表决结果。")),
            form="congress.forms.OpenCountForm",
            service="congress.motion_services.record_open_count",
            done=_motion_done,
        ),
    ],
)


def _turnout(appraisal):
    from .appraisal_selectors import appraisal_turnout

    voted, electorate = appraisal_turnout(appraisal)
    return {"voted": voted, "electorate": electorate}


APPRAISAL_FLOW = Workflow(
    Appraisal,
    steps=AppraisalStep,
    noun=_("评议"),
    url_name="congress:appraisal_act",
    view_permission="congress.view_appraisals",
    final={A.CLOSED},
    actions=[
        Action(
            "open",
            {A.DRAFT},
            A.OPEN,
            label=_("开始评议"),
            allowed=runs_congress,
            service="congress.appraisal_services.open_appraisal",
            confirm=_("开始后不能再添加被评议人或更改参评人员。确定开始？"),
            done=_("评议已开始，参评人员现在可以投票。"),
        ),
        Action(
            "close",
            {A.OPEN},
            A.COUNTED,
            label=_("结束评议"),
            allowed=runs_congress,
            service="congress.appraisal_services.close_appraisal",
            confirm=lambda a: (
                _("已参评%(voted)s / %(electorate)s人。结束后不能再投票，结果先由工会查看，公示后全体可见。确定结束？")
                % _turnout(a)
            ),
            done=lambda a: (
                _("评议已结束：%(voted)s / %(electorate)s人参评。结果公示前仅工会工作人员可见。") % _turnout(a)
            ),
            style="danger",
        ),
        Action(
            "publish",
            {A.COUNTED},
            A.CLOSED,
            label=_("公示结果"),
            allowed=runs_congress,
            service="congress.appraisal_services.publish_appraisal",
            confirm=_("公示后全体人员都能看到评议结果，不能撤回。确定公示？"),
            done=_("评议结果已公示，全体人员可以查看。"),
        ),
    ],
)
