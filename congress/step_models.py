"""The timelines of the congress's smaller state machines (unionportal.workflow.Step): a vote on a motion,
a democratic appraisal, a suggestion and a co-signing invitation. Their tables are in ``vote_flows.py`` and
``suggestion_flows.py``; the invitation's is in ``flows.py``."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from unionportal.workflow import Step

from .models import Appraisal, Motion, ProposalCoSigner, Suggestion


class MotionStep(Step):
    """One dated step of a vote: opened, closed and counted, or its show of hands entered."""

    motion = models.ForeignKey(Motion, verbose_name=_("表决事项"), on_delete=models.CASCADE, related_name="steps")

    class Meta(Step.Meta):
        verbose_name = _("表决记录")
        verbose_name_plural = _("表决记录")


class AppraisalStep(Step):
    """One dated step of a democratic appraisal: opened, closed, published."""

    appraisal = models.ForeignKey(Appraisal, verbose_name=_("民主评议"), on_delete=models.CASCADE, related_name="steps")

    class Meta(Step.Meta):
        verbose_name = _("评议记录")
        verbose_name_plural = _("评议记录")


class SuggestionStep(Step):
    """One dated step of a suggestion: answered, or raised as a proposal. Its submission is not recorded:
    an anonymous one must not name its author."""

    suggestion = models.ForeignKey(Suggestion, verbose_name=_("建议"), on_delete=models.CASCADE, related_name="steps")

    class Meta(Step.Meta):
        verbose_name = _("建议办理记录")
        verbose_name_plural = _("建议办理记录")


class InvitationStep(Step):
    """One dated step of a co-signing invitation: co-signed or declined (also on the proposal's timeline)."""

    invitation = models.ForeignKey(
        ProposalCoSigner, verbose_name=_("附议邀请"), on_delete=models.CASCADE, related_name="steps"
    )

    class Meta(Step.Meta):
        verbose_name = _("附议记录")
        verbose_name_plural = _("附议记录")
