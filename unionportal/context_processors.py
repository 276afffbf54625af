from django.utils.functional import SimpleLazyObject

from .models import UnionProfile
from .navigation import menu_for


def portal(request):
    """The union's profile, its vocabulary and the menu, read only when a template asks."""
    profile = SimpleLazyObject(UnionProfile.load)
    vocab = SimpleLazyObject(lambda: profile.vocabulary)
    return {
        "union": profile,
        "vocab": vocab,
        "menu": SimpleLazyObject(lambda: menu_for(request, vocab)),
    }
