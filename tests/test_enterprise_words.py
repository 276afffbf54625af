"""An enterprise union reads no school word: every page of the URL × role table, opened by each role that
may open it in an enterprise union, shows no school-only word (教职工, 学校, 校务, 学期 …); tests/test_access.py
opens every page, by every role, in a school union. And every word of the vocabulary table is used by some
code or template."""

import re
from pathlib import Path

import lxml.html
import pytest
from django.conf import settings

from unionportal.models import UnionKind, UnionProfile
from unionportal.vocabulary import ENTERPRISE, SCHOOL

from .access_table import ACCESS, EVERY_ROLE, client_for, row_id

ENTERPRISE_WORDS = {str(word) for word in ENTERPRISE.values()}
# The school words of the vocabulary table, and the school terms it does not hold (校级 honours, the 学期 calendar).
SCHOOL_ONLY = sorted(
    {str(word) for word in SCHOOL.values()} - ENTERPRISE_WORDS
    | {"学校", "校长", "校级", "学期", "学年", "校务", "教工", "全校"}
)
SCHOOL_WORD = re.compile("|".join(SCHOOL_ONLY))
# The union profile is where the kind is chosen: it names both kinds and the words each brings.
BOTH_KINDS = {"/profile/"}


def _readable_text(content):
    """What a person reads on the page: its text and the placeholders, titles and labels of its elements."""
    page = lxml.html.fromstring(content)
    for hidden in page.xpath("//script | //style"):
        hidden.drop_tree()
    attributes = page.xpath("//@placeholder | //@title | //@aria-label | //@alt | //@value | //@data-confirm")
    return " ".join([page.text_content(), *attributes])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "row", [row for row in ACCESS if any(row.status_for(r) == 200 for r in EVERY_ROLE)], ids=row_id
)
def test_every_page_speaks_the_unions_kind(row, users):
    UnionProfile(name="青山市第一机械厂工会", kind=UnionKind.ENTERPRISE).save()
    path = row.path(users)
    found = {}
    for role in [role for role in EVERY_ROLE if row.status_for(role) == 200]:
        response = client_for(users, role).get(path)
        assert response.status_code == 200, role
        if path not in BOTH_KINDS and response["Content-Type"].startswith("text/html"):
            text = _readable_text(response.content)
            found.update(
                {
                    match.group(): text[max(0, match.start() - 20) : match.end() + 20]
                    for match in SCHOOL_WORD.finditer(text)
                }
            )
    assert found == {}


def test_every_vocabulary_word_is_used():
    root = Path(settings.BASE_DIR)
    sources = [
        path.read_text()
        for pattern in ("**/*.py", "**/templates/**/*.html", "**/templates/**/*.txt")
        for path in root.glob(pattern)
        if not {".venv", "tests", "migrations"} & set(path.relative_to(root).parts) and path.name != "vocabulary.py"
    ]
    text = "\n".join(sources)
    unused = [key for key in SCHOOL if not re.search(rf"""vocab(ulary)?(\.|\[["']){key}\b""", text)]
    assert unused == []
