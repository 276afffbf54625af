"""Logging in: who is asking (behind our proxy), how often they may guess, and how long a session idles.

django-axes locks one username from one address after five wrong passwords. Two gaps it leaves are
closed here: the address must be the person's, not the proxy's (otherwise anyone behind the same proxy
can lock anybody out), and one address guessing one password across many accounts (spraying) never
trips a per-username lock, so the address as a whole is throttled too.
"""

import datetime
import ipaddress
import time

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_logged_in
from django.core.validators import MaxLengthValidator
from django.db.models import Sum
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LAST_SEEN = "last_seen"
LAST_SEEN_GRANULARITY = 60  # seconds: the session is written at most once a minute, not on every page


def client_ip(request) -> str:
    """The person's address: with N trusted proxies in front, the Nth address from the right of
    X-Forwarded-For (each proxy appends the address it saw); anything else in the header is forgeable."""
    address = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if count and len(forwarded) >= count:
        candidate = forwarded[-count]
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            pass
    return address


def address_failures(address: str) -> int:
    since = timezone.now() - datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    attempts = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("用户名或密码不对，请重新输入（密码区分大小写）。"),
        "inactive": _("这个账号已停用，请联系工会办公室。"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # AuthenticationForm sets max_length after the field is built, so nothing enforces it: a longer
        # name would reach the lockout table (255 characters) and make the database refuse it.
        username = self.fields["username"]
        username.validators.append(
            MaxLengthValidator(username.max_length, message=_("用户名不能超过%(limit_value)d个字符。"))
        )


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if address_failures(client_ip(request)) >= settings.LOGIN_FAILURES_PER_ADDRESS:
            return render(request, settings.AXES_LOCKOUT_TEMPLATE, status=429)
        return super().post(request, *args, **kwargs)


@receiver(user_logged_in)
def stamp_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = int(time.time())


class IdleSessionMiddleware:
    """Ends a session left idle longer than SESSION_IDLE_TIMEOUT (a shared staff-room computer)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN, now)
            if now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
            elif now - last_seen >= LAST_SEEN_GRANULARITY or LAST_SEEN not in request.session:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
