"""Read a rendered PDF back as a person with a ruler would: page sizes, every line of text with its
box in millimetres (poppler's ``pdftotext -bbox-layout``), and the font and size of each run of text
(pypdf). The document tests assert GB/T 9704's numbers on what these return."""

import subprocess
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import lxml.etree
from fontTools.ttLib import TTFont
from pypdf import PdfReader

PT = 25.4 / 72  # millimetres per point
XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Line:
    text: str
    left: float  # mm from the page's left edge
    top: float  # mm from the page's top edge
    right: float
    bottom: float

    @property
    def height_pt(self):
        return (self.bottom - self.top) / PT

    @property
    def centre(self):
        return (self.left + self.right) / 2


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]

    def find(self, text):
        return [line for line in self.lines if text in line.text]


def read_pages(path: Path) -> list[Page]:
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, check=True).stdout
    root = lxml.etree.fromstring(xml, parser=lxml.etree.XMLParser(recover=True))
    pages = []
    for number, page in enumerate(root.iter(f"{XHTML}page"), 1):
        lines = []
        for line in page.iter(f"{XHTML}line"):
            words = [word.text or "" for word in line.iter(f"{XHTML}word")]
            box = [float(line.get(name)) * PT for name in ("xMin", "yMin", "xMax", "yMax")]
            lines.append(Line("".join(words), *box))
        lines.sort(key=lambda line: (round(line.top, 1), line.left))
        pages.append(Page(number, float(page.get("width")) * PT, float(page.get("height")) * PT, lines))
    return pages


def text_fonts(path: Path) -> list[tuple[int, str, str, float]]:
    """(page number, text, font name without its subset tag, size in points) of every run of text."""
    runs = []
    for number, page in enumerate(PdfReader(path).pages, 1):

        def visit(text, cm, tm, font, size, number=number):
            if text.strip() and font:
                scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
                runs.append((number, text.strip(), str(font["/BaseFont"]).split("+")[-1], round(size * scale, 1)))

        page.extract_text(visitor_text=visit)
    return runs


def embedded_files(path: Path) -> dict[str, str]:
    """Each font's name in the PDF (without its subset tag) → the PostScript name inside the font program
    embedded for it: the file fontconfig chose, which a family name alone does not tell."""
    files = {}
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            program = TTFont(BytesIO(descriptor["/FontFile3"].get_object().get_data()))
            files[str(font["/BaseFont"]).split("+")[-1]] = program["name"].getDebugName(6)
    return files


def fonts_of(path: Path, text: str) -> set[tuple[str, float]]:
    """The (font, size) of the runs that hold the text."""
    return {(font, size) for _, run, font, size in text_fonts(path) if text in run}


SCREENSHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"


def save_screenshots(path: Path, name: str) -> None:
    """Every page as a PNG in var/screenshots/, to look at what an office would print."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob(f"document-{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(SCREENSHOTS / f"document-{name}")], check=True)


CHINESE_FONTS = ("Fandol", "CJK", "FangSong", "SimSun", "SimHei", "KaiTi", "XiaoBiaoSong")


def has_chinese_font(font_names) -> bool:
    """One of the fonts is a Chinese face of the stacks in fonts.py (free or an office's)."""
    return any(face in name for name in font_names for face in CHINESE_FONTS)


LINE_MM = 225 / 22
CHAR_MM = 156 / 28
LEFT, RIGHT, TOP, BOTTOM = 28, 210 - 26, 37, 297 - 35  # the 版心 of GB/T 9704


def assert_official_layout(path: Path, *, signer: str, date: str, name: str) -> list[Page]:
    """What every official document shares: A4 with all text in the 版心 and nothing above it, body
    lines 16 pt on the 10.227 mm grid, a 22 pt title, "— n —" page numbers in 14 pt alternating
    right and left, the 署名 centred over the 成文日期 four characters in from the right, on a page
    with body text above it, and no seal placeholder. Saves the pages as PNG."""
    save_screenshots(path, name)
    pages = read_pages(path)
    for page in pages:
        assert abs(page.width - 210) < 0.5 and abs(page.height - 297) < 0.5
        text = [line for line in page.lines if not line.text.startswith("—")]
        assert all(LEFT - 0.3 <= line.left and line.right <= RIGHT + 0.3 for line in text), page
        assert min(line.top for line in text) >= TOP - 0.3 and max(line.bottom for line in text) <= BOTTOM + 0.3
        (number,) = [line for line in page.lines if line.text == f"—{page.number}—"]
        assert abs(number.height_pt - 14) < 0.3 and number.top > BOTTOM
        side = abs(number.right - (RIGHT - 14 * PT)) if page.number % 2 else abs(number.left - (LEFT + 14 * PT))
        assert side < 0.6
        assert not any("盖章" in line.text for line in page.lines)
    assert any(abs(line.height_pt - 22) < 0.3 for line in pages[0].lines), "a 2号 title"
    body = [line for page in pages for line in page.lines if abs(line.height_pt - 16) < 0.3]
    assert body and all(abs(line.left - LEFT) < 0.3 or line.left > LEFT for line in body)
    (page,) = [page for page in pages if any(line.text == date for line in page.lines)]
    date_line = next(line for line in page.lines if line.text == date)
    # the masthead and the 版记's 印发机关 may say the same: the 署名 is the one just above the date
    signer_line = max(
        (line for line in page.lines if line.text == signer and line.top < date_line.top), key=lambda line: line.top
    )
    assert abs(date_line.right - (RIGHT - 4 * CHAR_MM)) < 0.6
    assert abs(signer_line.centre - date_line.centre) < 0.5 and abs(date_line.top - signer_line.top - LINE_MM) < 0.05
    above = [line for line in page.lines if abs(line.height_pt - 16) < 0.3 and line.bottom < signer_line.top]
    assert len(above) >= 2, "the signature never stands alone on a page"
    return pages


def font_installed(family: str) -> bool:
    """Whether fontconfig knows the family (the free Fandol fonts come from scripts/install-fandol-fonts)."""
    found = subprocess.run(["fc-list", family, "family"], capture_output=True, text=True, check=False)
    return bool(found.stdout.strip())
