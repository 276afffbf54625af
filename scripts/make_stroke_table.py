"""Write unionportal/data/strokes.txt: the stroke count (总笔画数) of every CJK Unified Ideograph
(U+4E00–U+9FFF), one line per count: the count, a space, then its characters by code point.

The counts are Unihan's kTotalStrokes, the simplified-Chinese value where it gives two (范 8, not 9).
Unihan is read from Debian's unicode-data package (apt-get install unicode-data; Unicode 15.0 in Debian 12),
nothing else is needed. The first strokes of surnames are not in Unihan: unionportal/strokes.py lists them.
Run: .venv/bin/python scripts/make_stroke_table.py
"""

import bz2
import collections
import pathlib

UNIHAN = pathlib.Path("/usr/share/unicode/Unihan_IRGSources.txt.bz2")
OUT = pathlib.Path(__file__).resolve().parent.parent / "unionportal" / "data" / "strokes.txt"


def main():
    by_count = collections.defaultdict(list)
    for line in bz2.open(UNIHAN, "rt", encoding="utf-8"):
        if "\tkTotalStrokes\t" in line:
            code, _field, counts = line.rstrip("\n").split("\t")
            if 0x4E00 <= int(code[2:], 16) <= 0x9FFF:
                by_count[int(counts.split()[0])].append(chr(int(code[2:], 16)))
    OUT.write_text("".join(f"{count} {''.join(by_count[count])}\n" for count in sorted(by_count)), encoding="utf-8")


if __name__ == "__main__":
    main()
