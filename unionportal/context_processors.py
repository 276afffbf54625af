import functools

from django.utils.functional import SimpleLazyObject

from .navigation import menu_for
from .vocabulary import union_profile


def _unread_count(request):
    from .notices import unread_count

    user = getattr(request, "user", None)
    return unread_count(user) if user is not None and user.is_authenticated else 0


def portal(request):
    """The union's profile, its vocabulary and the menu, read only when a template asks."""
    profile = SimpleLazyObject(union_profile)
    if getattr(request, "user", None) is not None:
        request.user._portal_profile = profile  # the menu's rules that read the profile share this one read
    vocab = SimpleLazyObject(lambda: profile.vocabulary)
    return {
        "union": profile,
        "vocab": vocab,
        "menu": SimpleLazyObject(lambda: menu_for(request, profile.kind)),
        # a callable: the template asks once, and only when the header is drawn
        "unread_notices": functools.cache(lambda: _unread_count(request)),
    }
