"""The portal's roles and the predicates that test them.

A role is a Django group whose name is the role's code. Each app's
``rules.py`` grants its permissions to roles with these predicates, so the
answer to "who may do what" is always ``<app>/rules.py`` and nothing else.
"""

import rules
from django.db import models
from django.db.models import StringAgg, Value
from django.utils.translation import gettext_lazy as _

from . import page_shell
from .compiled import compiled_once

_SEPARATOR = "\x1f"  # between the names the page's shell reads joined; no group name holds it


class Role(models.TextChoices):
    CHAIR = "chair", _("主席")
    STAFF = "staff", _("委员")
    WELFARE = "welfare", _("帮扶专员")
    DELEGATE = "delegate", _("代表")
    HANDLER = "handler", _("承办人")
    MEMBER = "member", _("会员")
    AUDITOR = "auditor", _("经审")
    ACCOUNTANT = "accountant", _("财务")


def _groups_of(user_id):
    from django.contrib.auth.models import Group

    return Group.objects.filter(user=user_id)


@compiled_once
def _group_names(user_id):
    return _groups_of(user_id).values_list("name")


def _group_names_joined(user_id, _today):
    names = StringAgg("name", Value(_SEPARATOR))
    return _groups_of(user_id).order_by().values("user").annotate(names=names).values("names")


page_shell.per_user("roles", _group_names_joined, alone_in_writes=True)


def roles_of(user):
    """The set of role codes a user holds, read once per user object (with the page's shell for the one asking)."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_portal_roles"):
        joined = page_shell.value_for(user, "roles")
        if joined is page_shell.NOT_READ:
            user._portal_roles = frozenset(name for (name,) in _group_names(user.pk))
        else:
            user._portal_roles = frozenset(joined.split(_SEPARATOR)) if joined else frozenset()
    return user._portal_roles


def has_role(*roles):
    wanted = frozenset(roles)

    @rules.predicate(name="has_role(" + ",".join(wanted) + ")")
    def predicate(user):
        return bool(roles_of(user) & wanted)

    return predicate


is_chair = has_role(Role.CHAIR)
is_staff = has_role(Role.STAFF)
is_welfare_officer = has_role(Role.WELFARE)
is_delegate = has_role(Role.DELEGATE)
is_handler = has_role(Role.HANDLER)
is_member = has_role(Role.MEMBER)
is_auditor = has_role(Role.AUDITOR)
is_accountant = has_role(Role.ACCOUNTANT)
is_union_staff = has_role(Role.CHAIR, Role.STAFF)
is_logged_in = rules.is_authenticated
everyone = rules.always_allow


def users_with_role(*roles):
    """The active accounts holding any of ``roles``: whom to tell when it is the union's turn."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(groups__name__in=roles, is_active=True).distinct()


def is_only_chair(user):
    """Whether ``user`` is the union's one active chair, who may not leave before a successor is named."""
    if user is None:
        return False
    chairs = users_with_role(Role.CHAIR)
    return chairs.filter(pk=user.pk).exists() and not chairs.exclude(pk=user.pk).exists()
