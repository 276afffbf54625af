"""Suggestions (合理化建议/意见箱): any member submits one, named or not; the union answers it, or a delegate
takes it up as a proposal draft: moves of its table in ``suggestion_flows.py``.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionportal.workflow import move

from .models import Suggestion
from .proposal_services import draft_proposal
from .suggestion_flows import FLOW


def submit_suggestion(*, author, title, content, anonymous=False):
    """Any member, any time. When anonymous, no author is stored, so nobody can see who."""
    suggestion = Suggestion(
        author=None if anonymous else author, title=title, content=content, submitted_on=timezone.localdate()
    )
    suggestion.full_clean()
    suggestion.save()
    return suggestion


def answer_suggestion(*, suggestion, actor, answer):
    """The union, or the department it was handed to, answers (or amends its answer); a named author is told."""
    if not answer.strip():
        raise ValidationError(_("答复内容不能为空。"))
    return move(suggestion, "answer", actor=actor, answer=answer, answered_by=actor)


def raise_suggestion(*, suggestion, session, actor=None, delegate_member=None):
    """A delegate (the actor, unless named) takes a suggestion up as her proposal draft (代表议案)."""
    delegate_member = delegate_member or getattr(actor, "member", None)
    with transaction.atomic():
        suggestion = FLOW.lock(suggestion)
        FLOW.require(suggestion, "raise", actor)
        proposal = draft_proposal(
            session=session,
            proposer=delegate_member,
            title=suggestion.title,
            content=suggestion.content + "\n\n" + _("（由合理化建议转为提案）"),
            actor=actor,
        )
        move(suggestion, "raise", actor=actor, proposal=proposal)
        return proposal
