from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from disclosure import selectors as disclosure_selectors
from disclosure.models import DisclosureItem
from members.models import Department, UnionGroup
from members.pickers import PeopleField, PersonField
from unionportal.forms import ActionForm, MultipleFileField, MultipleFileInput

from .models import Campaign, DonationDrive, FundSource, HardshipFile, Payment, VisitOccasion
from .recipient_rules import Rule

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def attachments_field():
    return MultipleFileField(
        label=_("附件（医疗票据、证明、收入证明）"),
        required=False,
        help_text=_("PDF 或图片（JPG、PNG），每个不超过 10 MB，可一次选多个。"),
        widget=MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class HardshipFileForm(forms.ModelForm):
    causes = forms.MultipleChoiceField(
        label=_("致困原因"), choices=HardshipFile.Cause.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = HardshipFile
        fields = [
            "member", "causes", "level", "single_parent_woman", "household_size", "monthly_income_per_capita",
            "situation", "help_plan", "status", "next_review_on",
        ]  # fmt: skip
        widgets = {"next_review_on": DATE_WIDGET, "situation": forms.Textarea(attrs={"rows": 3}),
                   "help_plan": forms.Textarea(attrs={"rows": 3})}  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"] = PersonField(label=self.fields["member"].label, scope="not_transferred")
        if self.instance.pk:
            del self.fields["member"]


class ReviewForm(forms.Form):
    changes = forms.CharField(label=_("复核情况（有何变化）"), widget=forms.Textarea(attrs={"rows": 3}))
    level = forms.ChoiceField(label=_("困难程度"), choices=HardshipFile.Level.choices)
    household_size = forms.IntegerField(label=_("家庭人口"), min_value=1)
    monthly_income_per_capita = forms.DecimalField(
        max_digits=12, label=_("家庭人均月收入（元）"), min_value=0, decimal_places=2
    )
    status = forms.ChoiceField(label=_("状态"), choices=HardshipFile.Status.choices)


class ApplicationForm(forms.Form):
    member = PersonField(label=_("申请人"), scope="not_transferred")
    reason = forms.CharField(label=_("申请事由"), widget=forms.Textarea(attrs={"rows": 4}))
    amount_requested = forms.DecimalField(max_digits=12, label=_("申请金额（元）"), min_value=0.01, decimal_places=2)
    another_need = forms.BooleanField(
        label=_("另有困难，仍要提交"), required=False, help_text=_("已有未办结的申请时，只为另一项困难勾选。")
    )
    attachments = attachments_field()

    def __init__(self, *args, on_behalf, **kwargs):
        super().__init__(*args, **kwargs)
        if not on_behalf:
            del self.fields["member"]


class NoteForm(ActionForm):
    note = forms.CharField(label=_("意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReturnForm(ActionForm):
    note = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}))


class ResubmitForm(ActionForm):
    """The returned application, corrected: its reason and amount as they stand, and what was added."""

    reason = forms.CharField(label=_("申请事由"), widget=forms.Textarea(attrs={"rows": 4}))
    amount_requested = forms.DecimalField(max_digits=12, label=_("申请金额（元）"), min_value=0.01, decimal_places=2)
    attachments = attachments_field()
    note = forms.CharField(label=_("补充说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.obj is not None:
            self.initial.update(reason=self.obj.reason, amount_requested=self.obj.amount_requested)


class ApproveForm(ActionForm):
    amount = forms.DecimalField(max_digits=12, label=_("批准金额（元）"), min_value=0.01, decimal_places=2)
    note = forms.CharField(label=_("意见"), required=False, help_text=_("批准金额多于申请金额时必填。"))
    override_note = forms.CharField(label=_("超出年度上限的理由"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.obj is not None:
            self.initial.setdefault("amount", self.obj.amount_requested)


class PayForm(ActionForm):
    """申请支付 of an approved application: the money goes to the accountant and the chair, who pays is theirs."""

    fund_source = forms.ChoiceField(label=_("经费来源"), choices=FundSource.choices)


class PaymentForm(forms.Form):
    """A delivery under a campaign to someone not on its list; help without a campaign goes by application."""

    campaign = forms.ModelChoiceField(
        label=_("慰问活动"),
        queryset=Campaign.objects.filter(closed=False),
        help_text=_("发放须依据慰问活动；个人帮扶请走帮扶申请。"),
    )
    member = PersonField(label=_("领取人"))
    kind = forms.ChoiceField(label=_("类型"), choices=Payment.Kind.choices)
    amount = forms.DecimalField(
        max_digits=12, label=_("金额（元）"), min_value=0, decimal_places=2, required=False, initial=0
    )
    goods = forms.CharField(label=_("物品"), required=False)
    fund_source = forms.ChoiceField(label=_("经费来源"), choices=FundSource.choices)
    override_note = forms.CharField(label=_("超出年度上限或活动预算的理由（仅主席）"), required=False)


class CampaignForm(forms.ModelForm):
    confidential = forms.TypedChoiceField(
        label=_("名单保密"),
        required=False,
        empty_value=None,
        coerce=lambda value: value == "yes",
        choices=[
            ("", _("按类型：困难帮扶类保密，节日、生日、退休慰问不保密")),
            ("yes", _("保密：仅主席和帮扶专员可见")),
            ("no", _("不保密：工会委员可查看和组织")),
        ],
    )

    class Meta:
        model = Campaign
        fields = ["name", "kind", "year", "budget", "default_amount", "fund_source", "starts_on", "due_on"]
        widgets = {"starts_on": DATE_WIDGET, "due_on": DATE_WIDGET}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and not user.has_perm("welfare.view_confidential_campaigns"):
            # a 委员 organises universal gifts only; the list is then open to them
            self.fields["kind"].choices = [c for c in Campaign.Kind.choices if c[0] in Campaign.UNIVERSAL_KINDS]
            self.fields["kind"].initial = Campaign.Kind.FESTIVAL
            del self.fields["confidential"]


class RecipientForm(forms.Form):
    member = PersonField(label=_("对象"))
    amount = forms.DecimalField(
        max_digits=12, label=_("金额（元，留空按标准）"), min_value=0, decimal_places=2, required=False
    )
    override_note = forms.CharField(label=_("超出预算的理由（仅主席）"), required=False)


class RecipientRuleForm(forms.Form):
    """按规则加入: everyone a rule selects, at one amount each."""

    rule = forms.ChoiceField(label=_("规则"), choices=Rule.choices)
    union_group = forms.ModelChoiceField(label=_("工会小组"), queryset=UnionGroup.objects.none(), required=False)
    month = forms.TypedChoiceField(
        label=_("生日月份"), coerce=int, required=False, choices=[(m, _("%(m)s月") % {"m": m}) for m in range(1, 13)]
    )
    amount = forms.DecimalField(
        label=_("每人金额（元，留空按标准）"),
        min_value=0,
        max_digits=10,
        decimal_places=2,
        required=False,
    )
    override_note = forms.CharField(label=_("超出预算的理由（仅主席）"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["union_group"].queryset = UnionGroup.objects.current()
        self.fields["month"].initial = timezone.localdate().month

    def clean(self):
        data = super().clean()
        if data.get("rule") == Rule.UNION_GROUP and not data.get("union_group"):
            self.add_error("union_group", _("按工会小组加入时，请选择工会小组。"))
        if data.get("rule") == Rule.BIRTHDAYS and not data.get("month"):
            self.add_error("month", _("按生日加入时，请选择月份。"))
        return data


class LifeEventForm(forms.Form):
    """住院, 直系亲属去世, 婚育 …: an event that calls for a visit, opening a care task."""

    member = PersonField(label=_("人员"))
    occasion = forms.ModelChoiceField(
        label=_("事由"), queryset=VisitOccasion.objects.filter(visit_within_days__isnull=False)
    )
    happened_on = forms.DateField(label=_("发生日期"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("情况"), max_length=200, required=False)

    def clean_happened_on(self):
        day = self.cleaned_data["happened_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("发生日期不能晚于今天。"))
        return day


class VisitForm(forms.Form):
    member = PersonField(label=_("慰问对象"), scope="not_transferred")
    occasion = forms.ModelChoiceField(label=_("事由"), queryset=VisitOccasion.objects.all())
    visited_on = forms.DateField(label=_("慰问日期"), widget=DATE_WIDGET)
    visitors = PeopleField(label=_("慰问人"), scope="active")
    gifts = forms.CharField(label=_("慰问品"), required=False)
    money = forms.DecimalField(
        max_digits=12,
        label=_("慰问金（元）"),
        min_value=0,
        decimal_places=2,
        required=False,
        initial=0,
        help_text=_("慰问金经财务审核、主席审批后由财务支付。"),
    )
    fund_source = forms.ChoiceField(
        label=_("经费来源"), choices=[("", "---------"), *FundSource.choices], required=False
    )
    notes = forms.CharField(label=_("情况记录"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class DriveForm(forms.ModelForm):
    class Meta:
        model = DonationDrive
        fields = ["title", "appeal", "beneficiary", "opened_on", "closes_on"]
        widgets = {"opened_on": DATE_WIDGET, "closes_on": DATE_WIDGET}


class PledgeForm(forms.Form):
    amount = forms.DecimalField(max_digits=12, label=_("捐款金额（元）"), min_value=0.01, decimal_places=2)


class SettingsForm(forms.Form):
    yearly_cap_per_person = forms.DecimalField(
        max_digits=12, label=_("每人每年帮扶上限（元）"), min_value=0, decimal_places=2
    )
    new_occasion = forms.CharField(label=_("新增慰问事由"), required=False, max_length=20)


OccasionTermsFormSet = forms.modelformset_factory(
    VisitOccasion,
    fields=["usual_amount", "visit_within_days"],
    extra=0,
    widgets={
        "usual_amount": forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
        "visit_within_days": forms.NumberInput(attrs={"min": "0"}),
    },
)


class RegisterForm(forms.Form):
    """Which printed register, for which period or campaign."""

    VISITS, PAYMENTS = "visits", "payments"
    register = forms.ChoiceField(
        label=_("登记表"), choices=[(VISITS, _("走访慰问登记表")), (PAYMENTS, _("帮扶资金发放登记表"))]
    )
    campaign = forms.ModelChoiceField(
        label=_("慰问活动"), queryset=Campaign.objects.all(), required=False, help_text=_("选择活动时可不填日期")
    )
    date_from = forms.DateField(label=_("开始日期"), required=False, widget=DATE_WIDGET)
    date_to = forms.DateField(label=_("结束日期"), required=False, widget=DATE_WIDGET)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if not data.get("campaign") and not (start and end):
            raise forms.ValidationError(_("请选择慰问活动，或填写开始和结束日期。"))
        if start and end and end < start:
            self.add_error("date_to", _("结束日期不能早于开始日期。"))
        return data

    def params(self):
        data = self.cleaned_data
        params = {"campaign": data["campaign"].pk} if data["campaign"] else {}
        for name in ("date_from", "date_to"):
            if data[name]:
                params[name] = data[name].isoformat()
        return params


class RecipientListForm(forms.Form):
    """The few choices of a recipient-list 公示; the body is made from the list, names masked."""

    category = forms.ModelChoiceField(label=_("公开类别"), queryset=None)
    title = forms.CharField(label=_("标题"), max_length=200)
    audience = forms.ChoiceField(
        label=_("公开对象"), choices=DisclosureItem.Audience.choices, initial=DisclosureItem.Audience.INTERNAL
    )
    department = forms.ModelChoiceField(
        label=_("责任部门"),
        queryset=Department.objects.all(),
        required=False,
        help_text=_("不选则为所选类别的责任部门。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = disclosure_selectors.categories()
