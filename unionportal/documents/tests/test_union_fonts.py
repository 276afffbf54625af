"""A union uploads its own licensed fonts in the union profile; they are checked by their content and
its documents then embed them before any office or free font."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from fontTools import subset
from fontTools.ttLib import TTFont

from unionportal.documents.notice import Notice
from unionportal.documents.rendering import PDF, render
from unionportal.models import UnionProfile
from unionportal.uploads import FONT_SAMPLE

from .pdf_layout import text_fonts
from .test_official_layout import PARAMS

FANDOL = Path("/usr/local/share/fonts/fandol/FandolKai-Regular.otf")
pytestmark = pytest.mark.skipif(not FANDOL.exists(), reason="the Fandol fonts are not installed")


NOTICE_TEXT = FONT_SAMPLE + "".join(PARAMS.values())


def font_file(name="公文仿宋.otf", fs_type=0, text=NOTICE_TEXT):
    """A small font cut from FandolKai: every character of the notice, or only the text given."""
    font = TTFont(FANDOL)
    subsetter = subset.Subsetter(subset.Options())
    subsetter.populate(text=text)
    subsetter.subset(font)
    font["OS/2"].fsType = fs_type
    out = io.BytesIO()
    font.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="font/otf")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def post_font(client, upload):
    return client.post("/profile/", {"name": "青山市实验中学工会委员会", "kind": "school", "font_fang": upload})


def test_the_chairs_own_fang_song_font_is_embedded_in_the_notice(client_as, media, tmp_path):
    response = post_font(client_as("chair"), font_file())
    assert response.status_code == 302
    union = UnionProfile.load()
    assert union.font_fang
    path = tmp_path / "notice.pdf"
    path.write_bytes(render(PDF, Notice.template, {**Notice.context(PARAMS, None), "union": union}))
    fonts = {text: font for _, text, font, _size in text_fonts(path)}
    assert fonts["各工会小组、全体会员："] == "union-fang"  # the body in the union's font, named for its role
    assert fonts["关于开展2027年春节送温暖活动"] == "Fandol-Song-Bold"  # the title keeps its stack


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("仿宋.ttf", b"MZ\x90\x00 not a font"), "不是TrueType或OpenType字体"),
        (lambda: font_file(text="ABC"), "缺少常用汉字"),
        (lambda: font_file(fs_type=2), "授权禁止嵌入"),
        (lambda: font_file(name="仿宋.ttc"), "不是TrueType或OpenType字体"),
    ],
    ids=["renamed-program", "latin-only", "no-embedding", "collection"],
)
def test_a_font_that_cannot_serve_is_refused_with_the_reason(client_as, media, upload, message):
    response = post_font(client_as("chair"), upload() if callable(upload) else upload)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not UnionProfile.load().font_fang
