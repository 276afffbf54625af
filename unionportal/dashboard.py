"""The home page: each app's ``dashboard.py`` says what needs this user now.

``cards(request)`` in each module returns a list of ``Card``; the home page
shows them in this order, so a user sees only the apps that concern them.
"""

from dataclasses import dataclass

from django.utils.module_loading import import_string

CARD_PROVIDERS = [
    "members.dashboard.cards",
    "congress.dashboard.cards",
    "disclosure.dashboard.cards",
    "welfare.dashboard.cards",
    "activities.dashboard.cards",
    "accounts.dashboard.cards",
    "funds.dashboard.cards",
    "congress.body_dashboard.cards",
    "contracts.dashboard.cards",
]


@dataclass(frozen=True)
class Card:
    title: str
    value: str = ""
    text: str = ""
    url: str = ""
    level: str = "secondary"  # a Bootstrap colour: warning and danger ask for action


def cards_for(request):
    return [card for path in CARD_PROVIDERS for card in import_string(path)(request)]
