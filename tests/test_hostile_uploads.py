"""Oversized, disguised and oddly named uploads, at every place the portal takes a file: disclosure
attachments, congress session documents, the roster import and the papers of a help application. Refused ones
leave a clear Chinese message and nothing stored; accepted ones are stored under a safe name inside MEDIA_ROOT."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from congress import session_services
from congress.models import SessionDocument
from congress.tests.factories import make_session
from disclosure.models import Attachment, DisclosureItem
from disclosure.tests.factories import make_category
from members import excel
from members.models import Member
from welfare import attachments as welfare_attachments
from welfare.models import Application, ApplicationAttachment

PDF = b"%PDF-1.4\n%test\n"
PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00PE"  # a Windows program
ZIP_NOT_OFFICE = b"PK\x03\x04broken zip"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(media):
    return [path for path in media.rglob("*") if path.is_file()]


class Disclosure:
    role = "staff"

    def post(self, client, upload):
        data = {"category": make_category().pk, "title": "食堂招标", "body": "正文", "audience": "internal"}
        return client.post("/disclosure/new/", {**data, "attachment": upload}, follow=True)

    def stored(self):
        return DisclosureItem.objects.exists() or Attachment.objects.exists()

    def limit(self, settings, monkeypatch, size):
        settings.DISCLOSURE_MAX_UPLOAD_BYTES = size


class CongressDocument:
    role = "staff"

    def post(self, client, upload):
        return client.post(f"/congress/sessions/{make_session().pk}/documents/add/", {"file": upload}, follow=True)

    def stored(self):
        return SessionDocument.objects.exists()

    def limit(self, settings, monkeypatch, size):
        monkeypatch.setattr(session_services, "MAX_DOCUMENT_BYTES", size)


class RosterImport:
    role = "staff"

    def post(self, client, upload):
        return client.post("/members/import/", {"file": upload}, follow=True)

    def stored(self):
        return Member.objects.exclude(user__isnull=False).exists()

    def limit(self, settings, monkeypatch, size):
        monkeypatch.setattr(excel, "MAX_IMPORT_BYTES", size)


class WelfareApplication:
    role = "member"

    def post(self, client, upload):
        data = {"reason": "住院治疗", "amount_requested": "1800", "attachments": [upload]}
        return client.post("/welfare/applications/new/", data, follow=True)

    def stored(self):
        return Application.objects.exists() or ApplicationAttachment.objects.exists()

    def limit(self, settings, monkeypatch, size):
        monkeypatch.setattr(welfare_attachments, "MAX_BYTES", size)


PLACES = [Disclosure(), CongressDocument(), RosterImport(), WelfareApplication()]
KEEPING_NAMES = [Disclosure(), CongressDocument(), WelfareApplication()]  # they keep the file the user chose
DISGUISED = [
    ("setup.pdf", PROGRAM),  # a program renamed .pdf
    ("roster.xlsx", PROGRAM),
    ("roster.xlsx", ZIP_NOT_OFFICE),  # .xlsx that is not a real zip
    ("report.docx", ZIP_NOT_OFFICE),
    ("report.pdf", b"<html><script>x()</script></html>"),
]
REFUSALS = ("内容不是它的扩展名所说的类型", "只能上传", "无法读取该文件", "不是 PDF 或图片（JPG、PNG），未上传")


@pytest.mark.parametrize("place", PLACES, ids=lambda place: type(place).__name__)
@pytest.mark.parametrize("name, content", DISGUISED, ids=[f"{n}:{c[:4]!r}" for n, c in DISGUISED])
def test_a_disguised_file_is_refused_in_chinese_and_nothing_is_kept(place, name, content, client_as, media):
    response = place.post(client_as(place.role), SimpleUploadedFile(name, content))
    page = response.content.decode()
    assert any(refusal in page for refusal in REFUSALS), page[-2000:]
    assert not place.stored()
    assert not stored_files(media)


@pytest.mark.parametrize("place", PLACES, ids=lambda place: type(place).__name__)
def test_an_oversized_file_is_refused_in_chinese_and_nothing_is_kept(place, client_as, media, settings, monkeypatch):
    place.limit(settings, monkeypatch, 1024)
    response = place.post(client_as(place.role), SimpleUploadedFile("big.pdf", PDF + b"0" * 4096))
    assert "超过了 1.0\xa0KB 的上限" in response.content.decode()
    assert not place.stored()
    assert not stored_files(media)


TRICKY_NAMES = ["../../etc/passwd.pdf", "..\\..\\windows\\win.pdf", "/etc/cron.d/job.pdf", "报告" * 150 + ".pdf"]


@pytest.mark.parametrize("place", KEEPING_NAMES, ids=lambda place: type(place).__name__)
@pytest.mark.parametrize("name", TRICKY_NAMES, ids=["dot-dot", "backslashes", "absolute", "very-long"])
def test_a_tricky_file_name_is_stored_safely_inside_media(place, name, client_as, media):
    response = place.post(client_as(place.role), SimpleUploadedFile(name, PDF))
    assert response.status_code == 200
    (stored,) = stored_files(media)
    assert stored.resolve().is_relative_to(media.resolve())
    assert ".." not in stored.relative_to(media).as_posix() and "\\" not in stored.name
    assert len(stored.relative_to(media).as_posix()) <= 100  # fits the FileField column
    assert stored.read_bytes() == PDF


def test_a_nul_byte_in_a_file_name_does_not_reach_the_disk(client_as, media):
    Disclosure().post(client_as("staff"), SimpleUploadedFile("evil\x00.exe.pdf", PDF))
    assert all("\x00" not in str(path) for path in stored_files(media))
    assert all("\x00" not in name for name in Attachment.objects.values_list("name", flat=True))


def test_an_xlsx_with_too_many_rows_is_refused_before_import(client_as, monkeypatch):
    from members.tests.test_import_export import row, workbook

    monkeypatch.setattr(excel, "MAX_IMPORT_ROWS", 2)
    upload = SimpleUploadedFile("roster.xlsx", workbook(row(), row("李四"), row("王五")).getvalue())
    page = RosterImport().post(client_as("staff"), upload).content.decode()
    assert "超过 2 行" in page
    assert not Member.objects.filter(name__in=["张三", "李四", "王五"]).exists()


def test_an_old_office_file_and_a_text_file_are_accepted_for_congress(client_as, media):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100
    client = client_as("staff")
    CongressDocument().post(client, SimpleUploadedFile("议程.doc", ole))
    CongressDocument().post(client, SimpleUploadedFile("说明.txt", "大会须知：请准时到会。".encode("gb18030")))
    assert SessionDocument.objects.count() == 2
    assert Path(SessionDocument.objects.order_by("pk").first().file.path).read_bytes() == ole
