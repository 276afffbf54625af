"""The reads of the accounts pages."""

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Q

from members.models import Member

LOGIN_STATES = {
    "none": Q(user__isnull=True),
    "pending": Q(user__is_active=True, user__password__startswith=UNUSABLE_PASSWORD_PREFIX),
    "active": Q(user__is_active=True) & ~Q(user__password__startswith=UNUSABLE_PASSWORD_PREFIX),
    "closed": Q(user__is_active=False),
}


def with_login_state(members, state=""):
    """The roster rows with their logins; ``state`` keeps only those without one, waiting for activation,
    activated, or closed."""
    members = members.select_related("user")
    return members.filter(LOGIN_STATES[state]) if state in LOGIN_STATES else members


def member_with_login(pk):
    return Member.objects.select_related("user", "union_group", "department").get(pk=pk)
