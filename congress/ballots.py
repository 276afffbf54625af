"""The secret ballot shared by motions, appraisals and elections: a receipt says WHO voted, a tally holds
only counts, and one vote rewrites every tally row so nothing links the two. All three cast with
``cast_while_open``: the vote's row lock, which every voter queues for, covers only the receipt and the tally."""

import uuid
from contextlib import nullcontext
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.utils.translation import gettext_lazy as _


class Receipt(models.Model):
    """WHO has voted (one per voter, unique with its vote's key in the subclass), nothing about the choice.
    Its key is random, so receipt ids carry no voting order."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True


class Tally(models.Model):
    """WHAT was voted, only as a count per row (a choice, a grade, a candidate): the rows are created when
    the vote opens and every ballot rewrites all of them (``cast_while_open``)."""

    count = models.PositiveIntegerField(_("票数"), default=0)

    class Meta:
        abstract = True


# The receipt is written only while the vote takes ballots and has all its tally rows, and the tally rows are
# rewritten only when the receipt was: a vote closed meanwhile, or one missing a row, writes nothing.
RECEIPT = """
INSERT INTO {receipt} (id, {receipt_vote}, {receipt_voter})
SELECT %(receipt)s, id, %(voter)s FROM {vote}
 WHERE id = %(vote)s AND {open} AND (SELECT COUNT(*) FROM {tally} WHERE {rows}) = %(rows)s
"""
COUNT = "UPDATE {tally} SET count = count + CASE WHEN {taken} THEN 1 ELSE 0 END WHERE {rows}"
# On PostgreSQL the two are one statement, run as its own transaction: the vote's row lock, which every voter in
# the hall queues for, is held for the receipt, the tally and the commit, never over a round trip to Python.
# (The UPDATE's snapshot is older than the lock; PostgreSQL adds to the newest version of each count.)
RECEIPT_AND_COUNT = "WITH receipt AS ({receipt} FOR UPDATE RETURNING 1) {count} AND EXISTS (SELECT 1 FROM receipt)"


@dataclass(frozen=True)
class BallotBox:
    """Where one kind of secret vote keeps its ballots, for ``cast_while_open``: the ``vote`` model (a motion, an
    appraisal) and ``open``, the SQL condition on its row while it takes ballots; the ``receipt`` model and its
    columns naming the vote and the voter; the ``tally`` model and ``rows``, the SQL condition picking the vote's
    tally rows. The conditions may use ``%(vote)s`` (the vote's id) and the parameters given to ``cast_while_open``."""

    vote: type[models.Model]
    open: str
    receipt: type[Receipt]
    receipt_vote: str
    receipt_voter: str
    tally: type[Tally]
    rows: str

    def statements(self, taken: str) -> list[str]:
        quote = connection.ops.quote_name
        tables = {"vote": quote(self.vote._meta.db_table), "tally": quote(self.tally._meta.db_table)}
        receipt = RECEIPT.format(
            **tables,
            receipt=quote(self.receipt._meta.db_table),
            receipt_vote=self.receipt_vote,
            receipt_voter=self.receipt_voter,
            open=self.open,
            rows=self.rows,
        )
        count = COUNT.format(**tables, taken=taken, rows=self.rows)
        if connection.vendor == "postgresql":
            return [RECEIPT_AND_COUNT.format(receipt=receipt, count=count)]
        return [receipt, count]  # in one transaction, which SQLite's writers take one at a time

    def takes_ballots(self, values: dict) -> bool:
        table = connection.ops.quote_name(self.vote._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {table} WHERE id = %(vote)s AND {self.open}", values)
            return cursor.fetchone() is not None


def cast_while_open(
    box: BallotBox, *, vote: int, voter: int, taken: str, rows: int, already_voted: str, params: dict | None = None
) -> bool:
    """Cast one voter's ballot into ``box`` if the vote still takes ballots: the voter's receipt, and +1 on the
    tally rows matching the SQL condition ``taken``, 0 on the vote's other rows, ``rows`` in all: every ballot
    rewrites every row, so neither the counts' storage nor which rows the transaction touched tells what this voter
    chose. False, with nothing written, when the vote no longer takes ballots;
    a second receipt for the same voter (the unique constraint, under a race too) is refused with ``already_voted``."""
    values = {**(params or {}), "vote": vote, "voter": voter, "rows": rows}
    values["receipt"] = box.receipt._meta.pk.get_db_prep_value(uuid.uuid4(), connection)
    statements = box.statements(taken)
    # Alone, one statement is its own transaction; within a caller's, a savepoint keeps a refusal from breaking it.
    alone = len(statements) == 1 and not connection.in_atomic_block
    try:
        with nullcontext() if alone else transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement, values)
                if not cursor.rowcount:
                    break  # no receipt written, nothing to count
            counted = cursor.rowcount
    except IntegrityError as error:
        raise ValidationError(already_voted) from error
    if counted == rows:
        return True
    if box.takes_ballots(values):  # open, yet the tally was short of rows: a ballot would be lost silently
        raise RuntimeError(f"{rows} tally rows expected, the vote has another number")
    return False
