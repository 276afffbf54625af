"""Each app's rules.py is the one answer to "may this user …?", and this backend makes it the last one. It also
checks passwords and loads the signed-in user of every request.

Django asks the backends in turn until one says yes. Asked for a permission, ModelBackend reads the user's and their
groups' model permissions: two queries on every page, for tables the portal never fills, and a second way in (a
permission ticked in the admin) beside rules.py. Refusing here what the rules refuse ends the search before it.

Passwords are ModelBackend's check; a refused one ends the search too, or ModelBackend, listed after this backend
only for the sessions opened before this one logged people in (they last SESSION_COOKIE_AGE), would hash the wrong
password a second time. A login through this backend names it in the session, so each request loads the user with
her member record (the name in every page's header) in one query. (Her roles come in the next, with the union's
profile and her unread notices: page_shell.)
"""

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db import connection
from rules.permissions import has_perm, permissions

from members.models import Member

from .compiled import compiled_row

PATH = "unionportal.permission_backend.RulesOnlyBackend"  # for login(request, user, backend=PATH)


class RulesOnlyBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            raise PermissionDenied
        return user

    def get_user(self, user_id):
        user = user_with_member(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

    def has_perm(self, user, perm, obj=None):
        if has_perm(perm, user, obj):
            return True
        raise PermissionDenied

    def has_module_perms(self, user, app_label):
        if has_perm(app_label, user):
            return True
        raise PermissionDenied


@functools.cache
def _columns(model):
    return tuple(field.attname for field in model._meta.concrete_fields)


def _user_and_member(user_id):
    users = get_user_model()._default_manager.filter(pk=user_id)
    return users.values_list(*_columns(users.model), *(f"member__{name}" for name in _columns(Member)))


_user_row = compiled_row(_user_and_member)


def user_with_member(user_id):
    """The user with her member record, as ``select_related("member")`` reads them (None if she has no row), through
    SQL built once per process: building it was three quarters of the 0.75 ms of CPU the read took on each request."""
    row = _user_row(user_id)
    if row is None:
        return None
    users = get_user_model()
    user_columns = _columns(users)
    user = users.from_db(connection.alias, user_columns, row[: len(user_columns)])
    member_row = row[len(user_columns) :]
    member = Member.from_db(connection.alias, _columns(Member), member_row) if member_row[0] is not None else None
    users.member.related.set_cached_value(user, member)
    if member is not None:
        Member.user.field.set_cached_value(member, user)
    return user


def permission_test(user):
    """``user.has_perm`` for permissions asked in a row without an object (the menu's 45): the same answer, this
    backend's (the ones before it answer no permission), without Django loading every backend again for each,
    and each rule tested once however many permissions it grants (the menu's 45 share 23)."""
    if user.is_active and user.is_superuser:
        return lambda permission: True
    # request.user is a lazy object, which every rule would read through, attribute by attribute; it is loaded by now
    user = getattr(user, "_wrapped", user)
    answers = {}

    def may(permission):
        rule = permissions.get(permission)
        if rule is None:
            return False
        if rule not in answers:
            answers[rule] = rule.test(user)
        return answers[rule]

    return may
