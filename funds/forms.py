"""Forms of the funds pages. Amounts are taken as text and parsed by the services (``money.parse_amount``), so
a bad amount gets the same Chinese message from a form as from another app's call."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unionportal.forms import MultipleFileField

from .models import Account, Attachment, Audit, Expense, Fund, YearSettings

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NamedErrorsForm(forms.Form):
    """Every missing or malformed field is named in the message (请填写金额。), never Django's generic text."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = _("请填写%(field)s。") % {"field": field.label}
            field.error_messages["invalid"] = _("%(field)s的格式不对。") % {"field": field.label}
            field.error_messages["invalid_choice"] = _("请从列表中选择%(field)s。") % {"field": field.label}


AMOUNT_LABEL = _("金额（元）")


class StepForm(NamedErrorsForm):
    """The form of a workflow action: the kernel makes it with the object and the user."""

    def __init__(self, data=None, *args, obj=None, user=None, **kwargs):
        self.obj, self.user = obj, user
        super().__init__(data, *args, **kwargs)


def amount_field(label=AMOUNT_LABEL):
    return forms.CharField(label=label, max_length=20, widget=forms.TextInput(attrs={"inputmode": "decimal"}))


def date_field(label, **kwargs):
    return forms.DateField(label=label, widget=DATE_WIDGET, **kwargs)


def expense_accounts():
    return Account.objects.filter(kind=Account.Kind.EXPENSE, is_active=True, children__isnull=True).order_by("code")


class ExpenseForm(NamedErrorsForm):
    account = forms.ModelChoiceField(label=_("支出科目"), queryset=Account.objects.none())
    fund = forms.ModelChoiceField(label=_("资金"), queryset=Fund.objects.filter(is_active=True), empty_label=None)
    amount = amount_field()
    purpose = forms.CharField(label=_("用途"), max_length=200)
    payee = forms.CharField(label=_("收款方"), max_length=100)
    is_goods = forms.BooleanField(label=_("购买物品（须验收）"), required=False)
    kind = forms.ChoiceField(label=_("票据类型"), choices=Attachment.Kind.choices)
    files = MultipleFileField(label=_("发票或收据（PDF、JPG、PNG）"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = expense_accounts()


class NoteForm(StepForm):
    note = forms.CharField(label=_("意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(StepForm):
    note = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}))


class AcceptForm(StepForm):
    received_by = forms.CharField(label=_("验收人"), max_length=60)
    received_note = forms.CharField(label=_("验收情况（收到了什么）"), max_length=200)


class DecisionForm(StepForm):
    decision_on = date_field(_("集体研究日期"))
    decision_minute = forms.CharField(label=_("会议纪要"), max_length=200)


class PayForm(StepForm):
    paid_on = date_field(_("支付日期"), initial=timezone.localdate)
    method = forms.ChoiceField(label=_("支付方式"), choices=Expense.Method.choices)
    voucher_number = forms.CharField(label=_("凭证号"), max_length=30)

    def clean_paid_on(self):
        from .services.expenses import paid_on_refusal

        paid_on = self.cleaned_data["paid_on"]
        refusal = self.obj is not None and paid_on_refusal(self.obj, paid_on)
        if refusal:
            raise forms.ValidationError(refusal)
        return paid_on


class ResubmitForm(StepForm):
    amount = amount_field()
    purpose = forms.CharField(label=_("用途"), max_length=200)
    payee = forms.CharField(label=_("收款方"), max_length=100)
    note = forms.CharField(label=_("修改说明"), required=False)

    def __init__(self, data=None, *args, obj=None, **kwargs):
        if obj is not None:
            kwargs["initial"] = {"amount": obj.amount, "purpose": obj.purpose, "payee": obj.payee}
        super().__init__(data, *args, obj=obj, **kwargs)


class AttachmentForm(NamedErrorsForm):
    kind = forms.ChoiceField(label=_("票据类型"), choices=Attachment.Kind.choices)
    files = MultipleFileField(label=_("发票或收据（PDF、JPG、PNG）"))


class IncomeForm(NamedErrorsForm):
    account = forms.ModelChoiceField(
        label=_("收入科目"),
        queryset=Account.objects.filter(kind=Account.Kind.INCOME, is_active=True).exclude(code__in=["101", "102"]),
    )
    fund = forms.ModelChoiceField(label=_("资金"), queryset=Fund.objects.filter(is_active=True), empty_label=None)
    amount = amount_field()
    on = date_field(_("入账日期"), initial=timezone.localdate)
    voucher_number = forms.CharField(label=_("凭证号"), max_length=30)
    summary = forms.CharField(label=_("摘要"), max_length=200)


class DuesForm(NamedErrorsForm):
    month = forms.DateField(label=_("会费月份"), widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
                            input_formats=["%Y-%m", "%Y-%m-%d"])  # fmt: skip
    on = date_field(_("入账日期"), initial=timezone.localdate)
    voucher_number = forms.CharField(label=_("凭证号"), max_length=30)


class AllocationForm(NamedErrorsForm):
    period = forms.CharField(label=_("所属期间"), max_length=30, help_text=_("如 2026年1季度"))
    payroll_base = amount_field(_("工资总额（元）"))
    on = date_field(_("入账日期"), initial=timezone.localdate)
    voucher_number = forms.CharField(label=_("凭证号"), max_length=30)


class ReversalForm(NamedErrorsForm):
    on = date_field(_("冲销日期"), initial=timezone.localdate)
    voucher_number = forms.CharField(label=_("冲销凭证号"), max_length=30)
    reason = forms.CharField(label=_("冲销原因"), max_length=150, help_text=_("如 金额记错，应为 5,000.00 元"))


class BudgetLineForm(NamedErrorsForm):
    account = forms.ModelChoiceField(label=_("科目"), queryset=Account.objects.filter(is_active=True))
    amount = amount_field(_("预算金额（元）"))


class AdjustmentLineForm(NamedErrorsForm):
    account = forms.ModelChoiceField(label=_("科目"), queryset=Account.objects.filter(is_active=True))
    change = amount_field(_("调整金额（元，减少填负数，填0删去该项目）"))


class AdoptForm(StepForm):
    adopted_on = date_field(_("委员会通过日期"))


class ApprovalForm(StepForm):
    approved_on = date_field(_("上级批复日期"))
    approval_number = forms.CharField(label=_("批复文号"), max_length=60)


class CloseForm(StepForm):
    closed_on = date_field(_("决算日期"), initial=timezone.localdate)


class AdjustmentForm(NamedErrorsForm):
    reason = forms.CharField(label=_("调整理由"), widget=forms.Textarea(attrs={"rows": 3}))


class SettingsForm(forms.ModelForm):
    class Meta:
        model = YearSettings
        fields = ["dues_hand_up_share", "allocation_rate", "allocation_retained_share", "committee_threshold"]


class AuditForm(NamedErrorsForm):
    kind = forms.ChoiceField(label=_("类型"), choices=Audit.Kind.choices)
    title = forms.CharField(label=_("审查名称"), max_length=120)
    year = forms.IntegerField(label=_("年度"), initial=lambda: timezone.localdate().year)
    period_from = date_field(_("审查期间起"))
    period_to = date_field(_("审查期间止"))
    subject = forms.CharField(label=_("专项内容"), max_length=120, required=False)


class FindingForm(NamedErrorsForm):
    problem = forms.CharField(label=_("问题"), widget=forms.Textarea(attrs={"rows": 2}))
    responsible = forms.CharField(label=_("责任人"), max_length=60)
    deadline = date_field(_("整改期限"))


class RectifyForm(NamedErrorsForm):
    rectification = forms.CharField(label=_("整改情况"), widget=forms.Textarea(attrs={"rows": 2}))
    rectified_on = date_field(_("整改完成日期"), initial=timezone.localdate)


class FinishForm(NamedErrorsForm):
    conclusion = forms.CharField(label=_("审查意见"), widget=forms.Textarea(attrs={"rows": 4}))
    finished_on = date_field(_("完成日期"), initial=timezone.localdate)


class NewAccountForm(forms.ModelForm):
    """A new 科目: its code is fixed once made (other apps and the budget name accounts by code)."""

    class Meta:
        model = Account
        fields = ["code", "name", "kind", "parent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Account.objects.filter(parent__isnull=True)
        self.fields["code"].error_messages["unique"] = _("科目编码已被使用，请换一个。")


class AccountForm(forms.ModelForm):
    class Meta:
        model = Account
        fields = ["name", "is_active"]


class NewFundForm(forms.ModelForm):
    class Meta:
        model = Fund
        fields = ["name", "is_dedicated", "opening_balance", "sort_order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["unique"] = _("资金名称已被使用，请换一个。")


class FundForm(NewFundForm):
    class Meta:
        model = Fund
        fields = ["name", "is_active", "sort_order"]
