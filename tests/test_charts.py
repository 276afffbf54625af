from django.utils import translation

from members.statistics import people
from unionportal.charts import bar_chart


def test_bars_scale_to_the_largest_value_and_escape_labels():
    svg = bar_chart([("语文组", 10), ("<script>", 5)], width=480)
    assert svg.startswith("<svg")
    assert 'width="310.0"' in svg  # the largest bar fills the bar space: 480 - 110 - 60
    assert 'width="155.0"' in svg
    assert "&lt;script&gt;" in svg


def test_no_items_no_chart():
    assert bar_chart([]) == ""


def test_each_value_is_written_by_the_callers_label():
    svg = bar_chart([("语文组", 1), ("数学组", 12)], value_label=lambda n: f"{n} x")
    assert ">1 x</text>" in svg
    assert ">12 x</text>" in svg


def test_each_value_is_labelled_once():
    """The figure is written beside the bar, measured and read out from one call (a translation each)."""
    labelled = []
    bar_chart([("语文组", 1), ("数学组", 12)], value_label=lambda n: labelled.append(n) or f"{n}人")
    assert labelled == [1, 12]


def test_chart_counts_follow_the_language():
    items = [("语文组", 1), ("数学组", 12)]
    with translation.override("zh-hans"):
        assert ">1人</text>" in bar_chart(items, value_label=people)
    with translation.override("en"):
        svg = bar_chart(items, value_label=people)
    assert ">1 person</text>" in svg
    assert ">12 people</text>" in svg


def test_long_labels_and_figures_are_never_clipped():
    """Issue 16: every label starts inside the chart and every figure ends inside it."""
    import re

    from unionportal.charts import text_width

    items = [("离退休教职工与劳务派遣人员合并小组", 3), ("语文组", 1200)]
    svg = str(bar_chart(items, value_label=lambda n: f"{n:,}人次（含重复参加）"))
    width = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))
    for x, anchor, text in re.findall(
        r'<text x="([\d.]+)" y="[\d.]+" (text-anchor="end" )?font-size="11">([^<]*)<', svg
    ):
        start = float(x) - (text_width(text) if anchor else 0)
        end = float(x) + (0 if anchor else text_width(text))
        assert start >= 0 and end <= width, text
