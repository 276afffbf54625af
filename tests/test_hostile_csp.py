"""Every page carries a Content Security Policy that forbids inline script, and no page relies on
inline script (which the policy would block): no <script> without src, no on…= handler attributes,
no javascript: links. The pages are the rows of the URL × role table, each seen by a role that may open it."""

import re

import pytest

from .access_table import ACCESS

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
HANDLER_ATTRIBUTE = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)

OPENABLE = [row for row in ACCESS if row.ok]


def directives(policy):
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part}


@pytest.mark.parametrize(
    "row", OPENABLE, ids=lambda row: str(row.url if isinstance(row.url, str) else row.url.__qualname__)
)
def test_page_forbids_and_needs_no_inline_script(row, users, client_as):
    role = sorted(row.ok)[0]
    response = client_as(role).get(row.path(users))
    policy = directives(response.headers["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    if response.status_code != 200 or "html" not in response.headers["Content-Type"]:
        return
    html = response.content.decode()
    assert not INLINE_SCRIPT.findall(html)
    assert not HANDLER_ATTRIBUTE.findall(html)
    assert not JAVASCRIPT_URL.findall(html)
