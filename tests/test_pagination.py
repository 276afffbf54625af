"""The page links under every list: around the page shown, whichever page that is."""

import re

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


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
