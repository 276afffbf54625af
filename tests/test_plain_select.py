import pytest
from django import forms
from django.test.html import parse_html
from django.utils.safestring import mark_safe

from unionportal.forms import PlainSelect

CHOICES = [
    ("", "全部"),
    ('a"', "甲<乙>&丙"),
    ("safe", mark_safe("<b>已转义</b>")),
    ("组", [("x", "子项"), ("y", "另一项")]),
]


def _both(value, attrs):
    return [
        widget(choices=CHOICES, attrs={"class": "form-select", "aria-label": "性别", "required": True}).render(
            "gender", value, attrs=attrs
        )
        for widget in (forms.Select, PlainSelect)
    ]


def test_plain_select_writes_the_same_elements_and_attributes_as_djangos_select():
    django_html, plain_html = _both('a"', {"id": "id_gender"})
    assert parse_html(plain_html) == parse_html(django_html)
    assert "甲&lt;乙&gt;&amp;丙" in plain_html and "<b>已转义</b>" in plain_html


def test_plain_select_marks_the_chosen_option_inside_a_group():
    django_html, plain_html = _both("y", None)
    assert parse_html(plain_html) == parse_html(django_html)
    assert '<option value="y" selected>另一项</option>' in plain_html


@pytest.mark.parametrize("value", ["1", None])
def test_plain_select_marks_only_the_first_option_of_a_value_and_writes_none_as_django_does(value):
    choices = [(None, "未选"), ("1", "甲"), ("1", "甲（重复）"), ("组", [(None, "空"), (2, "乙")])]
    django_html, plain_html = (widget(choices=choices).render("pick", value) for widget in (forms.Select, PlainSelect))
    assert parse_html(plain_html) == parse_html(django_html)
    assert plain_html.count(" selected") == 1
