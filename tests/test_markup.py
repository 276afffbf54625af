"""Markup the Nu HTML checker accepts: htmx attributes in their data-hx-* form (a bare hx-get is not HTML)."""

import re
from pathlib import Path

import lxml.html
from django.conf import settings

BARE_HTMX = re.compile(r"(?<![\w-])hx-[a-z]+=")


def test_no_template_uses_a_bare_htmx_attribute():
    templates = [path for path in Path(settings.BASE_DIR).rglob("templates/**/*.html") if ".venv" not in path.parts]
    offenders = [f"{path}: {match}" for path in templates for match in BARE_HTMX.findall(path.read_text())]
    assert templates and offenders == []


def repeated_ids(response):
    """The ids an HTML page gives two elements: they break label[for] and the checker (the dues page had
    id_month twice). tests/test_access.py reads the first answer of each page of the URL × role table."""
    if not response["Content-Type"].startswith("text/html"):
        return []
    ids = lxml.html.fromstring(response.content).xpath("//@id")
    return sorted({value for value in ids if ids.count(value) > 1})
