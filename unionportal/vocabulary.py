"""The words that differ between a school union and an enterprise union.

Templates use them as ``{{ vocab.congress }}``; code calls
``vocabulary_for(kind)``. This file is the only place that knows them.
``staff_in_sentence`` is the same word for use inside a sentence: Chinese has no
case, English wants "Staff" on a menu but "10 retired staff" in a report.

A label fixed on a model (a choice such as 校级, a field's name or help text) is ``by_kind(school, enterprise)``:
a lazy string that reads the union's kind from the profile read once per request (``UnionKindMiddleware``; the
templates' ``union`` is the same read) or document job (``union_kind_known``); outside both (migrations, the
shell) it is the school word, as the migrations hold it.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

SCHOOL = {
    "congress": _("教代会"),
    "congress_full": _("教职工代表大会"),
    "disclosure": _("校务公开"),
    "staff": _("教职工"),
    "staff_in_sentence": pgettext_lazy("inside a sentence", "教职工"),
    # the delegates a congress must be mostly made of (学校教职工代表大会规定: 教师代表不低于60%)
    "front_line": _("教师"),
    "front_line_delegates": _("教师代表"),
}

ENTERPRISE = {
    "congress": _("职代会"),
    "congress_full": _("职工代表大会"),
    "disclosure": _("厂务公开"),
    "staff": _("职工"),
    "staff_in_sentence": pgettext_lazy("inside a sentence", "职工"),
    "front_line": _("一线职工"),
    "front_line_delegates": _("一线职工代表"),
}

_BY_KIND = {"school": SCHOOL, "enterprise": ENTERPRISE}


def vocabulary_for(kind):
    return _BY_KIND[kind]


# a dict while a request or a job runs: the profile once read, the request, and what page_shell read with it
_known = ContextVar("union_profile", default=None)


@contextmanager
def union_kind_known(request=None):
    """Within this block the union's profile is read at most once (by the first label or template that needs it)."""
    token = _known.set({"request": request})
    try:
        yield
    finally:
        _known.reset(token)


def reads_of_this_request():
    """What the running request or job has read once (a dict), or None outside both."""
    return _known.get()


def forget_kind():
    """The profile was saved: the next label reads it again."""
    state = _known.get()
    if state is not None:
        state.pop("profile", None)


def union_profile():
    """The union's profile, read once per request or job."""
    from .models import UnionProfile

    state = _known.get()
    if state is None:
        return UnionProfile.load()
    if "profile" not in state:
        from .page_shell import read_with_profile

        read_with_profile(state)  # one query with the person asking's roles and notices, when she is known
    if "profile" not in state:
        state["profile"] = UnionProfile.load()
    return state["profile"]


def current_kind():
    return union_profile().kind if _known.get() is not None else "school"


def _word(school, enterprise):
    return str(enterprise if current_kind() == "enterprise" else school)


by_kind = lazy(_word, str)


class UnionKindMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with union_kind_known(request):
            return self.get_response(request)
