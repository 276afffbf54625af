from unittest import mock

import pytest
from django import forms
from django.forms.utils import flatatt
from django.test.html import parse_html
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from unionportal.forms import PlainSelect, PlainTextInput

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


def test_plain_select_writes_its_attributes_as_flatatt_does():
    attrs = {"required": True, "class": 'a"<b>', "aria-label": gettext_lazy("性别"), "disabled": False, "data-n": 3}
    attrs |= {"autofocus": True, "title": None, "data-safe": mark_safe("<i>")}
    with translation.override("zh-hans"):
        # nor through format_html, whose lazy-string wrappers cost a small select more than its options
        with mock.patch("unionportal.forms.format_html", side_effect=AssertionError("format_html")):
            html = PlainSelect(choices=[("", "全部")], attrs=attrs).render("gender", None)
        assert html.startswith(f'<select name="gender"{flatatt(attrs)}>\n'), html


@pytest.mark.parametrize("value", ["", None, 'a"<b>&', 12])
def test_plain_text_input_writes_what_djangos_text_input_writes(value):
    attrs = {"class": "form-control", "aria-label": gettext_lazy("搜索"), "required": True, "disabled": False}
    attrs |= {"placeholder": '姓名"<>', "data-none": None}
    with translation.override("zh-hans"):
        django_html, plain_html = (
            widget(attrs=attrs).render("search", value, attrs={"id": "id_search"})
            for widget in (forms.TextInput, PlainTextInput)
        )
    assert plain_html == django_html


def test_plain_select_is_written_once_per_language_chosen_value_and_choices():
    choices = [("", gettext_lazy("全部")), ("F", gettext_lazy("女"))]
    select = PlainSelect(choices=choices, attrs={"aria-label": gettext_lazy("性别")})
    with translation.override("zh-hans"):
        chinese = select.render("sex", "F")
        with mock.patch("unionportal.forms._select", side_effect=AssertionError("written again")):
            assert select.render("sex", "F") == chinese
        assert select.render("sex", "") != chinese  # another chosen value
    with translation.override("en"):
        english = select.render("sex", "F")
    assert "女" in chinese and "Female" in english and 'aria-label="Gender"' in english
    groups = PlainSelect(choices=[*choices, ("M", "男")]).render("sex", "F")  # other choices: another select
    assert "男" in groups
