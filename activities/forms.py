from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from funds.forms import NamedErrorsForm, amount_field
from members.models import Member, UnionGroup
from members.pickers import PersonField

from .festivals import festivals_of_union
from .models import Event, Honour, Registration, Result, Team

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FIELDS = ["starts_at", "ends_at", "signup_opens_at", "signup_closes_at", "members_first_until"]


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "level",
            "festival",
            "starts_at",
            "ends_at",
            "place",
            "organiser",
            "joint_department",
            "description",
            "capacity",
            "is_team_event",
            "signup_opens_at",
            "signup_closes_at",
            "eligibility",
            "members_first_until",
            "budget",
        ]
        widgets = {name: DATETIME_WIDGET for name in DATETIME_FIELDS} | {
            "description": forms.Textarea(attrs={"rows": 4})
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kept = {*festivals_of_union(), self.instance.festival}  # an event saved as 教师节 keeps its festival
        field = self.fields["festival"]
        field.choices = [(value, label) for value, label in field.choices if not value or value in kept]


class OnBehalfForm(forms.Form):
    member = PersonField(label=_("代为报名"), scope="current")


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["union_group", "name", "captain", "members"]
        widgets = {"members": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        if groups is not None:
            self.fields["union_group"].queryset = groups
            players = Member.objects.filter(
                union_group__in=groups, status__in=[Member.Status.ACTIVE, Member.Status.RETIRED]
            ).order_by("union_group", "name_pinyin")
            self.fields["captain"].queryset = players
            self.fields["members"].queryset = players


class ResultForm(forms.ModelForm):
    class Meta:
        model = Result
        fields = ["item", "member", "team", "rank", "prize"]

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = event.teams.exclude(registration__status=Registration.Status.CANCELLED)
        self.fields["member"].queryset = Member.objects.filter(
            registrations__event=event, registrations__status="registered"
        )
        self.fields["rank"].min_value = 1  # 第1名 is the first place: there is no 第0名
        self.fields["rank"].validators.append(MinValueValidator(1))


class HonourForm(forms.ModelForm):
    class Meta:
        model = Honour
        fields = ["title", "member", "union_group", "year", "level", "awarding_body"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["union_group"].queryset = UnionGroup.objects.current()


class EventFundsForm(NamedErrorsForm):
    """Ask for the event's money through the funds chain (the amount is parsed there, to the fen)."""

    amount = amount_field(_("申请金额（元）"))
    payee = forms.CharField(label=_("收款方"), max_length=100)
    is_goods = forms.BooleanField(label=_("购买物品（须验收）"), required=False)
