"""The notice (通知) measured from its PDF against GB/T 9704-2012: A4, 天头 37 mm, 订口 28 mm,
版心 156 × 225 mm, 3号 仿宋 body on 22 lines of 28 characters, 2号 小标宋 title, 黑体 and 楷体
headings, 署名 centred over 成文日期 four characters in from the right, the 版记 at the foot of the
last page, "— 1 —" page numbers in 4号 (odd right, even left), no running header, no seal placeholder."""

import shutil

import pytest

from unionportal.documents.notice import Notice
from unionportal.documents.official import balanced_title
from unionportal.documents.rendering import PDF, render
from unionportal.models import UnionProfile

from .pdf_layout import PT, embedded_files, font_installed, read_pages, save_screenshots, text_fonts

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is not installed")

LINE = 225 / 22  # mm
CHAR = 156 / 28  # mm
LEFT, RIGHT, TOP, BOTTOM = 28, 210 - 26, 37, 297 - 35
CENTRE = (LEFT + RIGHT) / 2  # of the 版心, which sits 2 mm right of the page's centre
SENTENCE = "工会组织要坚持以职工为中心的工作导向切实维护职工合法权益，"  # 28 characters

PARAMS = {
    "issuing_body": "青山市实验中学工会委员会",
    "number": "青实工〔2026〕12号",
    "title": "关于开展2027年春节送温暖活动和困难职工帮扶慰问工作的通知",
    "addressees": "各工会小组、全体会员",
    "body": "\n".join(
        [
            "为把党和政府的温暖送到困难教职工心中，经研究，决定开展春节送温暖活动。现将有关事项通知如下：",
            "一、活动时间。2027年1月10日至1月25日。",
            "（一）困难职工。在档困难职工及其家庭。",
            *[SENTENCE * 3] * 6,
            "二、工作要求",
            "请各小组于1月10日前报送名单。",
        ]
    ),
    "attachments": "1.春节送温暖慰问对象推荐表\n2.困难职工家庭情况调查表。",
    "date": "2026-12-01",
    "cc": "青山市教育工会，学校党委",
    "printer": "青山市实验中学工会办公室",
    "printed_on": "2026-12-02",
}


def render_notice(folder, **changes):
    path = folder / "notice.pdf"
    context = {**Notice.context({**PARAMS, **changes}, None), "union": UnionProfile(name=PARAMS["issuing_body"])}
    path.write_bytes(render(PDF, Notice.template, context))
    return path


@pytest.fixture(scope="module")
def notice(tmp_path_factory):
    path = render_notice(tmp_path_factory.mktemp("notice"))
    save_screenshots(path, "notice")
    return path, read_pages(path)


def near(value, expected, tolerance=0.5):
    return abs(value - expected) <= tolerance


def body_lines(page):
    """Lines of 仿宋 body text: 16 pt, inside the 版心, not the page number."""
    return [line for line in page.lines if near(line.height_pt, 16, 0.3) and line.top < BOTTOM]


def test_pages_are_a4_with_the_text_inside_the_type_area(notice):
    _, pages = notice
    assert len(pages) >= 2
    for page in pages:
        assert near(page.width, 210) and near(page.height, 297)
        for line in page.lines:
            assert line.left >= LEFT - 0.3 and line.right <= RIGHT + 0.3, line
        text = [line for line in page.lines if "—" not in line.text]
        assert min(line.top for line in text) >= TOP - 0.3  # no running header above the type area
        assert max(line.bottom for line in text) <= BOTTOM + 0.3


def test_body_runs_on_a_grid_of_22_lines_of_28_characters(notice):
    _, pages = notice
    full = body_lines(pages[1])
    tops = [line.top for line in full]
    assert all(near(b - a, LINE, 0.05) for a, b in zip(tops, tops[1:], strict=False))
    # a whole page of body holds 22 lines: the first sits on the type area's top line
    first_top = TOP + (LINE - 16 * PT) / 2
    assert near(tops[0], first_top, 0.3)
    assert len(full) == 22
    whole = [line for line in full if near(line.left, LEFT, 0.3) and near(line.right, RIGHT, CHAR / 2)]
    assert whole and all(len(line.text) == 28 for line in whole)


def test_title_masthead_and_number_in_their_places_and_faces(notice):
    path, pages = notice
    first = pages[0]
    (masthead,) = first.find("青山市实验中学工会委员会文件")
    assert near(masthead.top, TOP + 35, 2) and near(masthead.centre, CENTRE, 0.5)
    (number,) = first.find("青实工〔2026〕12号")
    assert near(number.centre, CENTRE, 0.5) and near(number.height_pt, 16, 0.3)
    title = [line for line in first.lines if near(line.height_pt, 22, 0.3)]
    assert [line.text for line in title] == ["关于开展2027年春节送温暖活动", "和困难职工帮扶慰问工作的通知"]
    assert all(near(line.centre, CENTRE, 0.5) for line in title)
    if not font_installed("FandolFang"):
        pytest.skip("the Fandol fonts are not installed (scripts/install-fandol-fonts)")
    fonts = {text: (font, size) for _, text, font, size in text_fonts(path)}
    body_font = fonts["各工会小组、全体会员："]
    assert body_font[1] == 16 and body_font[0] in {"FandolFang", "FangSong", "FangSong_GB2312"}
    assert fonts["关于开展2027年春节送温暖活动"] == ("Fandol-Song-Bold", 22)
    assert fonts["一、活动时间。"][0] == "Fandol-Hei"
    assert fonts["（一）困难职工。"][0] == "FandolKai"
    assert fonts["青山市实验中学工会委员会文件"][0] == "Fandol-Song-Bold"


def test_page_numbers_and_headings_are_printed_from_the_file_of_their_weight(notice):
    """Fandol's Bold files state a regular weight; fontconfig alone printed the 宋体 page numbers and the 黑体
    headings from them (fonts.py)."""
    path, _ = notice
    if not font_installed("FandolSong"):
        pytest.skip("the Fandol fonts are not installed (scripts/install-fandol-fonts)")
    fonts = {text: font for _, text, font, _size in text_fonts(path)}
    files = embedded_files(path)
    assert files[fonts["— 1 —"]] == "FandolSong-Regular"
    assert files[fonts["一、活动时间。"]] == "FandolHei-Regular"
    assert files[fonts["关于开展2027年春节送温暖活动"]] == "FandolSong-Bold"


def test_signature_is_centred_over_the_date_four_characters_in_with_no_seal_placeholder(notice):
    _, pages = notice
    (page,) = [page for page in pages if page.find("2026年12月1日")]
    (date,) = page.find("2026年12月1日")
    signer = [line for line in page.lines if line.text == "青山市实验中学工会委员会"][0]
    assert near(date.right, RIGHT - 4 * CHAR, 0.6)
    assert near(signer.centre, date.centre, 0.5)
    assert near(date.top - signer.top, LINE, 0.05)
    assert not any("盖章" in line.text or "印章" in line.text for page in pages for line in page.lines)


def test_attachments_are_numbered_and_aligned_under_the_first_name(notice):
    _, pages = notice
    lines = [line for page in pages for line in page.lines]
    first = next(line for line in lines if line.text.startswith("附件："))
    second = next(line for line in lines if line.text.startswith("2.困难职工家庭情况调查表"))
    assert first.text == "附件：1.春节送温暖慰问对象推荐表"
    assert second.text == "2.困难职工家庭情况调查表"  # its full stop dropped
    assert near(first.left, LEFT + 2 * CHAR, 0.6) and near(second.left, first.left + 3 * CHAR, 0.6)


def test_colophon_closes_the_last_page_and_page_numbers_alternate(notice):
    _, pages = notice
    last = pages[-1]
    (cc,) = last.find("抄送：青山市教育工会，学校党委。")
    (printed,) = last.find("2026年12月2日印发")
    assert near(cc.height_pt, 14, 0.3) and near(printed.right, RIGHT - 14 * PT, 0.6)
    assert printed.bottom <= BOTTOM and BOTTOM - printed.bottom < LINE / 2
    for page in pages:
        (number,) = page.find(f"—{page.number}—")
        assert near(number.height_pt, 14, 0.3) and near(number.top, BOTTOM + 7, 3)
        if page.number % 2:
            assert near(number.right, RIGHT - 14 * PT, 0.6)
        else:
            assert near(number.left, LEFT + 14 * PT, 0.6)


def body_lines_above_the_signature(path):
    (page,) = [page for page in read_pages(path) if page.find("2026年12月1日")]
    signer = next(line for line in page.lines if line.text == "青山市实验中学工会委员会")
    return page, [line for line in body_lines(page) if line.bottom < signer.top and line.top > TOP - 1]


@pytest.mark.parametrize("sentences", range(8, 16))
def test_signature_never_stands_alone_on_a_page(tmp_path, sentences):
    """Whatever the body's length, the page with the 署名 also holds at least two lines of body."""
    body = "\n".join([SENTENCE * 2] * sentences)
    page, above = body_lines_above_the_signature(render_notice(tmp_path, body=body, attachments="", cc=""))
    above = [line for line in above if SENTENCE[:4] in line.text]
    assert len(above) >= 2, f"page {page.number} holds {len(above)} body lines above the signature"


@pytest.mark.parametrize("sentences", [8, 15])
def test_a_last_paragraph_of_one_line_takes_the_line_before_it_along(tmp_path, sentences):
    """The body ends in a one-line paragraph just at a page's foot: that line alone went over with the 署名
    (8 and 15 paragraphs did so); now the paragraph before it keeps its last line with it."""
    body = "\n".join([SENTENCE * 2] * sentences + ["请各小组于1月10日前报送名单。"])
    page, above = body_lines_above_the_signature(render_notice(tmp_path, body=body, attachments="", cc=""))
    assert page.number > 1 and len(above) >= 2, f"page {page.number}: {[line.text for line in above]}"
    assert above[-1].text.startswith("请各小组") and above[-2].text.endswith(SENTENCE[-5:])


@pytest.mark.parametrize(
    "title, lines",
    [
        ("关于召开第四届教职工代表大会第三次会议的通知", ["关于召开第四届教职工代表大会", "第三次会议的通知"]),
        ("关于做好困难职工帮扶工作的通知", ["关于做好困难职工帮扶工作的通知"]),
        ("关于开展2027年春节送温暖活动和困难职工帮扶慰问工作的通知", None),
        ("关于表彰2026年度先进工会小组、优秀工会积极分子和模范职工之家建设单位的决定", None),
    ],
)
def test_titles_break_into_balanced_lines_without_a_stray_last_character(title, lines):
    broken = balanced_title(title)
    assert "".join(broken) == title
    if lines:
        assert broken == lines
    assert all(len(line) >= 3 for line in broken)
    assert all(sum(0.5 if char.isascii() else 1 for char in line) <= 20 for line in broken)  # 2号 in 156 mm
    assert max(map(len, broken)) - min(map(len, broken)) <= 8


def test_the_bench_floor_renders_the_same_html_with_weasyprint_alone(db):
    """make bench times a document beside WeasyPrint on the same HTML; both give the same pages."""
    from unionportal.documents.rendering import document_html, weasyprint_pdf

    html = document_html(Notice, PARAMS)
    assert "青实工〔2026〕12号" in html
    assert weasyprint_pdf(html).startswith(b"%PDF")
