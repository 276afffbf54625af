import datetime

import pytest
from django.template import engines
from django.utils import translation

# 16:30 UTC is past midnight in Asia/Shanghai: the day written must be the local one
MOMENT = datetime.datetime(2026, 3, 9, 16, 30, tzinfo=datetime.UTC)


def _render(source, value):
    return engines["django"].from_string("{% load portal %}" + source).render({"value": value})


@pytest.mark.parametrize("value", [MOMENT, MOMENT.date(), datetime.date(2026, 12, 31), None, ""])
def test_ymd_writes_what_the_date_filter_writes(value):
    assert _render("{{ value|ymd }}", value) == _render('{{ value|date:"Y-m-d" }}', value)


@pytest.mark.parametrize("value", [MOMENT, MOMENT.replace(hour=3, minute=5), None])
def test_ymd_hm_writes_what_the_date_filter_writes(value):
    assert _render("{{ value|ymd_hm }}", value) == _render('{{ value|date:"Y-m-d H:i" }}', value)


def test_ymd_hm_writes_the_local_time():
    assert _render("{{ value|ymd_hm }}", MOMENT) == "2026-03-10 00:30"


DAYS = [datetime.date(2026, 3, 9), datetime.date(2026, 12, 31)]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("value", DAYS)
def test_day_writes_what_a_date_writes_in_each_language(value, language):
    with translation.override(language):
        assert _render("{{ value|day }}", value) == _render("{{ value }}", value)
        assert _render('{{ value|day:"n月j日" }}', value) == _render('{{ value|date:"n月j日" }}', value)
        assert _render('{{ value|day:"N j" }}', value) == _render('{{ value|date:"N j" }}', value)


def test_day_writes_each_language_its_own_month_names():
    with translation.override("en"):
        assert _render("{{ value|day }}", DAYS[0]) == "March 9, 2026"
    with translation.override("zh-hans"):
        assert _render("{{ value|day }}", DAYS[0]) == "2026年3月9日"


def test_day_writes_nothing_for_no_day():
    assert _render("{{ value|day }}", None) == ""
