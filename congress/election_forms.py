from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import CommitteeTerm, Member
from members.pickers import PersonField

from .forms import DATE_WIDGET
from .models import CongressTerm, DelegateGroup, Election, Teller


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
            "mode",
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
        self.fields["mode"].required = False  # 网上投票 unless the meeting votes on paper
        self.fields["delegate_group"].queryset = DelegateGroup.objects.select_related("term")
        self.fields["congress_term"].queryset = CongressTerm.objects.all()
        ended = Q(ends_on__lt=timezone.localdate())  # a term whose time is over elects nobody more
        self.fields["committee_term"].queryset = CommitteeTerm.objects.exclude(ended).select_related("committee")

    def clean_seats(self):
        return self.cleaned_data["seats"] or 0

    def clean_mode(self):
        return self.cleaned_data["mode"] or Election.Mode.ONLINE


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


class TellerForm(forms.Form):
    prefix = "teller"  # the nomination form on the same page also has a member field
    member = PersonField(
        label=_("姓名"),
        scope="union_members",
        error_messages={
            "required": _("姓名：请选择监票人或计票人。"),
            "invalid_choice": _("姓名：不在可选人员中（候选人和已担任监票人、计票人的除外）。"),
        },
    )
    role = forms.ChoiceField(label=_("职责"), choices=Teller.Role.choices, initial=Teller.Role.SCRUTINEER)

    def __init__(self, *args, election, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["member"]
        field.queryset = field.queryset.exclude(candidacies__election=election).exclude(
            pk__in=election.tellers.values("member")
        )


def _count_field(label, required=True):
    return forms.IntegerField(
        label=label,
        min_value=0,
        required=required,
        error_messages={
            "required": _("%(label)s：请填写（没有填0）。") % {"label": label},
            "min_value": _("%(label)s：不能是负数。") % {"label": label},
            "invalid": _("%(label)s：请填写整数。") % {"label": label},
        },
    )


class PaperCountForm(forms.Form):
    """The tellers' count of the paper ballots: the totals, then one field per candidate (``votes_<pk>``)."""

    issued = _count_field(_("发出选票"))
    returned = _count_field(_("收回选票"))
    spoiled = _count_field(_("无效票"))
    blank = _count_field(_("空白票"))

    def __init__(self, *args, election, **kwargs):
        count = getattr(election, "paper_count", None)  # the reverse one-to-one raises AttributeError when absent
        if count is not None:
            kwargs.setdefault("initial", {f: getattr(count, f) for f in ("issued", "returned", "spoiled", "blank")})
        super().__init__(*args, **kwargs)
        self.candidates = list(election.candidates.select_related("member"))
        for candidate in self.candidates:
            label = _("%(name)s 得票") % {"name": candidate.member.name}
            self.fields[f"votes_{candidate.pk}"] = _count_field(label)
            self.initial.setdefault(f"votes_{candidate.pk}", candidate.paper_votes)

    def counts(self) -> dict:
        data = self.cleaned_data
        totals = {name: data[name] for name in ("issued", "returned", "spoiled", "blank")}
        return {**totals, "votes": {c.pk: data[f"votes_{c.pk}"] for c in self.candidates}}
