"""The field that names the 提案工作委员会 meeting on the proposal page's 立案/不立案/并案 forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.committees import current_body_term
from members.models import Committee

from .models import BodyMeeting


class DecidedAtMeeting(forms.Form):
    """Once the union has a 提案工作委员会, a member deciding on the proposal's page names the meeting that
    decided it (bodies.decide_proposal); without one the field is not there."""

    meeting = forms.ModelChoiceField(
        label=_("决定会议"),
        queryset=BodyMeeting.objects.none(),
        error_messages={
            "required": _("决定会议：请选择作出决定的提案工作委员会会议。"),
            "invalid_choice": _("决定会议：请选择本届提案工作委员会的会议。"),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        term = current_body_term(Committee.Kind.PROPOSALS)
        if term is None:
            del self.fields["meeting"]
        else:
            self.fields["meeting"].queryset = term.meetings.select_related("term__committee")
