import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from members.models import Member
from unionportal.demo import LOGINS


@pytest.mark.django_db
def test_load_demo_twice_gives_the_same_union(capsys):
    call_command("load_demo")
    counts = (Member.objects.count(), User.objects.count())
    call_command("load_demo")
    assert (Member.objects.count(), User.objects.count()) == counts
    assert 110 <= counts[0] <= 130
    output = capsys.readouterr().out
    for username in LOGINS:
        assert username in output
    assert "union2026" in output


@pytest.mark.django_db
def test_every_demo_login_works_with_the_demo_password(client):
    call_command("load_demo")
    for username in LOGINS:
        assert User.objects.get(username=username).check_password("union2026")
        assert hasattr(User.objects.get(username=username), "member")
