"""What an uploaded file really is, read from its first bytes rather than from its name, and
whether it is small enough to keep. A renamed program or a damaged file is refused, not stored."""

import codecs
import io
import zipfile
from struct import error as struct_error

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Office 97-2003 files (.doc, .xls, .ppt) are OLE2 compound documents.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAIN_PARTS = {
    "xlsx": b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "docx": b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "pptx": b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
TEXT_ENCODINGS = ("utf-8", "gb18030")
HEAD_BYTES = 8192


def _zip_kind(upload):
    try:
        with zipfile.ZipFile(io.BytesIO(upload.read())) as archive:
            content_types = archive.read("[Content_Types].xml")
    except (zipfile.BadZipFile, KeyError):
        return None
    for kind, part in ZIP_MAIN_PARTS.items():
        if part in content_types:
            return kind
    return None


def _is_text(head, whole):
    if b"\x00" in head:
        return False
    for encoding in TEXT_ENCODINGS:
        try:  # when only the head was read, its last character may be cut: not final
            codecs.getincrementaldecoder(encoding)().decode(head, final=whole)
        except UnicodeDecodeError:
            continue
        return True
    return False


def sniff(upload):
    """The kind of file found in the content: pdf, png, jpeg, xlsx, docx, pptx, ole (old Office),
    text, or None for anything else (a program, an archive, a damaged file)."""
    upload.seek(0)
    try:
        head = upload.read(HEAD_BYTES)
        upload.seek(0)
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return "png"
        if head.startswith(b"\xff\xd8\xff"):
            return "jpeg"
        if head.startswith(OLE2_MAGIC):
            return "ole"
        if head.startswith(b"PK\x03\x04"):
            return _zip_kind(upload)
        return "text" if head and _is_text(head, whole=len(head) < HEAD_BYTES) else None
    finally:
        upload.seek(0)


def check_size(upload, limit):
    size = upload.size if hasattr(upload, "size") else upload.seek(0, io.SEEK_END)
    upload.seek(0)
    if size > limit:
        raise ValidationError(
            _("文件“%(name)s”有 %(size)s，超过了 %(limit)s 的上限，未上传。")
            % {"name": getattr(upload, "name", ""), "size": filesizeformat(size), "limit": filesizeformat(limit)}
        )


def check_content(upload, kinds_by_suffix):
    """The file's content must be what its suffix says; returns the kind found."""
    suffix = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    found = sniff(upload)
    if suffix not in kinds_by_suffix or found != kinds_by_suffix[suffix]:
        raise ValidationError(_("文件“%(name)s”的内容不是它的扩展名所说的类型，未上传。") % {"name": upload.name})
    return found


FONT_MAGIC = (b"\x00\x01\x00\x00", b"OTTO", b"true")  # TrueType, OpenType (CFF), old Mac TrueType
FONT_SAMPLE = "中华人民共和国工会委员会关于召开职工代表大会的通知"  # a face for 公文 must have these
FONT_LIMIT = 40 * 1024 * 1024
RESTRICTED_EMBEDDING = 0x0002  # OS/2 fsType: the licence forbids embedding the font in a document


def check_font(upload):
    """A .ttf or .otf font, read from its content, that covers simplified Chinese and whose licence bits
    allow embedding it in a PDF. A font collection (.ttc), a renamed file or a Latin-only font is refused."""
    from fontTools.ttLib import TTFont, TTLibError  # fontTools comes with WeasyPrint

    check_size(upload, FONT_LIMIT)
    name = getattr(upload, "name", "")
    upload.seek(0)
    if not name.lower().endswith((".ttf", ".otf")) or upload.read(4) not in FONT_MAGIC:
        upload.seek(0)
        raise ValidationError(_("文件“%(name)s”不是TrueType或OpenType字体（.ttf、.otf），未上传。") % {"name": name})
    upload.seek(0)
    try:
        font = TTFont(upload, lazy=True)
        cmap = font.getBestCmap() or {}
        fs_type = font["OS/2"].fsType if "OS/2" in font else 0
    except (TTLibError, KeyError, AssertionError, ValueError, struct_error) as error:
        raise ValidationError(_("字体文件“%(name)s”已损坏，无法读取，未上传。") % {"name": name}) from error
    finally:
        upload.seek(0)
    missing = [char for char in FONT_SAMPLE if ord(char) not in cmap]
    if missing:
        raise ValidationError(
            _("字体“%(name)s”缺少常用汉字（如“%(chars)s”），不能用于公文，未上传。")
            % {"name": name, "chars": "".join(missing[:5])}
        )
    if fs_type & 0x000F == RESTRICTED_EMBEDDING:
        raise ValidationError(_("字体“%(name)s”的授权禁止嵌入文档，不能用于生成PDF，未上传。") % {"name": name})
