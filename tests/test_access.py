import pytest

from .access_table import ACCESS, EVERY_ROLE


@pytest.mark.parametrize("role", EVERY_ROLE)
@pytest.mark.parametrize(
    "row", ACCESS, ids=lambda row: str(row.url if isinstance(row.url, str) else row.url.__qualname__)
)
def test_url_answers_each_role_as_the_table_says(row, role, users, client_as):
    response = client_as(role).get(row.path(users))
    assert response.status_code == row.status_for(role)


def test_visitor_is_sent_to_login_with_the_page_to_return_to(client):
    response = client.get("/members/")
    assert response.url == "/accounts/login/?next=/members/"
