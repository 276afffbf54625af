"""What a scanner sends to every page of the URL × role table: a NUL byte (PostgreSQL refuses it in a
query), 10,000 characters, numbers that are not numbers or overflow a column, in every GET parameter a
page reads and in every field of every form it shows. Never a 500; the page says in Chinese what it
ignored or refused. Runs on PostgreSQL as well (DATABASE_URL), where these faults showed."""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

import lxml.html
import pytest

from members.models import Member

from .access_table import ACCESS, ANON

# The filters the lists read, whether or not a page links to them with a value.
COMMON_PARAMETERS = [
    "q", "search", "year", "status", "level", "campaign", "group", "union_group", "category", "session",
    "month", "page", "kind", "when", "occasion", "since", "fund_source", "register", "for", "mine",
]  # fmt: skip
HOSTILE = {
    "nul": "abc\x00def",
    "long": "长" * 10_000,
    "overflow": "99999999999999999999",
    "not_a_number": "abc",
}
IGNORED_NOTE = "网址中的查询条件无效"
FRAME_FORMS = ("/accounts/logout/", "/i18n/setlang/")  # on every page; logging out would end the test
CJK = re.compile(r"[\u4e00-\u9fff]")
# An English sentence where a Chinese message belongs (Django's own Chinese wording is issue 15's).
ENGLISH = re.compile(r"[A-Za-z]{4,} [a-z]{3,}")


def _role(row):
    for role in ("chair", "staff", "welfare", "member", ANON):
        if row.status_for(role) == 200:
            return role
    return None


def _id(row):
    return str(row.url if isinstance(row.url, str) else row.url.__qualname__)


PAGES = [row for row in ACCESS if _role(row)]


def _visit(client, users, row):
    role = _role(row)
    if role != ANON:
        client.force_login(users[role])
    path = row.path(users)
    return path, client.get(path)


def _html(response):
    return response.status_code == 200 and response["Content-Type"].startswith("text/html")


def _portal_page(response):
    """A page in the portal's frame, which shows messages (print pages and htmx fragments do not)."""
    return _html(response) and b'<main class="container-xl py-3" id="content">' in response.content


def _get_parameter_faults(client, path, forms):
    """Each hostile kind in every GET parameter the page reads: a 500, or a portal page without the note."""
    base, query = path.split("?")[0], dict(parse_qsl(urlsplit(path).query))
    names = set(COMMON_PARAMETERS) | set(query)
    for form in forms:
        if form.method.lower() == "get":
            names |= {name for name in form.fields.keys() if name}
    faults = []
    for kind, value in HOSTILE.items():
        response = client.get(f"{base}?{urlencode(dict.fromkeys(sorted(names), value))}")
        if response.status_code >= 500:
            faults.append(("GET", kind, response.status_code))
        elif _portal_page(response) and IGNORED_NOTE not in response.content.decode():
            faults.append(("GET", kind, f"no “{IGNORED_NOTE}”"))
    return faults


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/disclosure/?q=abc%00",
        "/welfare/files/?q=abc%00",
        "/welfare/files/?status=abc%00",
        "/welfare/files/?level=abc%00",
        "/welfare/applications/?status=abc%00",
        "/welfare/payments/?year=abc",
        "/welfare/payments/?year=99999999999",
        "/welfare/payments/?campaign=abc",
        "/welfare/totals/?year=abc",
        "/members/dues/?group=99999999999999999999",
        "/members/dues/?month=abc",
        "/congress/proposals/?session=99999999999999999999",
        f"/members/?search={'长' * 10_000}",
    ],
)
def test_a_scanners_parameter_gives_the_unfiltered_list_and_a_note(path, client_as):
    response = client_as("chair").get(path)
    assert response.status_code == 200
    assert IGNORED_NOTE in response.content.decode()


def _error_texts(response):
    tree = lxml.html.fromstring(response.content)
    classes = ("invalid-feedback", "errorlist", "alert-danger", "alert-warning")
    xpath = " | ".join(f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]" for name in classes)
    return [" ".join(node.text_content().split()) for node in tree.xpath(xpath)]


def _form_field_faults(client, path, forms):
    """Each hostile kind in every field of every form the page shows: a 500, or an error message not in Chinese."""
    faults = []
    posted = [form for form in forms if form.method.lower() == "post" and form.get("action") not in FRAME_FORMS]
    for index, form in enumerate(posted):
        action = form.get("action") or path
        fields = {
            element.name
            for element in form.inputs
            if element.name and element.name not in ("csrfmiddlewaretoken", "next") and element.get("type") != "file"
        }
        for kind, value in HOSTILE.items():
            response = client.post(action, dict.fromkeys(fields, value))
            if response.status_code >= 500:
                faults.append((index, action, kind, response.status_code))
            elif _html(response):
                faults += [
                    (action, kind, text)
                    for text in _error_texts(response)
                    if not CJK.search(text) or ENGLISH.search(text)
                ]
    return faults


@pytest.mark.django_db
@pytest.mark.parametrize("row", PAGES, ids=_id)
def test_every_get_parameter_and_form_field_refuses_hostile_values_in_chinese(row, users, client):
    """One visit to the page, then each hostile kind in its GET parameters and in the fields of its forms; the
    assertion lists every fault, naming GET or the form's action, and the kind."""
    path, page = _visit(client, users, row)
    forms = lxml.html.fromstring(page.content).forms if _html(page) else []
    assert _get_parameter_faults(client, path, forms) + _form_field_faults(client, path, forms) == []


@pytest.mark.django_db
def test_an_id_no_column_can_hold_matches_nothing_in_a_list_of_ids(users):
    member = users["member"].member
    assert list(Member.objects.filter(pk__in=[member.pk, 10**20])) == [member]
    assert list(Member.objects.filter(pk__in=[10**20])) == []
