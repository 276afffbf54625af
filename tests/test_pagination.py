"""The page links under every list: around the page shown, whichever page that is."""

import re

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory

from unionportal.templatetags.portal import page_numbers


def pagination(number):
    request = RequestFactory().get("/list/", {"page": number, "q": "王"})
    page = Paginator(range(1000), 10).page(number)  # 100 pages
    return render_to_string("includes/pagination.html", {"page_obj": page}, request=request)


def page_links(number):
    return re.findall(r'class="page-link"[^>]*>(\d+|…)<', pagination(number))


def test_links_surround_the_page_shown():
    assert page_links(50) == ["1", "2", "…", "47", "48", "49", "50", "51", "52", "53", "…", "99", "100"]


def test_first_and_last_pages():
    assert page_links(1) == ["1", "2", "3", "4", "…", "99", "100"]
    assert page_links(100) == ["1", "2", "…", "97", "98", "99", "100"]


def test_links_keep_the_other_parameters():
    html = pagination(50)
    assert "?page=51&amp;q=%E7%8E%8B" in html or "?q=%E7%8E%8B&amp;page=51" in html


def test_links_keep_the_place_and_every_value_of_the_other_parameters():
    request = RequestFactory().get("/list/?when=past&page=2&kind=a&kind=b&note=987654321%26page%3D1")
    html = render_to_string("includes/pagination.html", {"page_obj": Paginator(range(100), 10).page(2)}, request)
    for number in (1, 3, 10):
        assert f'href="?when=past&amp;page={number}&amp;kind=a&amp;kind=b&amp;note=987654321%26page%3D1"' in html


def test_links_add_the_page_last_when_the_query_has_none():
    html = render_to_string(
        "includes/pagination.html", {"page_obj": Paginator(range(100), 10).page(1)}, RequestFactory().get("/list/")
    )
    assert 'href="?page=2"' in html


def test_page_numbers_are_written_as_the_template_loop_wrote_them_and_escaped():
    html = page_numbers([("1", '?q="<王>"&page=1', False), ("2", "", True), ("…", "", False)])
    item = "\n      \n        {}\n      \n    ".format
    assert html == (
        item('<li class="page-item"><a class="page-link" href="?q=&quot;&lt;王&gt;&quot;&amp;page=1">1</a></li>')
        + item('<li class="page-item active" aria-current="page"><span class="page-link">2</span></li>')
        + item('<li class="page-item disabled"><span class="page-link">…</span></li>')
    )
