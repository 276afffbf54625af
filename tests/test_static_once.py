"""{% static_once %}: what {% static %} gives, asked of the storage once per process."""

from unittest import mock

from django.template import engines
from django.templatetags.static import static
from django.test import override_settings

from unionportal.templatetags import static_once

PAGE = "{% load static_once %}<script src=\"{% static_once 'js/person_picker.js' %}\"></script>"


def render():
    return engines["django"].from_string(PAGE).render({})


def test_it_gives_what_static_gives_and_asks_the_storage_once():
    static_once._url.cache_clear()
    with mock.patch.object(static_once, "static", wraps=static) as asked:
        assert render() == render() == f'<script src="{static("js/person_picker.js")}"></script>'
    assert asked.call_count == 1


@override_settings(STATIC_URL="/assets/")
def test_another_static_url_is_looked_up_again():
    assert render() == '<script src="/assets/js/person_picker.js"></script>'
