"""Row links worked out once per page are the links reverse() gives each row."""

from django.test import override_settings
from django.urls import reverse, set_script_prefix

from unionportal.links import url_for_each


def test_row_urls_are_the_reversed_urls():
    url = url_for_each("members:detail")
    for pk in (1, 7, 987654321, 10**12):
        assert url(pk) == reverse("members:detail", args=[pk])


@override_settings(FORCE_SCRIPT_NAME="/portal/")
def test_row_urls_keep_the_script_prefix():
    set_script_prefix("/portal/")
    try:
        assert url_for_each("activities:detail")(5) == reverse("activities:detail", args=[5]) == "/portal/activities/5/"
    finally:
        set_script_prefix("/")
