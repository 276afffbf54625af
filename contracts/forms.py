from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.forms import DATE_WIDGET
from congress.models import AgendaItem, Session
from unionportal.forms import ActionForm

from .models import ClauseCheck, CollectiveContract


def required(field):
    return {"required": _("%(field)s：请填写。") % {"field": field}}


class ContractForm(forms.ModelForm):
    class Meta:
        model = CollectiveContract
        fields = ["kind", "title"]
        error_messages = {"title": required(_("合同名称"))}


class ClauseForm(forms.Form):
    text = forms.CharField(
        label=_("条款内容"), widget=forms.Textarea(attrs={"rows": 3}), error_messages=required(_("条款内容"))
    )


def amend_form(clause):
    """The clause's own form on the contract's page: its ids and label name the clause, so the page's forms
    never share an id or a label."""
    form = ClauseForm(initial={"text": clause.text}, auto_id=f"id_clause_{clause.pk}_%s")
    form.fields["text"].label = _("修改第%(number)s条") % {"number": clause.number}
    return form


class RoundForm(forms.Form):
    held_on = forms.DateField(label=_("协商日期"), widget=DATE_WIDGET, error_messages=required(_("协商日期")))
    union_party = forms.CharField(label=_("职工方代表"), max_length=200, error_messages=required(_("职工方代表")))
    employer_party = forms.CharField(label=_("企业方代表"), max_length=200, error_messages=required(_("企业方代表")))
    minutes = forms.CharField(label=_("协商纪要"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    open_points = forms.CharField(label=_("未决事项"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReviewForm(ActionForm):
    agenda_item = forms.ModelChoiceField(
        label=_("审议议程"),
        queryset=AgendaItem.objects.none(),
        error_messages={"required": _("审议议程：请选择提交审议的会议议程。")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(
            session__ends_on__gte=timezone.localdate()
        ).select_related("session")
        self.fields["agenda_item"].label_from_instance = lambda item: f"{item.session} · {item.title}"


class ReasonForm(ActionForm):
    reason = forms.CharField(
        label=_("原因"), widget=forms.Textarea(attrs={"rows": 2}), error_messages=required(_("原因")),
        help_text=_("如：职代会未通过；劳动保障行政部门审查意见书提出异议。"),
    )  # fmt: skip


class SignForm(ActionForm):
    signed_on = forms.DateField(label=_("签订日期"), widget=DATE_WIDGET, error_messages=required(_("签订日期")))
    union_signatory = forms.CharField(
        label=_("职工方首席代表"), max_length=50, error_messages=required(_("职工方首席代表"))
    )
    employer_signatory = forms.CharField(
        label=_("企业方首席代表"), max_length=50, error_messages=required(_("企业方首席代表"))
    )
    starts_on = forms.DateField(label=_("期限起始"), widget=DATE_WIDGET, required=False)
    ends_on = forms.DateField(label=_("期限届满"), widget=DATE_WIDGET, error_messages=required(_("期限届满")))
    unusual_term_confirmed = forms.BooleanField(
        label=_("期限不在1至3年之间，已确认"),
        required=False,
        help_text=_("《集体合同规定》第三十八条：集体合同期限一般为1至3年。"),
    )


class FileForm(ActionForm):
    filed_on = forms.DateField(label=_("报送日期"), widget=DATE_WIDGET, error_messages=required(_("报送日期")))


class InspectionForm(forms.Form):
    """One row per clause: its result and evidence."""

    held_on = forms.DateField(label=_("检查日期"), widget=DATE_WIDGET, error_messages=required(_("检查日期")))
    inspectors = forms.CharField(label=_("检查人员"), max_length=200, error_messages=required(_("检查人员")))
    session = forms.ModelChoiceField(label=_("报告至会议"), queryset=Session.objects.all(), required=False)
    summary = forms.CharField(label=_("检查结论"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, clauses, **kwargs):
        super().__init__(*args, **kwargs)
        self.clauses = list(clauses)
        for clause in self.clauses:
            self.fields[f"result_{clause.pk}"] = forms.ChoiceField(
                label=_("第%(number)s条履行情况") % {"number": clause.number},
                choices=ClauseCheck.Result.choices,
                help_text=clause.text,
                error_messages={"required": _("第%(number)s条：请选择履行情况。") % {"number": clause.number}},
            )
            self.fields[f"evidence_{clause.pk}"] = forms.CharField(
                label=_("第%(number)s条依据") % {"number": clause.number}, required=False
            )

    def results(self):
        data = self.cleaned_data
        return {c.pk: (data[f"result_{c.pk}"], data[f"evidence_{c.pk}"]) for c in self.clauses}
