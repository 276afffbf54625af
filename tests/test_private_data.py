"""Private data: only the chair ever receives a full ID number (pages, forms, exports), and confidential pages
and every download are kept out of caches. tests/test_access.py reads every response of the URL × role
table with ``full_id_numbers`` and ``cache_fault``."""

import io
import zipfile

import pytest

from members.validators import id_check_char

from .access_table import ANON

pytestmark = pytest.mark.django_db


def give_everyone_an_id_number(users):
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


def full_id_numbers(response, numbers):
    """The full ID numbers, of ``numbers``, that a response carries."""
    content = _readable_bytes(response)
    return [number for number in numbers if number in content]


def test_the_chair_still_reads_the_full_id_number(users, client):
    give_everyone_an_id_number(users)
    client.force_login(users["chair"])
    page = client.get(f"/members/{users['member'].member.pk}/edit/").content
    assert users["member"].member.id_number.encode() in page


def test_staff_edit_keeps_the_hidden_id_number_unless_a_new_one_is_typed(users, client):
    give_everyone_an_id_number(users)
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


def cache_fault(page, role, response):
    """What a cache could keep of a confidential page (or download) a logged-in role opened; None if nothing."""
    kept = response.get("Cache-Control")
    if role != ANON and _is_confidential(page) and kept != "private, no-store":
        return kept or "no Cache-Control"
    return None


def test_a_generated_document_is_not_cached(client_as, django_capture_on_commit_callbacks):
    client = client_as("staff")
    notice = {"issuing_body": "工会", "title": "通知", "addressees": "全体会员", "body": "正文", "date": "2026-12-01"}
    with django_capture_on_commit_callbacks(execute=True):
        job_page = client.post("/documents/notice/new/", notice).url
    download = client.get(f"{job_page}file/")
    assert download.status_code == 200
    assert download["Cache-Control"] == "private, no-store"
