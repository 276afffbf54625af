"""The secret ballot shared by motions, appraisals and elections: a receipt says WHO voted, a tally holds
only counts, and one vote rewrites every tally row so nothing links the two."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Value, When


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
