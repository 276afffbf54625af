from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AnnualReport
from .notice_batch import addressees


class AnnualReportForm(forms.ModelForm):
    """开篇, one field of the chair's words for each chapter the year has, then 问题 and 打算."""

    class Meta:
        model = AnnualReport
        fields = ["opening", "problems", "plans"]
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in fields}

    def __init__(self, *args, headings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.headings = list(headings)
        chapter_fields = {
            f"chapter_{i}": forms.CharField(
                label=_("%(heading)s：主席叙述") % {"heading": heading},
                required=False,
                max_length=10000,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=self.instance.chapter_texts.get(heading, ""),
                help_text=_("写在本章数据之前，每段一行"),
            )
            for i, heading in enumerate(self.headings, 1)
        }
        order = ["opening", *chapter_fields, "problems", "plans"]
        self.fields = {name: {**self.fields, **chapter_fields}[name] for name in order}

    def save(self, commit=True):
        texts = {**self.instance.chapter_texts}
        for i, heading in enumerate(self.headings, 1):
            texts[heading] = self.cleaned_data[f"chapter_{i}"].strip()
        self.instance.chapter_texts = {heading: text for heading, text in texts.items() if text}
        return super().save(commit)


def _date_input():
    # The browser's date input shows and sends ISO dates; without the format Django renders the
    # initial value in the locale's format, which the input drops, leaving the field blank.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NoticeForm(forms.Form):
    issuing_body = forms.CharField(label=_("发文机关"), max_length=100)
    number = forms.CharField(
        label=_("发文字号"), max_length=50, required=False, help_text=_("例如：青实工〔2026〕12号")
    )
    title = forms.CharField(label=_("标题"), max_length=100)
    addressees = forms.CharField(label=_("主送"), max_length=200, help_text=_("例如：各工会小组、全体会员"))
    body = forms.CharField(
        label=_("正文"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=20000,
        help_text=_("每段一行；以“一、”开头的段落排黑体标题，以“（一）”开头的排楷体标题"),
    )
    attachments = forms.CharField(
        label=_("附件"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
        help_text=_("附件名称，每个一行，不加序号和标点"),
    )
    date = forms.DateField(label=_("成文日期"), initial=timezone.localdate, widget=_date_input())
    cc = forms.CharField(
        label=_("抄送"), max_length=200, required=False, help_text=_("抄送机关，以顿号或逗号分隔，例如：市教育工会")
    )
    printer = forms.CharField(
        label=_("印发机关"), max_length=100, required=False, help_text=_("不填则为发文机关，例如：工会办公室")
    )
    printed_on = forms.DateField(
        label=_("印发日期"), required=False, widget=_date_input(), help_text=_("不填则同成文日期")
    )

    error_messages = {
        "issuing_body": _("请填写发文机关。"),
        "title": _("请填写标题。"),
        "addressees": _("请填写主送机关。"),
        "body": _("请填写正文。"),
        "date": _("请填写成文日期。"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in self.error_messages.items():
            self.fields[name].error_messages["required"] = message
        for name in ("date", "printed_on"):
            self.fields[name].error_messages["invalid"] = _("%(field)s不是有效的日期。") % {
                "field": self.fields[name].label
            }

    def clean(self):
        cleaned = super().clean()
        date, printed_on = cleaned.get("date"), cleaned.get("printed_on")
        if date and printed_on and printed_on < date:
            self.add_error("printed_on", _("印发日期不能早于成文日期。"))
        return cleaned

    def params(self):
        data = self.cleaned_data
        return {
            **data,
            "date": data["date"].isoformat(),
            "printed_on": data["printed_on"].isoformat() if data["printed_on"] else "",
        }


class AddressedNoticeForm(NoticeForm):
    """The notice with 发送对象 in place of 主送: one copy for each person the choice names, addressed to them."""

    audience = forms.ChoiceField(label=_("发送对象"), help_text=_("每人一份，抬头为其姓名，例如：张三同志："))
    job_numbers = forms.CharField(
        label=_("指定人员工号"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=50000,
        required=False,
        help_text=_("发送对象为“指定人员”时填写，每行一个或以逗号分隔"),
    )
    field_order = ["issuing_body", "number", "title", "audience", "job_numbers"]

    error_messages = {**NoticeForm.error_messages, "audience": _("请选择发送对象。")}
    del error_messages["addressees"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["addressees"]
        self.fields["audience"].choices = addressees().audience_choices()
        self.fields["audience"].error_messages["invalid_choice"] = _("所选的发送对象不存在，请重新选择。")
        self.members, self.count = [], 0

    def clean(self):
        cleaned = super().clean()
        audience = cleaned.get("audience")
        if not audience:
            return cleaned
        roster = addressees()
        try:
            if audience == roster.CHOSEN:
                self.members = roster.members_by_job_number(cleaned.get("job_numbers", ""))
        except ValidationError as error:
            self.add_error("job_numbers", error)
            return cleaned
        try:
            self.count = len(roster.addressee_names(audience=audience, members=self.members))
        except ValidationError as error:
            self.add_error("audience", error)
        return cleaned

    def params(self):
        params = {name: value for name, value in super().params().items() if name != "job_numbers"}
        return {**params, "members": self.members, "count": self.count}
