from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from members.forms import RosterFilterForm
from members.models import Department, Member

from .assignments import ASSIGNABLE_ROLES
from .logins import LoginSource


class AccountFilterForm(RosterFilterForm):
    login = forms.ChoiceField(
        label=_("账号"),
        choices=[
            ("", _("全部账号状态")),
            ("none", _("无账号")),
            ("pending", _("待激活")),
            ("active", _("已激活")),
            ("closed", _("已停用")),
        ],
        required=False,
    )

    def filters(self):
        filters = super().filters()
        filters.pop("login", None)
        return filters


class OpenLoginsForm(forms.Form):
    source = forms.ChoiceField(label=_("登录名"), choices=LoginSource.CHOICES, initial=LoginSource.PINYIN)


class SetPasswordWithCodeForm(forms.Form):
    login = forms.CharField(label=_("登录名"), max_length=150, error_messages={"required": _("请填写登录名。")})
    code = forms.CharField(label=_("验证码"), max_length=20, error_messages={"required": _("请填写通知单上的验证码。")})
    password = forms.CharField(
        label=_("新密码"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
        max_length=128,
        error_messages={"required": _("请设置新密码。")},
        help_text=_("至少 8 位，不能全是数字，不能与登录名、姓名相近，不能是常见密码。"),
    )
    password_again = forms.CharField(
        label=_("再次输入新密码"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
        max_length=128,
        error_messages={"required": _("请再次输入新密码。")},
    )

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password_again") and data["password"] != data["password_again"]:
            self.add_error("password_again", _("两次输入的新密码不一致。"))
        return data


class ChangePasswordForm(PasswordChangeForm):
    """修改密码 in the portal's words: the policy's refusals are ours already (accounts.passwords); these are the
    form's own, which Django words "输入的两个密码不一致" and "你的旧密码不正确"."""

    error_messages = {
        "password_mismatch": _("两次输入的新密码不一致。"),
        "password_incorrect": _("原密码不正确，请重新输入。"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("原密码")
        self.fields["new_password1"].label = _("新密码")
        self.fields["new_password2"].label = _("再次输入新密码")
        self.fields["new_password2"].help_text = _("与上面的新密码相同，以免输错。")


class EmailResetForm(forms.Form):
    email = forms.EmailField(
        label=_("电子邮箱"),
        max_length=254,
        error_messages={"required": _("请填写电子邮箱。"), "invalid": _("电子邮箱格式不正确。")},
    )


class LinkLoginForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("登录账号"),
        queryset=User.objects.filter(member__isnull=True).order_by("username"),
        error_messages={"required": _("请选择登录账号。"), "invalid_choice": _("该账号不存在或已关联人员。")},
    )
    member = forms.ModelChoiceField(
        label=_("名册中的人员"),
        queryset=Member.objects.filter(user__isnull=True, status=Member.Status.ACTIVE),
        error_messages={"required": _("请选择人员。"), "invalid_choice": _("该人员不存在、不在职或已有账号。")},
    )


class AssignRoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("角色"),
        choices=[(role.value, role.label) for role in ASSIGNABLE_ROLES],
        error_messages={"required": _("请选择角色。"), "invalid_choice": _("该角色不能在这里任命。")},
    )
    member = forms.ModelChoiceField(
        label=_("人员"),
        queryset=Member.objects.filter(user__isnull=False),
        error_messages={"required": _("请选择人员。"), "invalid_choice": _("该人员不存在或还没有登录账号。")},
        help_text=_("只能任命已开通账号的人员"),
    )
    department = forms.ModelChoiceField(
        label=_("承办部门"),
        queryset=Department.objects.all(),
        required=False,
        error_messages={"invalid_choice": _("该部门不存在。")},
        help_text=_("任命承办人时必填"),
    )
    reason = forms.CharField(
        label=_("任命理由"), max_length=200, error_messages={"required": _("请填写任命理由，例如会议决定。")}
    )


class WithdrawRoleForm(forms.Form):
    reason = forms.CharField(label=_("撤销理由"), max_length=200, error_messages={"required": _("请填写撤销理由。")})
