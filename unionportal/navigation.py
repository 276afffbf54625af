"""The top navigation, built from each app's ``menu.py``.

An app's menu is a ``Section`` of ``Link``s; a link shows only to users who
hold its permission, and a section shows only if one of its links does.
Labels may name vocabulary words as ``{congress}``, ``{disclosure}`` …
"""

import functools
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.module_loading import import_string
from django.utils.translation import get_language

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


@dataclass(frozen=True)
class VisibleLink:
    label: str
    url: str
    active: bool


@dataclass(frozen=True)
class VisibleSection:
    label: str
    icon: str
    links: list


def _label(text, vocab):
    return str(text).format(**{key: str(word) for key, word in vocab.items()})


@functools.cache
def _drawn(kind, language, urlconf, script_prefix):
    """Every section's label and icon, with each link's label, address and permission: the same for every
    request in one language of one kind of union, so drawn once per process."""
    vocab = vocabulary_for(kind)
    return [
        (
            _label(section.label, vocab),
            section.icon,
            [(_label(link.label, vocab), reverse(link.url_name), link.permission) for link in section.links],
        )
        for section in map(import_string, MENU_MODULES)
    ]


def menu_for(request, kind):
    drawn = _drawn(kind, get_language(), get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    sections = []
    for label, icon, links in drawn:
        visible = [
            VisibleLink(text, url, request.path == url)
            for text, url, permission in links
            if request.user.has_perm(permission)
        ]
        same = next((shown for shown in sections if shown.label == label), None)
        if same and visible:
            same.links.extend(visible)  # an app adding to a section of the core (设置) keeps the bar short
        elif visible:
            sections.append(VisibleSection(label, icon, visible))
    return sections
