"""The union's password policy (AUTH_PASSWORD_VALIDATORS): Django's four checks, each refusing in plain Chinese
that says what is wrong with the password ("密码太短，至少需要8个字符"), where Django's own say "此密码太短" or
"密码跟 用户名 太相似了". Every place a password is chosen reads them: activation with a code, the change-password
page, the first administrator and the admin's "set password"."""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return _("密码太短，至少需要%(min_length)d个字符。") % {"min_length": self.min_length}

    def get_help_text(self):
        return _("密码至少需要%(min_length)d个字符。") % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    """Names what the password is like in the portal's words: the login's ``first_name`` is the member's name
    (姓名) and its ``username`` the 登录名 on the activation slip."""

    ATTRIBUTE_NAMES = {
        "username": gettext_lazy("登录名"),
        "first_name": gettext_lazy("姓名"),
        "last_name": gettext_lazy("姓名"),
        "email": gettext_lazy("电子邮箱"),
    }

    def validate(self, password, user=None):
        # Django's check, one attribute at a time: its error carries the model field's verbose name ("用户名"),
        # not which attribute matched
        for attribute in self.user_attributes:
            one = password_validation.UserAttributeSimilarityValidator((attribute,), self.max_similarity)
            try:
                one.validate(password, user)
            except ValidationError:
                raise ValidationError(
                    self.get_error_message(),
                    code="password_too_similar",
                    params={"verbose_name": self.ATTRIBUTE_NAMES.get(attribute, attribute)},
                ) from None

    def get_error_message(self):
        return _("密码与%(verbose_name)s太相似，容易被猜到，请换一个。")

    def get_help_text(self):
        return _("密码不能与姓名、登录名或电子邮箱相似。")


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self):
        return _("密码过于常见，容易被猜到，请换一个。")

    def get_help_text(self):
        return _("密码不能是常见密码（如 password、12345678）。")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self):
        return _("密码不能全是数字，请加入字母或符号。")

    def get_help_text(self):
        return _("密码不能全是数字。")
