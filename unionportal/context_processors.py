import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_info

from .navigation import menu_for
from .vocabulary import union_profile

HEADER_PAGES = ("home", "notices", "password_change", "logout", "login", "set_language")


def _unread_count(request):
    from .notices import unread_count

    user = getattr(request, "user", None)
    return unread_count(user) if user is not None and user.is_authenticated else 0


@functools.cache
def _header(language, urlconf, script_prefix):
    """The header's addresses and the languages it offers to switch to: the same for every request in one
    language, so looked up once per process."""
    return {
        "urls": {name: reverse(name) for name in HEADER_PAGES},
        "other_languages": [
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES if code != language
        ],
    }


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
        "header": _header(get_language(), get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()),
    }
