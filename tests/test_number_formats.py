from decimal import Decimal

from unionportal.templatetags.portal import percent, yuan


def test_percent_rounds_to_one_decimal():
    assert percent(0.95833) == "95.8%"
    assert percent(None) == "—"


def test_yuan_has_two_decimals_and_thousands():
    assert yuan(Decimal("1234.5")) == "1,234.50元"
    assert yuan(Decimal("0.005")) == "0.01元"
    assert yuan("") == "—"


def test_chinese_ordinals_for_chapter_numbers():
    from unionportal.templatetags.portal import chinese_ordinal

    assert [chinese_ordinal(n) for n in (1, 10, 11, 20, 23)] == ["一", "十", "十一", "二十", "二十三"]
    big = ["一百", "一百零五", "一百一十", "一千零一", "二千零二十六"]
    assert [chinese_ordinal(n) for n in (100, 105, 110, 1001, 2026)] == big
