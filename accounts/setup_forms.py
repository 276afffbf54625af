from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Member
from unionportal.models import UnionKind


class AdministratorForm(forms.Form):
    username = forms.CharField(
        label=_("管理员登录名"), max_length=150, initial="admin", error_messages={"required": _("请填写管理员登录名。")}
    )
    password = forms.CharField(
        label=_("密码"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("请设置密码。")},
        help_text=_("至少 8 位，不能全是数字，不能是常见密码。"),
    )
    password_again = forms.CharField(
        label=_("再次输入密码"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("请再次输入密码。")},
    )

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password_again") and data["password"] != data["password_again"]:
            self.add_error("password_again", _("两次输入的密码不一致。"))
        return data


class UnionForm(forms.Form):
    name = forms.CharField(
        label=_("工会名称"), max_length=100, error_messages={"required": _("请填写工会名称。")},
        help_text=_("例如：青山市实验中学工会委员会"),
    )  # fmt: skip
    kind = forms.ChoiceField(
        label=_("单位类型"),
        choices=UnionKind.choices,
        widget=forms.RadioSelect,
        initial=UnionKind.SCHOOL,
        help_text=_("学校用“教代会、校务公开”及17类公开内容；企业用“职代会、厂务公开”及7类公开内容"),
        error_messages={"required": _("请选择单位类型。")},
    )
    unit_name = forms.CharField(label=_("所在单位"), max_length=100, required=False)
    upper_union = forms.CharField(
        label=_("上级工会"), max_length=100, error_messages={"required": _("请填写上级工会。")}
    )
    dues_rate = forms.DecimalField(
        label=_("本年度会费比例"),
        max_digits=6,
        decimal_places=4,
        min_value=Decimal("0"),
        max_value=Decimal("0.05"),
        initial=Decimal("0.0050"),
        help_text=_("按月工资基数计，0.0050 即 0.5%"),
        error_messages={
            "required": _("请填写会费比例。"),
            "invalid": _("会费比例须是小数，如 0.0050。"),
            "max_value": _("会费比例不能超过 0.05（5%）。"),
            "min_value": _("会费比例不能为负数。"),
        },
    )
    hand_up_share = forms.DecimalField(
        label=_("上缴比例"),
        max_digits=5,
        decimal_places=4,
        min_value=Decimal("0"),
        max_value=Decimal("1"),
        initial=Decimal("0"),
        help_text=_("本年度实收会费中上缴上级工会的比例；基层工会会费全部留用，默认 0，上级另有规定时填写"),
        error_messages={
            "required": _("请填写上缴比例，不上缴填 0。"),
            "invalid": _("上缴比例须是小数，如 0.4000。"),
            "max_value": _("上缴比例不能超过 1（100%）。"),
            "min_value": _("上缴比例不能为负数。"),
        },
    )


class ChairForm(forms.Form):
    name = forms.CharField(label=_("主席姓名"), max_length=30, error_messages={"required": _("请填写主席姓名。")})
    gender = forms.ChoiceField(
        label=_("性别"), choices=Member.Gender.choices, error_messages={"required": _("请选择主席的性别。")}
    )
    phone = forms.CharField(label=_("手机号"), max_length=20, required=False)
    use_own_login = forms.BooleanField(
        label=_("我（当前管理员）就是主席本人"),
        required=False,
        help_text=_("勾选则把当前登录账号关联为主席；不勾选则为主席另开账号，并给出激活码"),
    )


class OrgForm(forms.Form):
    lines = forms.CharField(
        label=_("工会小组"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "placeholder": "语文组\n数学组\n初中部分会/英语组"}),
        help_text=_("每行一个小组；有分会的写成“分会/小组”。"),
    )
    roster = forms.FileField(
        label=_("或从名册文件建组"),
        required=False,
        help_text=_(
            "上传按名册导入模板填好的 Excel，按其中的“工会小组”“部门”两列建组和部门；人员随后在“名册导入”中导入。"
        ),
    )
