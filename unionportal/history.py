"""django-simple-history's manager, its class built once.

Each history row written (a save of a model with ``HistoricalRecords``) reads the model's history manager, whose
descriptor builds the manager's class anew from its queryset (``Manager.from_queryset``: a walk over every QuerySet
method), about 0.1 ms each time; a sign-up pays it while every other sign-up waits for the event's lock."""

import functools

from simple_history import manager


class HistoryManager(manager.HistoryManager):
    @classmethod
    @functools.cache
    def from_queryset(cls, queryset_class, class_name=None):
        return super().from_queryset(queryset_class, class_name)
