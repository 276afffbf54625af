import datetime

from accounts.logins import reopen_login
from members import dues, services


def test_member_sees_own_record_dues_and_history(client_as, users):
    me = users["member"].member
    services.retire(member=me, on=datetime.date(2025, 3, 1), note="")
    reopen_login(member=me, actor=None)  # retiring closed the login; staff reopened it for the retired member
    record = dues.set_wage_base(member=me, month=datetime.date(2025, 1, 1), wage_base="4321")
    dues.set_wage_base(member=me, month=datetime.date(2025, 2, 1), wage_base="4321")
    dues.mark_paid(record=record, on=datetime.date(2025, 1, 20))
    other = users["delegate"].member
    dues.set_wage_base(member=other, month=datetime.date(2025, 1, 1), wage_base="9999")
    content = client_as("member").get("/members/me/?year=2025").content.decode()
    assert "2025-03-01" in content and "退休" in content
    assert "21.61" in content and "43.22" in content and "欠缴 21.61" in content
    assert "49.99" not in content  # the delegate's dues


def test_member_sees_the_year_chosen_and_only_years_with_dues(client_as, users):
    me = users["member"].member
    dues.set_wage_base(member=me, month=datetime.date(2024, 12, 1), wage_base="6000")
    dues.set_wage_base(member=me, month=datetime.date(2025, 1, 1), wage_base="5000")
    client = client_as("member")
    assert "25.00" in client.get("/members/me/").content.decode()
    content = client.get("/members/me/?year=2024").content.decode()
    assert "30.00" in content and "25.00" not in content
    assert client.get("/members/me/?year=abc").status_code == 200


def test_own_page_masks_the_id_number(client_as, users):
    me = users["member"].member
    me.id_number = "11010519491231002X"
    me.save()
    content = client_as("chair").get("/members/me/").content.decode()
    assert "11010519491231002X" not in content  # the chair's own page; the chair reads IDs on the roster


def test_member_guessing_other_pks_gets_403(client_as, users):
    client = client_as("member")
    for role in ("chair", "delegate", "auditor"):
        pk = users[role].member.pk
        assert client.get(f"/members/{pk}/").status_code == 403
        assert client.get(f"/members/{pk}/edit/").status_code == 403
        assert client.post(f"/members/{pk}/events/new/", {"kind": "retire"}).status_code == 403
    assert client.get("/members/999999/").status_code == 404


def test_posting_to_own_page_changes_only_own_contact(client_as, users):
    other = users["delegate"].member
    client_as("member").post("/members/me/", {"phone": "13900000000", "email": "", "pk": other.pk})
    other.refresh_from_db()
    assert other.phone == "" and users["member"].member.__class__.objects.get(user__username="member").phone
