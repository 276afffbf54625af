"""Read a rendered PDF back as a person with a ruler would: page sizes, every line of text with its
box in millimetres (poppler's ``pdftotext -bbox-layout``), and the font and size of each run of text
(pypdf). The document tests assert GB/T 9704's numbers on what these return."""

import subprocess
from dataclasses import dataclass
from pathlib import Path

import lxml.etree
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


def fonts_of(path: Path, text: str) -> set[tuple[str, float]]:
    """The (font, size) of the runs that hold the text."""
    return {(font, size) for _, run, font, size in text_fonts(path) if text in run}


SCREENSHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"


def save_screenshots(path: Path, name: str) -> None:
    """Every page as a PNG in var/screenshots/, to look at what an office would print."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(SCREENSHOTS / f"document-{name}")], check=True)


CHINESE_FONTS = ("Fandol", "CJK", "FangSong", "SimSun", "SimHei", "KaiTi", "XiaoBiaoSong")


def has_chinese_font(font_names) -> bool:
    """One of the fonts is a Chinese face of the stacks in fonts.py (free or an office's)."""
    return any(face in name for name in font_names for face in CHINESE_FONTS)
