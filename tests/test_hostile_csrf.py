"""Every URL of the portal refuses a POST without a CSRF token: the URLconf is enumerated, so a new
page (or a view someone marks csrf_exempt) is checked without anyone adding it here."""

import re
import uuid

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve

SAMPLE_VALUE = {"int": "1", "uuid": str(uuid.UUID(int=1)), "slug": "approve", "str": "approve", "path": "x"}
# Django admin's regex routes whose groups "1" does not satisfy; other groups become "1".
REGEX_SAMPLES = {r"^(?P<app_label>auth|axes)/$": "auth/", r"(?P<url>.*)$": "no-such-admin-page/"}
EXEMPT = set()  # no view of the portal is csrf_exempt; list one here only with a reason


def _concrete(pattern):
    text = str(pattern)
    if type(pattern).__name__ == "RegexPattern":
        return REGEX_SAMPLES.get(text) or re.sub(r"\([^)]*\)", "1", text.strip("^$"))
    return re.sub(r"<(?:(\w+):)?\w+>", lambda match: SAMPLE_VALUE[match.group(1) or "str"], text)


def every_url(patterns=None, prefix="/"):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from every_url(pattern.url_patterns, prefix + _concrete(pattern.pattern))
        else:
            yield prefix + _concrete(pattern.pattern), pattern.callback


URLS = sorted({url for url, _view in every_url()})


def test_the_enumeration_reaches_every_app():
    assert len(URLS) > 150
    for start in ("/members/", "/congress/", "/disclosure/", "/welfare/", "/activities/", "/documents/", "/admin/"):
        assert any(url.startswith(start) for url in URLS), start


def test_every_enumerated_url_resolves_so_the_csrf_check_runs():
    for url in URLS:
        resolve(url)


def test_no_view_is_csrf_exempt():
    assert {url for url, view in every_url() if getattr(view, "csrf_exempt", False)} == EXEMPT


@pytest.fixture
def chair(make_user):
    return make_user("chair", ["chair"])


@pytest.mark.parametrize("url", URLS)
def test_post_without_a_csrf_token_is_refused(url, chair):
    client = Client(enforce_csrf_checks=True)
    client.force_login(chair)
    response = client.post(url, {"title": "伪造", "name": "伪造"})
    assert response.status_code == 403
    assert "页面已失效" in response.content.decode()


def test_a_post_with_the_token_gets_past_the_check(users):
    """The refusals above come from the missing token, not from something else that answers 403."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["chair"])
    token = client.get("/profile/").context["csrf_token"]
    response = client.post("/profile/", {"name": "工会", "kind": "school", "csrfmiddlewaretoken": str(token)})
    assert response.status_code == 302
