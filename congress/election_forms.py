from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import CommitteeTerm, Member

from .forms import DATE_WIDGET
from .models import CongressTerm, DelegateGroup, Election


class ElectionForm(forms.ModelForm):
    class Meta:
        model = Election
        fields = [
            "title",
            "kind",
            "electorate",
            "delegate_group",
            "congress_term",
            "committee_term",
            "post",
            "seats",
            "competitive",
            "held_on",
        ]
        widgets = {"held_on": DATE_WIDGET}
        error_messages = {
            "title": {"required": _("选举名称：请填写。")},
            "held_on": {"required": _("选举日期：请填写。")},
        }
        help_texts = {
            "seats": _("代表选举留空即取代表组尚缺的名额；主席选举为1。"),
            "post": _("委员会选举当选后的职务，如 委员、主席、副主席。"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seats"].required = False
        self.fields["delegate_group"].queryset = DelegateGroup.objects.select_related("term")
        self.fields["congress_term"].queryset = CongressTerm.objects.all()
        self.fields["committee_term"].queryset = CommitteeTerm.objects.select_related("committee")

    def clean_seats(self):
        return self.cleaned_data["seats"] or 0


class NominationForm(forms.Form):
    member = forms.ModelChoiceField(
        label=_("候选人"),
        queryset=Member.objects.none(),
        error_messages={"required": _("候选人：请选择。"), "invalid_choice": _("候选人：不在可提名的人员中。")},
    )
    nominated_by = forms.CharField(label=_("提名方式"), max_length=100, required=False, initial=_("小组提名"))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = people


class BallotForm(forms.Form):
    chosen = forms.ModelMultipleChoiceField(
        label=_("同意的候选人"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("同意的候选人：只能选择本次选举的候选人。")},
    )

    def __init__(self, *args, election, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chosen"].queryset = election.candidates.select_related("member")
        self.fields["chosen"].label_from_instance = lambda candidate: candidate.member.name
        self.fields["chosen"].help_text = _("最多选择%(seats)s人；不选即弃权。") % {"seats": election.seats}
