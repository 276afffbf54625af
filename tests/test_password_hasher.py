"""Logins stay cheap on congress day: Argon2id at OWASP's minimum cost, older hashes upgraded."""

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher, make_password
from django.contrib.auth.models import User
from django.test import override_settings

PRODUCTION_HASHERS = settings.PASSWORD_HASHERS
if PRODUCTION_HASHERS[0].endswith("MD5PasswordHasher"):  # the test settings swap in a fast hasher
    from unionportal import settings as production

    PRODUCTION_HASHERS = production.PASSWORD_HASHERS


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_a_pbkdf2_password_is_rehashed_to_argon2id_at_the_next_login(client, db):
    user = User.objects.create(username="delegate", password=make_password("union2026", hasher="pbkdf2_sha256"))
    assert user.password.startswith("pbkdf2_sha256$")

    response = client.post("/accounts/login/", {"username": "delegate", "password": "union2026"})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_django_default_argon2_hashes_are_brought_down_to_the_tuned_cost(client, db):
    hashed = Argon2PasswordHasher().encode("union2026", Argon2PasswordHasher().salt())
    user = User.objects.create(username="delegate", password=hashed)
    assert "m=102400" in user.password

    client.post("/accounts/login/", {"username": "delegate", "password": "union2026"})

    user.refresh_from_db()
    assert "m=19456,t=2,p=1" in user.password
