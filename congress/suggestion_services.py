"""Suggestions (合理化建议/意见箱): any member submits one, named or not; the union answers it, or a delegate
takes it up as a proposal draft.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Suggestion
from .proposal_services import draft_proposal


def submit_suggestion(*, author, title, content, anonymous=False):
    """Any member, any time. When anonymous, no author is stored, so nobody can see who."""
    suggestion = Suggestion(
        author=None if anonymous else author, title=title, content=content, submitted_on=timezone.localdate()
    )
    suggestion.full_clean()
    suggestion.save()
    return suggestion


def answer_suggestion(*, suggestion, actor, answer):
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
