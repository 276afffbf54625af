"""Private data in every response of the URL × role table: only the chair ever receives a full ID number
(pages, forms, exports), and confidential pages and every download are kept out of caches."""

import io
import zipfile

import pytest

from members.validators import id_check_char

from .access_table import ACCESS, ANON, EVERY_ROLE

pytestmark = pytest.mark.django_db


def _id(row):
    return str(row.url if isinstance(row.url, str) else row.url.__qualname__)


def _give_everyone_an_id_number(users):
    """Demo-style numbers (330102…, as the demo union's), one per role user, a woman's (an even 17th digit)
    as the role users are; returns them."""
    for number, user in enumerate(users.values()):
        first17 = f"33010219890218{2 * number:03d}"
        user.member.id_number = first17 + id_check_char(first17)
        user.member.save(update_fields=["id_number"])
    return [user.member.id_number.encode() for user in users.values()]


def _readable_bytes(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"PK"):  # an .xlsx: its cells live in the zipped XML
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            return b"".join(book.read(name) for name in book.namelist())
    return content


@pytest.mark.parametrize("row", ACCESS, ids=_id)
def test_no_one_but_the_chair_receives_a_full_id_number(row, users, client):
    numbers = _give_everyone_an_id_number(users)
    path = row.path(users)
    leaks = {}
    for role in EVERY_ROLE:
        if role in ("chair", ANON) or row.status_for(role) != 200:
            continue
        client.force_login(users[role])
        content = _readable_bytes(client.get(path))
        found = [number for number in numbers if number in content]
        if found:
            leaks[role] = found
    assert leaks == {}


def test_the_chair_still_reads_the_full_id_number(users, client):
    _give_everyone_an_id_number(users)
    client.force_login(users["chair"])
    page = client.get(f"/members/{users['member'].member.pk}/edit/").content
    assert users["member"].member.id_number.encode() in page


def test_staff_edit_keeps_the_hidden_id_number_unless_a_new_one_is_typed(users, client):
    _give_everyone_an_id_number(users)
    member = users["member"].member
    stored = member.id_number
    client.force_login(users["staff"])
    page = client.get(f"/members/{member.pk}/edit/").content.decode()
    assert member.masked_id_number in page and stored not in page
    form = {"name": "新名字", "gender": member.gender, "id_number": "", "employment_type": member.employment_type}
    assert client.post(f"/members/{member.pk}/edit/", form).status_code == 302
    member.refresh_from_db()
    assert (member.name, member.id_number) == ("新名字", stored)
    first17 = "11010519491231002"
    typed = first17 + id_check_char(first17)
    assert client.post(f"/members/{member.pk}/edit/", {**form, "id_number": typed}).status_code == 302
    member.refresh_from_db()
    assert member.id_number == typed


def _is_confidential(path):
    return path.startswith(("/welfare/", "/members/", "/documents/")) or path.endswith(".xlsx")


@pytest.mark.parametrize("row", [row for row in ACCESS if row.ok - {ANON} and _is_confidential(_id(row))], ids=_id)
def test_confidential_pages_and_downloads_are_not_cached(row, users, client):
    path = row.path(users)
    client.force_login(users[next(role for role in EVERY_ROLE if role in row.ok and role != ANON)])
    response = client.get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_a_generated_document_is_not_cached(client_as, django_capture_on_commit_callbacks):
    client = client_as("staff")
    notice = {"issuing_body": "工会", "title": "通知", "addressees": "全体会员", "body": "正文", "date": "2026-12-01"}
    with django_capture_on_commit_callbacks(execute=True):
        job_page = client.post("/documents/notice/new/", notice).url
    download = client.get(f"{job_page}file/")
    assert download.status_code == 200
    assert download["Cache-Control"] == "private, no-store"
