from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unionportal.forms import PlainSelect, PlainTextInput

from .models import DuesSettings, Member, MembershipEvent, UnionGroup
from .pickers import PersonField
from .selectors import current_group_names
from .validators import PHONE_VALIDATOR, birth_date_from_id, gender_from_id

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MembershipEventForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("事项"),
        choices=[(kind, label) for kind, label in MembershipEvent.Kind.choices if kind in MembershipEvent.ALLOWED_FROM],
    )
    occurred_on = forms.DateField(label=_("日期"), widget=DATE_WIDGET, initial=timezone.localdate)
    other_union = forms.CharField(
        label=_("转入来源/转出去向工会"), required=False, max_length=100, help_text=_("转入、转出时必填（会籍转移）")
    )
    to_group = forms.ModelChoiceField(label=_("新小组"), queryset=UnionGroup.objects.current(), required=False)
    card_number = forms.CharField(label=_("会员证号"), required=False, max_length=30)
    note = forms.CharField(label=_("备注"), required=False, max_length=200)

    def service_arguments(self):
        """The keyword arguments the chosen service takes, from the cleaned form."""
        data = self.cleaned_data
        kind = data["kind"]
        arguments = {"on": data["occurred_on"], "note": data["note"]}
        if kind in (MembershipEvent.Kind.JOIN, MembershipEvent.Kind.REJOIN):
            arguments["card_number"] = data["card_number"]
        if kind == MembershipEvent.Kind.TRANSFER_IN:
            arguments.update(from_union=data["other_union"], union_group=data["to_group"])
        if kind == MembershipEvent.Kind.TRANSFER_OUT:
            arguments["to_union"] = data["other_union"]
        if kind == MembershipEvent.Kind.GROUP_MOVE:
            arguments["to_group"] = data["to_group"]
        return arguments


class GroupNameChoices(forms.models.ModelChoiceIterator):
    """The current groups as (id, name) pairs from one plain query (selectors.current_group_names; the field's
    queryset, the same groups, still checks the choice): a ModelChoiceIterator builds a model instance per group,
    read through a server-side cursor (three more round trips on PostgreSQL), to print its id and name."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from current_group_names()


class GroupChoiceField(forms.ModelChoiceField):
    iterator = GroupNameChoices


class RosterFilterForm(forms.Form):
    """The roster's GET filters; cleaned_data goes straight to selectors.roster."""

    search = forms.CharField(label=_("搜索"), required=False, widget=PlainTextInput)
    union_group = GroupChoiceField(
        label=_("工会小组"),
        queryset=UnionGroup.objects.current(),
        required=False,
        widget=PlainSelect,
        empty_label=_("全部小组"),
        error_messages={"invalid_choice": _("所选工会小组不存在或已撤销。")},
    )
    status = forms.ChoiceField(
        label=_("人员状态"), choices=[("", _("全部状态")), *Member.Status.choices], required=False, widget=PlainSelect
    )
    employment_type = forms.ChoiceField(
        label=_("用工性质"),
        choices=[("", _("全部用工性质")), *Member.EmploymentType.choices],
        required=False,
        widget=PlainSelect,
    )
    membership = forms.ChoiceField(
        label=_("会员"),
        choices=[("", _("会员与非会员")), ("yes", _("会员")), ("no", _("非会员"))],
        required=False,
        widget=PlainSelect,
    )
    gender = forms.ChoiceField(
        label=_("性别"), choices=[("", _("全部性别")), *Member.Gender.choices], required=False, widget=PlainSelect
    )
    age_band = forms.ChoiceField(
        label=_("年龄段"),
        choices=[
            ("", _("全部年龄")),
            ("under35", _("35岁以下")),
            ("35-44", _("35–44岁")),
            ("45-54", _("45–54岁")),
            ("55plus", _("55岁及以上")),
        ],
        required=False,
        widget=PlainSelect,
    )
    sort = forms.ChoiceField(
        label=_("排序"),
        choices=[
            ("name", _("按姓名拼音")),
            ("group", _("按小组")),
            ("birth", _("按年龄（从大到小）")),
            ("-birth", _("按年龄（从小到大）")),
            ("hire", _("按参加工作日期")),
            ("joined", _("按入会日期")),
        ],
        required=False,
        widget=PlainSelect,
    )

    def __init__(self, data=None, **kwargs):
        data = data.copy() if data is not None else None
        if data is not None and "q" in data and "search" not in data:
            data["search"] = data["q"]  # the old ?q= links keep working
        super().__init__(data, **kwargs)
        for name, field in self.fields.items():
            css = "form-control" if name == "search" else "form-select"
            field.widget.attrs.update(
                {"class": css + " form-select-sm" * (css == "form-select"), "aria-label": field.label}
            )
        self.fields["search"].widget.attrs["placeholder"] = _("姓名、拼音首字母、手机尾号或工号")

    def filters(self):
        if not self.is_valid():
            return {}
        data = dict(self.cleaned_data)
        data["search"] = data["search"].strip()
        return data


class BlindTextInput(forms.TextInput):
    """A text input that never writes the stored value into the page (as a password field does). With
    ``render_value`` (a bound form: its value is what the user just typed, never the stored one) the typed
    value comes back, so that a form refused for another field loses nothing."""

    def __init__(self, attrs=None, render_value=False):
        super().__init__(attrs)
        self.render_value = render_value

    def format_value(self, value):
        return super().format_value(value) if self.render_value else None


class MemberForm(forms.ModelForm):
    """Staff create and edit a roster entry. Status and membership change only through life events."""

    class Meta:
        model = Member
        fields = [
            "name",
            "job_number",
            "gender",
            "birth_date",
            "id_number",
            "phone",
            "department",
            "union_group",
            "employment_type",
            "title",
            "post",
            "hire_date",
            "card_number",
            "ethnicity",
            "political_status",
            "education",
            "notes",
        ]
        widgets = {"birth_date": DATE_WIDGET, "hire_date": DATE_WIDGET, "notes": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "name": {"required": _("请填写姓名。")},
            "gender": {"required": _("请选择性别。")},
            "id_number": {"unique": _("该身份证号已在名册中，请勿重复录入。")},
        }
        help_texts = {
            "job_number": _("单位的工号（职工号），可不填；填写时本会内不能重复，可用作登录名。"),
            "id_number": _("18位，系统会核对校验位；性别、出生日期留空时按身份证号填入。"),
        }

    def __init__(self, *args, show_id_number=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].validators.append(PHONE_VALIDATOR)
        self.fields["gender"].required = False
        # a former member keeps the group they left, even if it has been dissolved since
        self.fields["union_group"].queryset = UnionGroup.objects.filter(
            Q(dissolved_on__isnull=True) | Q(pk=self.instance.union_group_id)
        )
        self.keeps_hidden_id_number = not show_id_number
        if self.keeps_hidden_id_number:
            # Only the chair receives a full ID number: the field never carries one back to anyone else,
            # shows the stored number masked, and an empty field keeps it.
            field = self.fields["id_number"]
            field.widget = BlindTextInput(render_value=self.is_bound)
            if self.instance.id_number:
                field.widget.attrs["placeholder"] = self.instance.masked_id_number
                field.help_text = _("已录入%(masked)s；留空则保留原号码，填写则替换。") % {
                    "masked": self.instance.masked_id_number
                }

    def clean_id_number(self):
        number = (self.cleaned_data.get("id_number") or "").strip().upper() or None
        if number is None and self.keeps_hidden_id_number:
            return self.instance.id_number
        return number

    def clean(self):
        """Gender and birth date left blank are read from the ID number; contradictions the model refuses."""
        data = super().clean()
        number = data.get("id_number")
        if number and not self.errors.get("id_number"):
            data["gender"] = data.get("gender") or gender_from_id(number) or ""
            data["birth_date"] = data.get("birth_date") or birth_date_from_id(number)
        if not data.get("gender"):
            self.add_error("gender", _("请选择性别，或填写身份证号自动识别。"))
        twin = (
            Member.objects.filter(name=data.get("name", "").strip(), phone=data.get("phone") or "-")
            .exclude(pk=self.instance.pk)
            .select_related("department")
            .first()
        )
        if twin:
            self.add_error(
                None,
                _("名册中已有%(name)s（%(department)s，手机号%(phone)s），请勿重复录入；如是同一人请编辑原记录。")
                % {"name": twin.name, "department": twin.department or _("未分部门"), "phone": twin.phone},
            )
        return data


class ContactForm(forms.Form):
    """Member self-service: the contact details a member keeps up to date themselves."""

    phone = forms.CharField(
        label=_("手机号"), max_length=20, validators=[PHONE_VALIDATOR], error_messages={"required": _("请填写手机号。")}
    )
    email = forms.EmailField(
        label=_("电子邮箱"), required=False, error_messages={"invalid": _("请填写有效的电子邮箱地址。")}
    )


MONTH_WIDGET = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


class MonthField(forms.DateField):
    """A month as YYYY-MM (the browser's month input), cleaned to the first of the month."""

    widget = MONTH_WIDGET
    input_formats = ["%Y-%m", "%Y-%m-%d"]


class PercentField(forms.DecimalField):
    """A share kept as a fraction (0.0050) and shown and typed as a percentage (0.5 for 0.5%)."""

    def __init__(self, **kwargs):
        super().__init__(max_digits=6, decimal_places=2, **kwargs)

    def prepare_value(self, value):
        if value in (None, "") or not isinstance(value, Decimal | int | float):
            return value
        return format((Decimal(value) * 100).normalize(), "f")  # 60, not 6E+1

    def clean(self, value):
        percent = super().clean(value)  # checked as typed: at most two decimals of a percent
        return None if percent is None else percent / 100


class DuesSettingsForm(forms.ModelForm):
    rate = PercentField(label=_("会费比例（%）"), help_text=_("按月工资基数计，一般为0.5"))
    hand_up_share = PercentField(
        label=_("本年度上缴比例（%）"),
        help_text=_("实收会费中上缴上级工会的比例；基层工会会费全部留用时填0。只改本年度，往年按各自年度的设置"),
    )

    class Meta:
        model = DuesSettings
        fields = ["rate"]


class PayDuesForm(forms.Form):
    amount = forms.DecimalField(
        label=_("缴纳金额（元）"), max_digits=10, decimal_places=2, min_value=0, required=False,
        help_text=_("留空即缴清欠缴部分"),
    )  # fmt: skip
    on = forms.DateField(label=_("缴纳日期"), widget=DATE_WIDGET, initial=timezone.localdate)


class CorrectDuesForm(forms.Form):
    paid = forms.DecimalField(label=_("实缴（元）"), max_digits=10, decimal_places=2, min_value=0)
    paid_on = forms.DateField(label=_("缴纳日期"), widget=DATE_WIDGET, required=False)
    reason = forms.CharField(label=_("更正原因"), max_length=200)


class GroupPaidForm(forms.Form):
    union_group = forms.ModelChoiceField(label=_("工会小组"), queryset=UnionGroup.objects.current())
    members = forms.ModelMultipleChoiceField(
        queryset=Member.objects.all(),
        widget=forms.MultipleHiddenInput,  # ticked in the ledger's rows
        error_messages={"required": _("请在台账中勾选已缴的会员。")},
    )
    month = MonthField(label=_("月份"))
    on = forms.DateField(label=_("缴纳日期"), widget=DATE_WIDGET, initial=timezone.localdate)


class WageBaseForm(forms.Form):
    member = PersonField(label=_("会员"), scope="union_members")
    month = MonthField(label=_("月份"))
    wage_base = forms.DecimalField(label=_("工资基数（元）"), max_digits=10, decimal_places=2, min_value=0)


class TransferLetterForm(forms.Form):
    destination = forms.CharField(
        label=_("转往单位工会"),
        max_length=100,
        help_text=_("接收该会员组织关系的工会全称，如“某某区教育工会”。"),
        error_messages={"required": _("请填写转往单位工会。")},
    )
    date = forms.DateField(label=_("开具日期"), widget=DATE_WIDGET, initial=timezone.localdate)

    def clean_destination(self):
        return self.cleaned_data["destination"].strip()
