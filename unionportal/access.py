"""View guards: anonymous users go to the login page, logged-in users without
the permission get the 403 page. Permissions themselves live in each app's rules.py."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def permission_required(permission):
    def decorator(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if request.user.has_perm(permission):
                return view(request, *args, **kwargs)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied

        return guarded

    return decorator


def check_object_permission(user, permission, obj):
    """For a view that has loaded its object: 403 unless the user may act on it."""
    if not user.has_perm(permission, obj):
        raise PermissionDenied
