"""The top navigation, built from each app's ``menu.py``.

An app's menu is a ``Section`` of ``Link``s; a link shows only to users who
hold its permission, and a section shows only if one of its links does.
Labels may name vocabulary words as ``{congress}``, ``{disclosure}`` …
"""

import functools
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.module_loading import import_string
from django.utils.translation import get_language

from .permission_backend import permission_test
from .vocabulary import vocabulary_for

MENU_MODULES = [
    "members.menu.MENU",
    "congress.menu.MENU",
    "disclosure.menu.MENU",
    "welfare.menu.MENU",
    "activities.menu.MENU",
    "funds.menu.MENU",
    "contracts.menu.MENU",
    "unionportal.documents.menu.MENU",
    "unionportal.menu.MENU",
    "accounts.menu.MENU",
]


@dataclass(frozen=True)
class Link:
    label: str
    url_name: str
    permission: str


@dataclass(frozen=True)
class Section:
    label: str
    icon: str
    links: list = field(default_factory=list)


def _label(text, vocab):
    return str(text).format(**{key: str(word) for key, word in vocab.items()})


class Drawn(NamedTuple):
    sections: tuple  # (label, icon, ((label, address, permission), …)), …
    permissions: tuple  # every link's, in order
    addresses: frozenset


@functools.cache
def _drawn(kind, language, urlconf, script_prefix):
    """Every section's label and icon, with each link's label, address and permission: the same for every
    request in one language of one kind of union, so drawn once per process. An app adding to a section of the
    core (设置) joins it, which keeps the bar short."""
    vocab = vocabulary_for(kind)
    sections = {}
    for section in map(import_string, MENU_MODULES):
        _icon, links = sections.setdefault(_label(section.label, vocab), (section.icon, []))
        links.extend((_label(link.label, vocab), reverse(link.url_name), link.permission) for link in section.links)
    links = [link for _icon, section_links in sections.values() for link in section_links]
    return Drawn(
        tuple((label, icon, tuple(links)) for label, (icon, links) in sections.items()),
        tuple(permission for _, _, permission in links),
        frozenset(address for _, address, _ in links),
    )


@functools.lru_cache(maxsize=256)
def _menu_html(key, shown, active):
    """The bar for one union, language, set of links shown and page among them: as few as the roles'
    combinations, so each is drawn once per process."""
    shown = iter(shown)
    sections = []
    for label, icon, links in _drawn(*key).sections:
        visible = [{"label": text, "url": url, "active": url == active} for text, url, _ in links if next(shown)]
        if visible:
            sections.append({"label": label, "icon": icon, "links": visible})
    return render_to_string("includes/main_menu.html", {"menu": sections})


def menu_for(request, kind):
    """The menu bar's HTML: the links the user may follow, the page's own marked active."""
    key = (kind, get_language(), get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    drawn = _drawn(*key)
    may = permission_test(request.user)
    active = request.path if request.path in drawn.addresses else None
    return _menu_html(key, tuple(map(may, drawn.permissions)), active)
