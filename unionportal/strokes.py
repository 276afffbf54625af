"""姓氏笔画: the order of names on official printed rosters (代表名册, 打印名册).

As in GB 13000.1 笔顺 and 《通用规范汉字笔顺规范》: the first character with fewer strokes comes first;
among equal counts the strokes are compared one by one in the classes 横 1 (with 提), 竖 2 (with 竖钩),
撇 3, 点 4 (with 捺), 折 5, and where the whole sequence is the same, the next character decides. Counts
come from data/strokes.txt (Unihan) and sequences from data/stroke_order.txt (cnchar-order), both made by
scripts/make_stroke_table.py. A character whose sequence is not known follows the known ones of its
count, by code point. A 复姓 such as 欧阳 is one surname, so it follows every 欧 with a one-character
surname. Characters without a count (letters, rare ideographs) come last.
"""

from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 公孙 慕容 令狐 夏侯 尉迟 长孙 宇文 司徒 端木 轩辕 澹台 "
    "宗政 濮阳 呼延 申屠 南宫 钟离 百里 东郭 独孤 西门 闻人 赫连 公冶 万俟".split()
)

UNKNOWN = 10_000  # after any real count
UNKNOWN_SEQUENCE = "6"  # after any sequence of the five classes


@cache
def _counts():
    counts = {}
    for line in (DATA / "strokes.txt").read_text(encoding="utf-8").splitlines():
        count, characters = line.split()
        counts.update(dict.fromkeys(characters, int(count)))
    return counts


@cache
def _sequences():
    return dict(line.split() for line in (DATA / "stroke_order.txt").read_text(encoding="utf-8").splitlines())


def stroke_count(char):
    """The number of strokes of one ideograph, or None for any other character."""
    return _counts().get(char)


def stroke_sequence(char):
    """The strokes of one ideograph in writing order as the digits 1–5 (横竖撇点折), or None."""
    return _sequences().get(char)


def surname_of(name):
    """The surname: two characters for a 复姓 (欧阳修 → 欧阳), otherwise the first character."""
    name = name.strip()
    if len(name) > 2 and name[:2] in COMPOUND_SURNAMES:
        return name[:2]
    return name[:1]


def _char_key(char):
    return (stroke_count(char) or UNKNOWN, stroke_sequence(char) or UNKNOWN_SEQUENCE, char.casefold(), char)


def stroke_key(name):
    """The sort key of a name in 姓氏笔画 order."""
    name = name.strip()
    surname = surname_of(name)
    return tuple(map(_char_key, surname)), tuple(map(_char_key, name[len(surname) :])), name


def in_stroke_order(people, name=lambda person: person.name):
    """The people sorted by 姓氏笔画; ``name`` reads the name from each item."""
    return sorted(people, key=lambda person: stroke_key(name(person)))
