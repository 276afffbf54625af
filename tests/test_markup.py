"""Markup the Nu HTML checker accepts: htmx attributes in their data-hx-* form (a bare hx-get is not HTML)."""

import re
from pathlib import Path

from django.conf import settings

BARE_HTMX = re.compile(r"(?<![\w-])hx-[a-z]+=")


def test_no_template_uses_a_bare_htmx_attribute():
    templates = [path for path in Path(settings.BASE_DIR).rglob("templates/**/*.html") if ".venv" not in path.parts]
    offenders = [f"{path}: {match}" for path in templates for match in BARE_HTMX.findall(path.read_text())]
    assert templates and offenders == []
