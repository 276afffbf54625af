from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from unionportal.login import LoginForm


class PortalAuthenticationForm(LoginForm):
    """The login form, which tells a person whose login was closed (调出, 退休, 去世) why they cannot log in,
    once they have typed the right password, instead of "wrong password"."""

    closed_message = _("该账号已停用（人员已调出、退休或去世）。如仍在职，请联系工会委员重新启用。")

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            username, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
            closed = User.objects.filter(username=username, is_active=False).first() if username else None
            if closed is not None and password and closed.check_password(password):
                raise ValidationError(self.closed_message, code="inactive") from None
            raise
