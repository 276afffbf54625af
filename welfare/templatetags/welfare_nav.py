"""The welfare pages' tabs (welfare/_nav_tabs.html), drawn once per process for each set of tabs shown, language
and URL configuration: its ten reverse() calls and translations cost each page ~0.5 ms of CPU for the same HTML."""

import functools

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language

register = template.Library()

PERMISSIONS = ("view_index", "view_files", "view_campaigns", "view_payments")  # what decides the tabs shown


@register.simple_tag(takes_context=True)
def welfare_nav(context):
    user = context.request.user
    shown = tuple(user.has_perm(f"welfare.{name}") for name in PERMISSIONS)
    return _drawn(shown, get_language(), get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


@functools.lru_cache(maxsize=64)
def _drawn(shown, language, urlconf, script_prefix):  # the last three: keys of their own, as the HTML follows them
    return render_to_string("welfare/_nav_tabs.html", dict(zip(PERMISSIONS, shown, strict=True)))
