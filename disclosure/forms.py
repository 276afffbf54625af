import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.decision_forms import ReviewedAtMeeting
from members.models import Department
from unionportal.forms import ActionForm

from . import selectors, services
from .models import Category, DisclosureItem, Objection

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ItemForm(forms.ModelForm):
    attachment = forms.FileField(
        label=_("附件"),
        required=False,
        help_text=_("PDF、图片、.xlsx 或 .docx，按内容检查类型和大小。"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.xlsx,.docx"}),
    )

    class Meta:
        model = DisclosureItem
        fields = ["category", "title", "body", "audience", "needs_signature", "department", "responsible"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = selectors.categories()
        if not user.has_perm("disclosure.review"):
            own = getattr(getattr(user, "member", None), "department_id", None)
            self.fields["department"].queryset = Department.objects.filter(pk=own)
            self.fields["department"].required = True
            self.fields["department"].empty_label = None

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            services.check_upload(upload)
        return upload

    def item_fields(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ReturnForm(ReviewedAtMeeting, ActionForm):
    comment = forms.CharField(label=_("预审意见"), widget=forms.Textarea(attrs={"rows": 3}))


class NoteForm(ActionForm):
    note = forms.CharField(label=_("整改情况"), widget=forms.Textarea(attrs={"rows": 3}))


class PeriodForm(ActionForm):
    """The 公示期 an item is published for (预审通过, ApproveForm)."""

    period_start = forms.DateField(label=_("公示开始"), widget=DATE_WIDGET)
    period_end = forms.DateField(label=_("公示截止"), widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        today = timezone.localdate()
        kwargs.setdefault("initial", {"period_start": today, "period_end": today + datetime.timedelta(days=6)})
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            raise ValidationError(_("公示截止日期不能早于开始日期。"))
        return data


class ApproveForm(ReviewedAtMeeting, PeriodForm):
    """预审通过: the 公示期, and the 公开领导小组 meeting that approved it once the union has the group."""


class ObjectionForm(forms.ModelForm):
    class Meta:
        model = Objection
        fields = ["content"]
        widgets = {"content": forms.Textarea(attrs={"rows": 3})}


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("答复"), widget=forms.Textarea(attrs={"rows": 2}))


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["name", "cadence", "period", "department", "sort_order", "tracked_from"]
        widgets = {"tracked_from": DATE_WIDGET}
