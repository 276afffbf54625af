import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Department, Member
from members.pickers import PersonField
from unionportal.forms import ActionForm
from unionportal.templatetags.portal import chinese_ordinal

from .decision_forms import DecidedAtMeeting
from .models import Appraisal, BallotTally, CongressTerm, Delegate, Motion, Proposal, Session

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProposalForm(forms.ModelForm):
    cosigners = forms.ModelMultipleChoiceField(
        label=_("邀请附议代表"), queryset=Member.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Proposal
        fields = ["session", "title", "content"]
        widgets = {"content": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, sessions, delegates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions
        self.fields["session"].empty_label = None
        self.fields["cosigners"].queryset = delegates


class InviteForm(ActionForm):
    """The term's delegates not yet invited, the proposer left out."""

    cosigners = forms.ModelMultipleChoiceField(
        label=_("邀请附议代表"), queryset=Member.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        proposal = self.obj
        self.fields["cosigners"].queryset = (
            Member.objects.filter(delegacies__term=proposal.session.term_id, delegacies__active=True)
            .exclude(pk=proposal.proposer_id)
            .exclude(pk__in=proposal.cosigners.values("member"))
            .order_by("name")
        )


class RegisterForm(DecidedAtMeeting, ActionForm):
    note = forms.CharField(label=_("审查意见（内部）"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RejectForm(DecidedAtMeeting, ActionForm):
    """不立案: the proposal becomes a suggestion, handed to a department that answers it."""

    reason = forms.CharField(label=_("不立案理由"), widget=forms.Textarea(attrs={"rows": 2}))
    handler = forms.ModelChoiceField(label=_("转为建议的承办部门"), queryset=Department.objects.all(), required=False)


class MergeForm(DecidedAtMeeting, ActionForm):
    into = forms.ModelChoiceField(label=_("并入提案"), queryset=Proposal.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = Proposal.objects.filter(
            session=self.obj.session_id, status__in=Proposal.ACCEPTED | {Proposal.Status.SUBMITTED}
        ).exclude(pk=self.obj.pk)


class AssignForm(ActionForm):
    lead_department = forms.ModelChoiceField(label=_("主办部门"), queryset=Department.objects.all())
    helping_departments = forms.ModelMultipleChoiceField(
        label=_("协办部门"), queryset=Department.objects.all(), required=False
    )
    deadline = forms.DateField(label=_("办理期限"), widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"deadline": timezone.localdate() + datetime.timedelta(days=30)})
        super().__init__(*args, **kwargs)


class ReplyForm(ActionForm):
    text = forms.CharField(label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 4}))


class RateForm(ActionForm):
    """The proposer's rating; staff enter one only from the proposer's paper form, and say so."""

    rating = forms.ChoiceField(label=_("满意度"), choices=Proposal.Rating.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        member = getattr(self.user, "member", None)
        if self.obj is not None and (member is None or member.pk != self.obj.proposer_id):
            self.fields["on_behalf"] = forms.BooleanField(label=_("代录提案人的纸质评价表"), required=True)


class ImplementationForm(forms.Form):
    implementation = forms.ChoiceField(label=_("落实情况"), choices=Proposal.Implementation.choices)
    note = forms.CharField(
        label=_("落实情况说明"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("部分落实或未落实时必填：原因和后续安排。"),
    )


class CloseForm(ActionForm):
    note = forms.CharField(label=_("办结说明"), required=False)


class MotionForm(forms.Form):
    agenda_item = forms.ModelChoiceField(label=_("议程"), queryset=None)
    title = forms.CharField(label=_("表决事项"), max_length=200)
    method = forms.ChoiceField(label=_("表决方式"), choices=Motion.Method.choices)

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = session.agenda.all()


class OpenCountForm(forms.Form):
    votes_for = forms.IntegerField(label=_("赞成"), min_value=0)
    votes_against = forms.IntegerField(label=_("反对"), min_value=0)
    abstentions = forms.IntegerField(label=_("弃权"), min_value=0)


class BallotForm(forms.Form):
    choice = forms.ChoiceField(label=_("您的选择"), choices=BallotTally.Choice.choices, widget=forms.RadioSelect)


class SuggestionForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=200)
    content = forms.CharField(label=_("内容"), widget=forms.Textarea(attrs={"rows": 5}))
    anonymous = forms.BooleanField(label=_("匿名提出（系统不保存提出人，任何人都无法查看）"), required=False)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("答复"), widget=forms.Textarea(attrs={"rows": 3}))


DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class TermForm(forms.ModelForm):
    class Meta:
        model = CongressTerm
        fields = [
            "number",
            "start_year",
            "end_year",
            "mode",
            "min_cosigners",
            "front_line_min",
            "leaders_max",
            "per_headcount_min",
        ]
        error_messages = {"number": {"unique": _("第%(value)s届已存在。")}}


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["term", "number", "title", "starts_on", "ends_on", "proposals_open_at", "proposals_close_at"]
        widgets = {
            "starts_on": DATE_WIDGET,
            "ends_on": DATE_WIDGET,
            "proposals_open_at": DATETIME_WIDGET,
            "proposals_close_at": DATETIME_WIDGET,
        }

    def clean(self):
        """A session number taken in the term, named as the congress names it (第四届已有第2次会议)."""
        cleaned = super().clean()
        term, number = cleaned.get("term"), cleaned.get("number")
        if term and number and Session.objects.filter(term=term, number=number).exclude(pk=self.instance.pk).exists():
            self.add_error(
                "number",
                _("第%(term)s届已有第%(number)s次会议。") % {"term": chinese_ordinal(term.number), "number": number},
            )
        return cleaned


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("议程"), max_length=200)


class DelegateForm(forms.Form):
    member = PersonField(label=_("代表"), scope="active")
    group = forms.ModelChoiceField(
        label=_("代表组"),
        queryset=None,
        required=False,
        error_messages={"invalid_choice": _("代表组：请从本届的代表组中选择。")},
    )
    is_front_line = forms.BooleanField(
        label=Delegate._meta.get_field("is_front_line").verbose_name, required=False, initial=True
    )
    is_leader = forms.BooleanField(label=_("领导干部"), required=False)

    def __init__(self, *args, term, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = term.delegate_groups.all()


class ReplaceForm(forms.Form):
    delegate = forms.ModelChoiceField(label=_("离任代表"), queryset=None)
    member = PersonField(label=_("补选代表"), scope="active")

    def __init__(self, *args, term, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegate"].queryset = (
            term.delegates.filter(active=True).select_related("member").order_by("member__name_pinyin")
        )


class AppraisalForm(forms.ModelForm):
    class Meta:
        model = Appraisal
        fields = ["term", "session", "title", "scale", "electorate", "flag_share"]


class AppraiseeForm(forms.Form):
    member = PersonField(label=_("被评议人"), scope="active")
    post = forms.CharField(label=_("职务"), max_length=50, required=False)
    report = forms.CharField(label=_("述职报告"), required=False, widget=forms.Textarea(attrs={"rows": 4}))


class SessionDocumentForm(forms.Form):
    title = forms.CharField(label=_("文件名称"), max_length=200, required=False)
    file = forms.FileField(label=_("文件"))


class ConveningNoticeForm(forms.Form):
    """What the session record does not hold but the convening notice (大会召开通知) must say."""

    issuing_body = forms.CharField(label=_("发文机关"), max_length=100)
    number = forms.CharField(
        label=_("发文字号"), max_length=50, required=False, help_text=_("例如：青实工〔2026〕15号")
    )
    addressees = forms.CharField(label=_("主送"), max_length=200, initial=_("全体代表、各代表组"))
    time = forms.CharField(
        label=_("会议时间"), max_length=100, required=False, help_text=_("留空则按会议日期填写，例如：12月9日下午2:30")
    )
    venue = forms.CharField(label=_("会议地点"), max_length=100)
    observers = forms.CharField(label=_("列席人员"), max_length=200, required=False)
    requirements = forms.CharField(
        label=_("有关要求"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
        help_text=_("每条一行"),
    )
    date = forms.DateField(label=_("成文日期"), initial=timezone.localdate, widget=DATE_WIDGET)

    def params(self, session):
        return {**self.cleaned_data, "date": self.cleaned_data["date"].isoformat(), "session": session.pk}
