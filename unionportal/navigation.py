"""The top navigation, built from each app's ``menu.py``.

An app's menu is a ``Section`` of ``Link``s; a link shows only to users who
hold its permission, and a section shows only if one of its links does.
Labels may name vocabulary words as ``{congress}``, ``{disclosure}`` …
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.module_loading import import_string

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


def menu_for(request, vocab):
    sections = []
    for path in MENU_MODULES:
        section = import_string(path)
        links = [
            VisibleLink(_label(link.label, vocab), url, request.path == url)
            for link in section.links
            if request.user.has_perm(link.permission)
            for url in [reverse(link.url_name)]
        ]
        label = _label(section.label, vocab)
        same = next((shown for shown in sections if shown.label == label), None)
        if same and links:
            same.links.extend(links)  # an app adding to a section of the core (设置) keeps the bar short
        elif links:
            sections.append(VisibleSection(label, section.icon, links))
    return sections
