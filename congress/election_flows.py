"""The election's transition table (unionportal.workflow): nominations → voting → counted (or void) → seated.
Imported by congress.apps.ready: ``congress/flows.py`` is the proposals' table."""

from django.utils.translation import gettext_lazy as _

from unionportal.workflow import Action, Workflow

from .election_tellers import count_missing
from .models import Election, ElectionStep
from .rules import runs_congress

S = Election.Status
FLOW = Workflow(
    Election,
    steps=ElectionStep,
    noun=_("选举"),
    url_name="congress:election_act",
    view_permission="congress.view_elections",
    final={S.SEATED, S.VOID},
    actions=[
        Action(
            "open",
            {S.NOMINATING},
            S.VOTING,
            label=_("开始投票"),
            allowed=runs_congress,
            service="congress.elections.open_voting",
            confirm=_("开始投票后候选人名单不能再改，应到选举人数随即确定。确定开始？"),
            done=lambda e: _("投票已开始，应到选举人%(count)s人。") % {"count": e.entitled},
        ),
        Action(
            "close",
            {S.VOTING},
            S.COUNTED,
            also={S.VOID},
            label=_("结束投票并计票"),
            allowed=runs_congress,
            service="congress.elections.close_voting",
            blocked=count_missing,
            confirm=_("结束后不能再投票，计票结果随即公布。确定结束？"),
            done=lambda e: e.result_note,
            style="danger",
        ),
        Action(
            "seat",
            {S.COUNTED},
            S.SEATED,
            label=_("宣布当选人就任"),
            allowed=runs_congress,
            service="congress.elections.seat_elected",
            confirm=_("当选人将登记为代表或委员会成员。确定？"),
            done=_("当选人已就任，并在代表名单或委员会中注明由本次选举产生。"),
        ),
    ],
)
