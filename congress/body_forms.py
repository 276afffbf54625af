from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Member, UnionGroup

from .forms import DATE_WIDGET
from .models import BodyMeeting, DelegateGroup, Proposal

REQUIRED = _("%(field)s：请填写。")


def _required(field):
    return {"required": REQUIRED % {"field": field}}


def _people():
    return Member.objects.filter(status=Member.Status.ACTIVE).order_by("name_pinyin")


class AttendeesMixin(forms.Form):
    """Who came: the body's seat holders ticked, anyone else (列席) picked from the staff."""

    attendees = forms.ModelMultipleChoiceField(
        label=_("出席成员"), queryset=Member.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    observers = forms.ModelMultipleChoiceField(label=_("列席人员"), queryset=Member.objects.none(), required=False)

    def __init__(self, *args, term, **kwargs):
        super().__init__(*args, **kwargs)
        seated = Member.objects.filter(committee_seats__term=term).order_by("committee_seats__sort_order")
        self.fields["attendees"].queryset = seated
        self.fields["observers"].queryset = _people().exclude(pk__in=seated.values("pk"))

    def everyone(self):
        return [*self.cleaned_data["attendees"], *self.cleaned_data["observers"]]


class MeetingForm(AttendeesMixin):
    kind = forms.ChoiceField(label=_("会议类型"), choices=BodyMeeting.Kind.choices)
    held_on = forms.DateField(label=_("会议日期"), widget=DATE_WIDGET, error_messages=_required(_("会议日期")))
    place = forms.CharField(label=_("地点"), max_length=100, required=False)
    agenda = forms.CharField(label=_("议程"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    field_order = ["kind", "held_on", "place", "agenda", "attendees", "observers"]


class MinutesForm(AttendeesMixin):
    minutes = forms.CharField(label=_("会议纪要"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    field_order = ["attendees", "observers", "minutes"]


class DecisionForm(forms.Form):
    text = forms.CharField(
        label=_("决定内容"), widget=forms.Textarea(attrs={"rows": 2}), error_messages=_required(_("决定内容"))
    )


class ProposalDecisionForm(forms.Form):
    ACTIONS = [("register", _("立案")), ("reject", _("不立案")), ("merge", _("并案"))]

    action = forms.ChoiceField(label=_("决定"), choices=ACTIONS, widget=forms.RadioSelect)
    note = forms.CharField(label=_("意见或不立案理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    into = forms.ModelChoiceField(
        label=_("并入提案"),
        queryset=Proposal.objects.filter(status__in=Proposal.ACCEPTED | {Proposal.Status.SUBMITTED}),
        required=False,
        error_messages={"invalid_choice": _("并入提案：请从已提交或已立案的提案中选择。")},
    )


class DelegateGroupForm(forms.ModelForm):
    class Meta:
        model = DelegateGroup
        fields = ["name", "leader", "union_groups", "seats", "sort_order"]
        error_messages = {"name": _required(_("代表组名称"))}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        group = self.instance
        leaders = Member.objects.filter(delegacies__group=group, delegacies__active=True) if group.pk else None
        self.fields["leader"].queryset = (
            leaders.order_by("name_pinyin") if leaders is not None else Member.objects.none()
        )
        self.fields["leader"].help_text = _("从本组在任代表中选择；新建的代表组先登记代表再指定组长。")
        self.fields["union_groups"].queryset = UnionGroup.objects.current()
        self.fields["union_groups"].required = False
        self.fields["union_groups"].help_text = _("本组代表由这些工会小组的会员选举产生。")
