"""The suggestion's transition table (合理化建议, unionportal.workflow): 待答复 → 已答复 (the answer may be
amended), or taken up by a delegate as her proposal draft (已转为提案). Its author, when named, is told.
Imported by congress.apps.ready, as ``election_flows.py``."""

from django.utils.translation import gettext_lazy as _

from unionportal.roles import is_delegate
from unionportal.workflow import Action, Workflow

from .models import Suggestion, SuggestionStep
from .rules import heads_suggestion_handler, runs_congress

S = Suggestion.Status


def _author(suggestion):
    """The member who wrote it; nobody for an anonymous one (no author is stored)."""
    return [suggestion.author] if suggestion.author_id else []


FLOW = Workflow(
    Suggestion,
    steps=SuggestionStep,
    noun=_("建议"),
    url_name="congress:suggestion_act",
    view_permission="congress.view_suggestion",
    final={S.RAISED},
    actions=[
        Action(
            "answer",
            {S.NEW, S.ANSWERED},
            S.ANSWERED,
            label=_("答复"),
            allowed=runs_congress | heads_suggestion_handler,
            form="congress.forms.AnswerForm",
            service="congress.suggestion_services.answer_suggestion",
            done=_("答复已保存，提出人会收到通知。"),
            notify=_author,
            notice=_("您的建议“{obj.title}”已答复，请查看。"),
        ),
        Action(
            "raise",
            {S.NEW, S.ANSWERED},
            S.RAISED,
            label=_("转为我的提案"),
            allowed=is_delegate,
            form="congress.forms.RaiseForm",
            service="congress.suggestion_services.raise_suggestion",
            done=_("已转为提案草稿，请邀请代表附议后提交。"),
            notify=_author,
            notice=_("您的建议“{obj.title}”已由代表转为提案。"),
        ),
    ],
)
