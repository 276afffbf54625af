"""The URL × role table walked once per page: every role asks for the page once and each answer is read for
every rule a page keeps whoever opens it. The rules' checks live in their own modules (named in the
assertion), beside the tests of the same rules on single pages."""

import pytest

from unionportal.models import UnionKind, UnionProfile

from .access_table import ACCESS, ANON, EVERY_ROLE, client_for, row_id
from .test_hostile_csp import policy_faults
from .test_markup import repeated_ids
from .test_private_data import cache_fault, full_id_numbers, give_everyone_an_id_number


@pytest.mark.parametrize("row", ACCESS, ids=row_id)
def test_url_answers_each_role_as_the_table_says_and_keeps_every_page_rule(row, users):
    """In a school union that saved its profile (tests/test_enterprise_words.py opens the pages in an enterprise
    one). The page's object is made once; the assertion names each rule broken and, for each role that broke it,
    what was found (for the status: the answer and the table's)."""
    UnionProfile(name="青山市第一中学工会", kind=UnionKind.SCHOOL).save()
    numbers = give_everyone_an_id_number(users)
    path = row.path(users)
    answers = {role: client_for(users, role).get(path) for role in EVERY_ROLE}
    opened = {role: answer for role, answer in answers.items() if row.status_for(role) == 200}
    first_opened = dict(list(opened.items())[:1])
    broken = {
        "status (test_access)": {
            role: (answer.status_code, row.status_for(role))
            for role, answer in answers.items()
            if answer.status_code != row.status_for(role)
        },
        "full ID number (test_private_data)": {
            role: found
            for role, answer in opened.items()
            if role not in ("chair", ANON) and (found := full_id_numbers(answer, numbers))
        },
        "cache (test_private_data)": {
            role: found for role, answer in opened.items() if (found := cache_fault(row_id(row), role, answer))
        },
        "inline script (test_hostile_csp)": {
            role: found for role, answer in answers.items() if (found := policy_faults(answer))
        },
        "repeated id (test_markup)": {
            role: found for role, answer in first_opened.items() if (found := repeated_ids(answer))
        },
    }
    assert {rule: found for rule, found in broken.items() if found} == {}


def test_visitor_is_sent_to_login_with_the_page_to_return_to(client):
    response = client.get("/members/")
    assert response.url == "/accounts/login/?next=/members/"
