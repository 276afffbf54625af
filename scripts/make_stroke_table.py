"""Write the two tables of 姓氏笔画 order under unionportal/data/.

strokes.txt: the stroke count (总笔画数) of every CJK Unified Ideograph (U+4E00–U+9FFF), one line per count:
the count, a space, then its characters by code point. The counts are Unihan's kTotalStrokes, the
simplified-Chinese value where it gives two (范 8, not 9). Unihan is read from Debian's unicode-data package
(apt-get install unicode-data; Unicode 15.0 in Debian 12).

stroke_order.txt: the stroke sequence (笔顺) of the 6,900-odd characters in common use, one line per
character: the character, a space, its strokes as the digits of 《通用规范汉字笔顺规范》: 1 横 (with 提),
2 竖 (with 竖钩), 3 撇, 4 点 (with 捺), 5 折 (every bent stroke). The sequences come from the npm package
cnchar-order 3.2.6 (MIT, github.com/theajack/cnchar), one letter per named stroke; a sequence whose length
disagrees with Unihan's count (皙, 囍) is left out, so the character is ordered by its count alone.

Run:
  (cd /tmp && npm pack cnchar-order@3.2.6 && tar xzf cnchar-order-3.2.6.tgz)
  .venv/bin/python scripts/make_stroke_table.py /tmp/package/cnchar.order.min.js
"""

import bz2
import collections
import json
import pathlib
import re
import sys

UNIHAN = pathlib.Path("/usr/share/unicode/Unihan_IRGSources.txt.bz2")
DATA = pathlib.Path(__file__).resolve().parent.parent / "unionportal" / "data"

# cnchar's stroke letters (its table of 26 stroke names) → the five classes; any letter not named is a 折.
CLASSES = {"j": "1", "i": "1", "f": "2", "g": "2", "s": "3", "k": "4", "d": "4", "l": "4"}


def stroke_counts():
    counts = {}
    for line in bz2.open(UNIHAN, "rt", encoding="utf-8"):
        if "\tkTotalStrokes\t" in line:
            code, _field, value = line.rstrip("\n").split("\t")
            if 0x4E00 <= int(code[2:], 16) <= 0x9FFF:
                counts[chr(int(code[2:], 16))] = int(value.split()[0])
    return counts


def cnchar_orders(script):
    """The first JSON table of the package's bundle: character → stroke letters."""
    text = pathlib.Path(script).read_text(encoding="utf-8")
    return json.loads(re.search(r"JSON\.parse\('(\{.*?\})'\)", text).group(1))


def main(script):
    counts = stroke_counts()
    by_count = collections.defaultdict(list)
    for char, count in counts.items():
        by_count[count].append(char)
    lines = (f"{count} {''.join(sorted(by_count[count]))}\n" for count in sorted(by_count))
    (DATA / "strokes.txt").write_text("".join(lines), encoding="utf-8")
    orders = {
        char: "".join(CLASSES.get(letter, "5") for letter in letters)
        for char, letters in cnchar_orders(script).items()
        if counts.get(char) == len(letters)
    }
    lines = (f"{char} {orders[char]}\n" for char in sorted(orders))
    (DATA / "stroke_order.txt").write_text("".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
