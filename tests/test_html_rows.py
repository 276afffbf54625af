import pytest
from django.template import Context, Template
from django.utils.safestring import SafeString, mark_safe

from unionportal.html_rows import html_rows


def test_rows_escape_text_as_autoescape_does_and_keep_the_markup_they_are_given():
    html = html_rows(
        '<li title="{title}">{name}{badge}</li>',
        ['<b>"王"&\'', "李四"],
        lambda name: {"title": name, "name": name, "badge": mark_safe("<i>会员</i>") if name == "李四" else ""},
    )
    assert isinstance(html, SafeString)
    assert html == (
        '<li title="&lt;b&gt;&quot;王&quot;&amp;&#x27;">&lt;b&gt;&quot;王&quot;&amp;&#x27;</li>'
        '<li title="李四">李四<i>会员</i></li>'
    )


def test_no_rows_are_no_html():
    assert html_rows("<li>{name}</li>", [], lambda row: {"name": row}) == ""


def test_a_number_is_written_as_text():
    assert html_rows("<td>{count}</td>", [3, 12], lambda n: {"count": n}) == "<td>3</td><td>12</td>"


BOARD_LOOP = (
    '{% for value, label in pairs %}<option value="{{ value }}"{% if value == chosen %} selected{% endif %}>'
    "{{ label }}</option>{% endfor %}"
)
EVENTS_LOOP = (
    '{% for value, label in pairs %}<option value="{{ value }}" {% if chosen == value %}selected{% endif %}>'
    "{{ label }}</option>{% endfor %}"
)
EVENTS_TAG = '{% options choices chosen \'<option value="{value}" {selected}>{label}</option>\' "selected" %}'


@pytest.mark.parametrize(("loop", "tag"), [(BOARD_LOOP, "{% options choices chosen %}"), (EVENTS_LOOP, EVENTS_TAG)])
@pytest.mark.parametrize(
    ("choices", "chosen"),
    [
        ([(3, '<b>"财务"</b>&\''), (12, "人事"), (2025, 2025)], 12),
        ([(3, "财务"), (12, "人事")], None),
        ([2026, 2025, 2024], 2025),
        ([("sports", "体育"), ("trip", "A<b>&\"'x</b>")], "trip"),
        ([("sports", "体育"), ("sports", "again")], "sports"),
        ([], ""),
    ],
)
def test_a_filter_bars_options_are_written_as_the_template_loop_wrote_them(loop, tag, choices, chosen):
    pairs = [choice if isinstance(choice, tuple) else (choice, choice) for choice in choices]  # a year is its own label
    context = Context({"choices": choices, "pairs": pairs, "chosen": chosen})
    assert Template("{% load portal %}" + tag).render(context) == Template(loop).render(context)
