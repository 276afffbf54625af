import pytest

from .access_table import ACCESS, ANON, EVERY_ROLE


@pytest.mark.parametrize(
    "row", ACCESS, ids=lambda row: str(row.url if isinstance(row.url, str) else row.url.__qualname__)
)
def test_url_answers_each_role_as_the_table_says(row, users, client):
    """One page, asked for by every role in turn (the page's object is made once): the assertion shows
    each role whose answer differs from the table."""
    path = row.path(users)
    answers = {}
    for role in EVERY_ROLE:
        client.logout()
        if role != ANON:
            client.force_login(users[role])
        answers[role] = client.get(path).status_code
    assert answers == {role: row.status_for(role) for role in EVERY_ROLE}


def test_visitor_is_sent_to_login_with_the_page_to_return_to(client):
    response = client.get("/members/")
    assert response.url == "/accounts/login/?next=/members/"
