"""Each app's rules.py is the one answer to "may this user …?", and this backend makes it the last one.

Django asks the backends in turn until one says yes. ModelBackend stays in AUTHENTICATION_BACKENDS for passwords
and for the sessions that name it, but asked for a permission it reads the user's and their groups' model
permissions: two queries on every page, for tables the portal never fills, and a second way in (a permission
ticked in the admin) beside rules.py. Refusing here what the rules refuse ends the search before it.
"""

from django.core.exceptions import PermissionDenied
from rules.permissions import ObjectPermissionBackend


class RulesOnlyBackend(ObjectPermissionBackend):
    def has_perm(self, user, perm, *args, **kwargs):
        if super().has_perm(user, perm, *args, **kwargs):
            return True
        raise PermissionDenied

    def has_module_perms(self, user, app_label):
        if super().has_module_perms(user, app_label):
            return True
        raise PermissionDenied
