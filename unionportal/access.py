"""View guards: anonymous users go to the login page, logged-in users without
the permission get the 403 page. Permissions themselves live in each app's rules.py."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render


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


def member_record_required(view):
    """For a page about the user's own person on the roster: a login with none behind it (a fresh superuser,
    the IT administrator) is told so and offered to link one, instead of meeting an error. Visitors pass
    through to the permission check, which sends them to the login page."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if request.user.is_authenticated and not hasattr(request.user, "member"):
            return no_member_record(request)
        return view(request, *args, **kwargs)

    return guarded


def no_member_record(request):
    return render(request, "no_member_record.html")
