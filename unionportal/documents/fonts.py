"""The typefaces of printed documents, as CSS font stacks.

GB/T 9704-2012 sets 公文 in 仿宋 (body), 小标宋 (title, issuing-body mark), 黑体 (first-level
headings) and 楷体 (second-level headings); page numbers are in 宋体. Each stack names first a font
the union uploaded in its profile (embedded from its file), then the office fonts a Chinese Windows
or WPS machine has, then the free Fandol fonts (GPL with the font exception) that
``scripts/install-system-packages`` and the Dockerfile install, then Noto CJK for any character
Fandol lacks. Fontconfig takes the first family that is installed, per character.

Fandol's two Bold files state a regular weight, so fontconfig answers a plain ``FandolSong`` or
``FandolHei`` with the Bold file as readily as with the Regular one (here it took the Bold: page
numbers and 黑体 headings came out bold). The stacks therefore name ``Fandol-Song`` and
``Fandol-Hei``, families of our own whose ``@font-face`` rules give each file its true weight.
"""

from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Face:
    key: str  # --font-<key> in CSS; UnionProfile.font_<key> holds the union's own file
    label: str
    office: tuple[str, ...]
    free: tuple[str, ...]

    @property
    def uploaded_family(self):
        return f"union-{self.key}"


FACES = (
    Face(
        "fang",
        _("仿宋（公文正文、主送、署名、版记）"),
        ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong"),
        ("FandolFang", "Noto Serif CJK SC", "serif"),
    ),
    Face(
        "title",
        _("小标宋（公文标题、发文机关标志）"),
        ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05"),
        ("Fandol-Song", "Noto Serif CJK SC", "serif"),  # taken in bold: 小标宋 is a heavy Song
    ),
    Face(
        "hei",
        _("黑体（一级标题、表头）"),
        ("黑体", "SimHei", "方正黑体_GBK"),
        ("Fandol-Hei", "Noto Sans CJK SC", "sans-serif"),
    ),
    Face(
        "kai",
        _("楷体（二级标题）"),
        ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti"),
        ("FandolKai", "AR PL UKai CN", "Noto Serif CJK SC", "serif"),
    ),
    Face(
        "song",
        _("宋体（页码、登记表与报告正文）"),
        ("宋体", "SimSun", "Songti SC"),
        ("Fandol-Song", "Noto Serif CJK SC", "serif"),
    ),
)
# family: the PostScript names of its regular and bold files
WEIGHTED = {
    "Fandol-Song": ("FandolSong-Regular", "FandolSong-Bold"),
    "Fandol-Hei": ("FandolHei-Regular", "FandolHei-Bold"),
}
WEIGHTED_FACES = "\n".join(
    f'@font-face {{ font-family: "{family}"; src: local("{name}"); font-weight: {weight}; }}'
    for family, names in WEIGHTED.items()
    for name, weight in zip(names, ("normal", "bold"), strict=True)
)
GENERIC = {"serif", "sans-serif"}


def _quoted(name):
    return name if name in GENERIC else f'"{name}"'


def stack(face, uploaded=False):
    names = ((face.uploaded_family,) if uploaded else ()) + face.office + face.free
    return ", ".join(_quoted(name) for name in names)


def font_css(union):
    """The custom properties ``--font-fang`` …, the weighted Fandol families and an ``@font-face`` for
    each font the union uploaded."""
    rules, properties = [WEIGHTED_FACES], []
    for face in FACES:
        upload = getattr(union, f"font_{face.key}", None)
        uploaded = bool(upload) and Path(upload.path).exists()
        if uploaded:
            rules.append(
                f'@font-face {{ font-family: "{face.uploaded_family}"; src: url("{Path(upload.path).as_uri()}"); }}'
            )
        properties.append(f"--font-{face.key}: {stack(face, uploaded)};")
    return "\n".join([*rules, ":root { " + " ".join(properties) + " }"])
