"""The secret ballot shared by motions, appraisals and elections: a receipt says WHO voted, a tally holds
only counts, and one vote rewrites every tally row so nothing links the two."""

import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Case, F, Value, When
from django.utils.translation import gettext_lazy as _


class Receipt(models.Model):
    """WHO has voted (one per voter, unique with its vote's key in the subclass), nothing about the choice.
    Its key is random, so receipt ids carry no voting order."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True


class Tally(models.Model):
    """WHAT was voted, only as a count per row (a choice, a grade, a candidate): the rows are created when
    the vote opens and every ballot rewrites all of them (``count_vote``)."""

    count = models.PositiveIntegerField(_("票数"), default=0)

    class Meta:
        abstract = True


def count_vote(tallies, taken, rows):
    """Add 1 to the ``taken`` tally rows and 0 to all the others, in a single UPDATE of all ``rows``
    rows of the motion or appraisal: every vote rewrites every row, so neither the counts' storage
    nor which rows the transaction touched tells what this voter chose. Costs the same for the
    1st and the 500th voter."""
    counted = tallies.update(count=F("count") + Case(When(taken, then=Value(1)), default=Value(0)))
    if counted != rows:  # a vote that opened without its tally rows would be lost silently
        raise RuntimeError(f"{rows} tally rows expected, {counted} found")


def cast(*, receipt, tallies, taken, rows, already_voted):
    """Save the voter's ``receipt`` and count the vote in the same transaction; a second receipt for the
    same voter (the unique constraint, under a race too) is refused with ``already_voted``."""
    try:
        with transaction.atomic():
            receipt.save(force_insert=True)
            count_vote(tallies, taken, rows)
    except IntegrityError as error:
        raise ValidationError(already_voted) from error
