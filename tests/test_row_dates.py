import datetime

import pytest
from django.template import engines

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
