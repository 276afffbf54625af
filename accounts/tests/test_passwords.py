"""The password policy refuses in plain Chinese that names what is wrong, wherever a password is chosen."""

import pytest
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
from django.core.exceptions import ValidationError

from accounts import logins
from accounts.models import AccessCode
from members.models import Member


def refusals(password, user=None):
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    return refused.value.messages


def test_a_short_password_is_refused_naming_the_length_it_needs():
    assert "密码太短，至少需要8个字符。" in refusals("Qs-26!")


def test_a_password_of_digits_only_is_refused():
    assert "密码不能全是数字，请加入字母或符号。" in refusals("20260615")


def test_a_common_password_is_refused():
    assert refusals("password1") == ["密码过于常见，容易被猜到，请换一个。"]


def test_a_password_like_the_login_or_the_name_is_refused_naming_which():
    user = User(username="liuhongmei", first_name="刘红梅", email="hm@example.org")
    assert refusals("liuhongmei1", user) == ["密码与登录名太相似，容易被猜到，请换一个。"]
    user = User(username="lhm", first_name="Maria Liu")
    assert refusals("maria.liu", user) == ["密码与姓名太相似，容易被猜到，请换一个。"]


def test_the_policy_is_explained_in_chinese():
    assert password_validators_help_texts() == [
        "密码不能与姓名、登录名或电子邮箱相似。",
        "密码至少需要8个字符。",
        "密码不能是常见密码（如 password、12345678）。",
        "密码不能全是数字。",
    ]


def test_the_change_password_page_refuses_in_our_words(client_as, users):
    data = {"old_password": "union2026", "new_password1": "20260615", "new_password2": "20260615"}
    content = client_as("member").post("/accounts/password/", data).content.decode()
    assert "密码不能全是数字" in content and "密码过于常见" not in content
    assert "密码只包含数字" not in content  # Django's own wording


def test_activation_refuses_a_short_password_in_our_words(db, client):
    member = Member.objects.create(name="李强", gender="M")
    logins.open_logins(members=[member], actor=None)
    member.refresh_from_db()
    code = logins.issue_codes(users=[member.user], purpose=AccessCode.Purpose.ACTIVATION, actor=None)[member.user.pk]
    data = {"login": member.user.username, "code": code, "password": "Qs-26!", "password_again": "Qs-26!"}
    content = client.post("/accounts/activate/", data).content.decode()
    assert "密码太短，至少需要8个字符。" in content


def test_the_admin_set_password_form_refuses_in_our_words(db):
    user = User.objects.create(username="liuhongmei")
    form = AdminPasswordChangeForm(user, {"password1": "liuhongmei1", "password2": "liuhongmei1"})
    assert not form.is_valid()
    assert form.errors["password2"] == ["密码与登录名太相似，容易被猜到，请换一个。"]


def test_the_change_password_page_names_a_wrong_old_password_and_a_mismatch_in_our_words(client_as, users):
    data = {"old_password": "wrong", "new_password1": "Qingshan-2026!", "new_password2": "Qingshan-2026?"}
    content = client_as("member").post("/accounts/password/", data).content.decode()
    assert "原密码不正确，请重新输入。" in content and "两次输入的新密码不一致。" in content
    assert "旧密码不正确" not in content and "输入的两个密码不一致" not in content  # Django's own wording
