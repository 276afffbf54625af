import pytest
from django.test import Client


def test_wrong_password_says_so_in_chinese_and_keeps_the_username(client, users):
    response = client.post("/accounts/login/", {"username": "member", "password": "wrong"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "用户名或密码不对，请重新输入（密码区分大小写）。" in content
    assert 'value="member"' in content


def test_right_password_logs_in_and_lands_on_the_dashboard(client, users):
    response = client.post("/accounts/login/", {"username": "member", "password": "union2026"}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "工作台" in response.content.decode()


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, users):
    for _ in range(5):
        client.post("/accounts/login/", {"username": "member", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "member", "password": "union2026"})
    assert response.status_code == 429
    assert "登录已暂停" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_of_one_account_leaves_others_alone(client, users):
    for _ in range(5):
        client.post("/accounts/login/", {"username": "member", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "chair", "password": "union2026"})
    assert response.status_code == 302


def test_expired_session_asks_to_log_in_again(client, users):
    response = client.get("/accounts/login/?next=/members/")
    assert "登录已过期" in response.content.decode()


def test_logout_needs_post_and_ends_the_session(client_as):
    client = client_as("member")
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_password_change_rejects_a_short_password_in_chinese(client_as):
    client = client_as("member")
    response = client.post(
        "/accounts/password/", {"old_password": "union2026", "new_password1": "abc", "new_password2": "abc"}
    )
    assert response.status_code == 200
    assert "密码太短，至少需要8个字符。" in response.content.decode()


def test_password_change_then_login_with_the_new_one(client_as, users):
    client = client_as("member")
    response = client.post(
        "/accounts/password/",
        {"old_password": "union2026", "new_password1": "Gonghui#2027", "new_password2": "Gonghui#2027"},
    )
    assert response.status_code == 302
    response = Client().post("/accounts/login/", {"username": "member", "password": "Gonghui#2027"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_admin_is_for_superusers_only(client, django_user_model, users):
    client.force_login(users["chair"])
    assert client.get("/admin/").status_code == 302
    root = django_user_model.objects.create_superuser("root", password="x")
    client.force_login(root)
    assert client.get("/admin/").status_code == 200
