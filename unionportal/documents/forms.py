from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AnnualReport


class AnnualReportForm(forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = ["opening", "problems", "plans"]
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in fields}


class NoticeForm(forms.Form):
    issuing_body = forms.CharField(label=_("发文机关"), max_length=100)
    number = forms.CharField(
        label=_("发文字号"), max_length=50, required=False, help_text=_("例如：青实工〔2026〕12号")
    )
    title = forms.CharField(label=_("标题"), max_length=100)
    addressees = forms.CharField(label=_("主送"), max_length=200, help_text=_("例如：各工会小组、全体会员"))
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 12}), max_length=20000)
    date = forms.DateField(
        label=_("成文日期"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )

    def params(self):
        return {**self.cleaned_data, "date": self.cleaned_data["date"].isoformat()}
