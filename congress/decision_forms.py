"""The field that names the body's meeting on a button's form: the 提案工作委员会's on 立案/不立案/并案, the
公开领导小组's on 预审通过/退回."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.committees import current_body_term
from members.models import Committee

from .models import BodyMeeting


class DecidedAtMeeting(forms.Form):
    """Once the union has set up the body of ``body_kind``, a member acting on the page names the meeting
    that decided it (congress.bodies); without the body the field is not there and nothing changes."""

    body_kind = Committee.Kind.PROPOSALS
    meeting = forms.ModelChoiceField(label=gettext_lazy("决定会议"), queryset=BodyMeeting.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        term = current_body_term(self.body_kind)
        if term is None:
            del self.fields["meeting"]
            return
        field = self.fields["meeting"]
        field.queryset = term.meetings.select_related("term__committee")
        field.error_messages = {
            "required": _("决定会议：请选择作出决定的%(body)s会议。") % {"body": term.committee},
            "invalid_choice": _("决定会议：请选择本届%(body)s的会议。") % {"body": term.committee},
        }


class ReviewedAtMeeting(DecidedAtMeeting):
    """预审 (disclosure) as a decision of the 校务公开/厂务公开领导小组."""

    body_kind = Committee.Kind.DISCLOSURE
