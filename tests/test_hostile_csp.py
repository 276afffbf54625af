"""Every page carries a Content Security Policy that forbids inline script, and no page relies on
inline script (which the policy would block): no <script> without src, no on…= handler attributes,
no javascript: links. tests/test_access.py reads every answer of the URL × role table with ``policy_faults``."""

import re

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
HANDLER_ATTRIBUTE = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)
INLINE = (INLINE_SCRIPT, HANDLER_ATTRIBUTE, JAVASCRIPT_URL)


def directives(policy):
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part}


def policy_faults(response):
    """What in a response's policy lets inline script, plugins or framing in, and the inline script of an HTML
    page that the policy would block."""
    policy = directives(response.headers["Content-Security-Policy"])
    faults = [
        f"{name} {' '.join(policy.get(name, []))}"
        for name, value in (("script-src", ["'self'"]), ("object-src", ["'none'"]), ("frame-ancestors", ["'none'"]))
        if policy.get(name) != value
    ]
    if response.status_code == 200 and "html" in response.headers["Content-Type"]:
        html = response.content.decode()
        faults += [found for pattern in INLINE for found in pattern.findall(html)]
    return faults
