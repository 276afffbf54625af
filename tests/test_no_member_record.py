"""A login with no person on the roster behind it (a fresh superuser, the IT administrator) never meets a 500:
a page that needs a member record says so in Chinese and offers to link one."""

import pytest
from django.contrib.auth.models import Group, User

from .access_table import ACCESS, activity_page, disclosure_page, welfare_page


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root", password="x-Strong-2026")


@pytest.fixture
def it_admin(db):
    user = User.objects.create_user("itadmin", password="x-Strong-2026")
    user.groups.add(Group.objects.get(name="staff"))
    return user


@pytest.mark.parametrize(
    "row", ACCESS, ids=lambda row: str(row.url if isinstance(row.url, str) else row.url.__qualname__)
)
def test_every_page_answers_a_login_without_member_record(row, users, superuser, it_admin, client):
    path = row.path(users)
    for user in (superuser, it_admin):
        client.force_login(user)
        assert client.get(path).status_code < 500, (user.username, path)


@pytest.mark.parametrize("path", ["/members/me/", "/welfare/applications/mine/"])
def test_own_pages_say_there_is_no_member_record_and_offer_to_link(path, superuser, client):
    client.force_login(superuser)
    response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert "还没有关联人员档案" in page
    assert "/accounts/link/" in page


POSTS_ABOUT_ME = [
    (activity_page("sign-up/"), {}),
    (activity_page("check-in/{code}/"), {}),
    (disclosure_page("published", "objections/"), {"content": "有异议"}),
    (welfare_page("drive"), {"amount": "50"}),
    ("/welfare/applications/new/?for=me", {"reason": "困难", "amount_requested": "100"}),
]


@pytest.mark.parametrize("url, data", POSTS_ABOUT_ME, ids=lambda value: getattr(value, "__qualname__", str(value)))
def test_acting_as_oneself_without_member_record_is_answered_not_crashed(url, data, users, superuser, client):
    client.force_login(superuser)
    path = url(users) if callable(url) else url
    response = client.post(path, data, follow=True)
    assert response.status_code == 200
    assert "还没有关联人员档案" in response.content.decode()
