from django.db import models


class OneRow(models.Model):
    """Settings kept in a table of one row, which the chair edits: ``current()`` reads it, writing the defaults
    on first use."""

    class Meta:
        abstract = True

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls):
        return cls.objects.get_or_create(pk=1)[0]
