"""Signals the core sends so that apps can follow the union's settings without the core importing them."""

from django.dispatch import Signal

# Sent with ``kind`` when the union's kind (学校/企业) is set or changed: each app loads what belongs to that kind.
union_kind_changed = Signal()
