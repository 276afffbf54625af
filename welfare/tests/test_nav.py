"""The welfare pages' tabs, drawn once per set of tabs and language: each user still sees her own."""

import re

import pytest

pytestmark = pytest.mark.django_db

EVERY_TAB = [
    "工作台",
    "困难档案",
    "帮扶申请",
    "慰问活动",
    "关怀任务",
    "走访慰问",
    "打印登记表",
    "发放台账",
    "统计",
    "爱心捐款",
]


def _tabs(response):
    page = response.content.decode()
    tabs = page[page.index("nav nav-pills mb-3 small") :].split("</ul>")[0]
    return re.findall(r'class="nav-link" href="/welfare/[^"]*">([^<]*)<', tabs)


def test_the_tabs_follow_each_users_permissions_whoever_came_first(client_as, users):
    assert _tabs(client_as("welfare").get("/welfare/campaigns/")) == EVERY_TAB
    assert _tabs(client_as("staff").get("/welfare/campaigns/")) == ["慰问活动", "爱心捐款"]
    assert _tabs(client_as("welfare").get("/welfare/campaigns/")) == EVERY_TAB


def test_the_tabs_follow_the_language(client_as, users):
    client = client_as("welfare")
    assert _tabs(client.get("/welfare/"))[0] == "工作台"
    client.cookies["django_language"] = "en"
    assert _tabs(client.get("/welfare/"))[0] == "Dashboard"
