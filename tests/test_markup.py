"""Markup the Nu HTML checker accepts: htmx attributes in their data-hx-* form (a bare hx-get is not HTML)."""

import re
from pathlib import Path

import lxml.html
import pytest
from django.conf import settings

from .access_table import ACCESS, ANON, EVERY_ROLE

BARE_HTMX = re.compile(r"(?<![\w-])hx-[a-z]+=")


def test_no_template_uses_a_bare_htmx_attribute():
    templates = [path for path in Path(settings.BASE_DIR).rglob("templates/**/*.html") if ".venv" not in path.parts]
    offenders = [f"{path}: {match}" for path in templates for match in BARE_HTMX.findall(path.read_text())]
    assert templates and offenders == []


def _id(row):
    return str(row.url if isinstance(row.url, str) else row.url.__qualname__)


def _first_role(row):
    return next((role for role in EVERY_ROLE if row.status_for(role) == 200), None)


@pytest.mark.django_db
@pytest.mark.parametrize("row", [row for row in ACCESS if _first_role(row)], ids=_id)
def test_no_page_repeats_an_id(row, users, client):
    """Two elements with one id break label[for] and the checker (the dues page had id_month twice)."""
    role = _first_role(row)
    if role != ANON:
        client.force_login(users[role])
    response = client.get(row.path(users))
    if not response["Content-Type"].startswith("text/html"):
        return
    ids = lxml.html.fromstring(response.content).xpath("//@id")
    assert sorted({value for value in ids if ids.count(value) > 1}) == []
