"""Orders people read by eye: numbered names by their number (第二代表组 before 第十一代表组, not by code point)."""

import re

DIGITS = dict(zip("〇零一二两三四五六七八九", [0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9], strict=True))
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMBER = re.compile(r"\d+|[〇零一二两三四五六七八九十百千]+")


def chinese_number(text):
    """The value of a number written in Chinese (十一 → 11, 二十 → 20, 一百零五 → 105) or in digits."""
    if text.isdigit():
        return int(text)
    total, digit = 0, 0
    for char in text:
        if char in UNITS:
            total += (digit or 1) * UNITS[char]
            digit = 0
        else:
            digit = DIGITS[char]
    return total + digit


def numbered_key(text):
    """A sort key reading every number in ``text`` by its value: 第一、第二…第十、第十一 in that order."""
    parts = NUMBER.split(text)
    numbers = [chinese_number(found) for found in NUMBER.findall(text)]
    key = [parts[0]]
    for number, part in zip(numbers, parts[1:], strict=True):
        key += [number, part]
    return tuple(key)
