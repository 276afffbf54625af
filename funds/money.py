"""Amounts of money as the union's books keep them: Decimal 元 to the fen, never a float."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FEN = Decimal("0.01")
ZERO = Decimal("0.00")


def to_fen(value) -> Decimal:
    """A computed amount (a share, a sum) rounded half up to the fen, as the cashier would."""
    if isinstance(value, float):
        raise TypeError("money must not be a float")
    return Decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)


def parse_amount(value, label, *, allow_zero=False, allow_negative=False) -> Decimal:
    """An amount as typed or passed by another app: a number with at most two decimals, above zero unless
    told otherwise. Each refusal names the field in Chinese."""
    if isinstance(value, float):
        raise TypeError("money must not be a float")
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise ValidationError(_("%(field)s“%(value)s”不是有效的金额。") % {"field": label, "value": value}) from None
    if not amount.is_finite():
        raise ValidationError(_("%(field)s“%(value)s”不是有效的金额。") % {"field": label, "value": value})
    if amount != amount.quantize(FEN, rounding=ROUND_HALF_UP):
        raise ValidationError(_("%(field)s最多两位小数（精确到分）。") % {"field": label})
    if amount < 0 and not allow_negative:
        raise ValidationError(_("%(field)s不能为负数。") % {"field": label})
    if amount == 0 and not allow_zero:
        raise ValidationError(_("%(field)s应大于0。") % {"field": label})
    return amount.quantize(FEN)


def percent_text(share) -> str:
    """A share (0.6) as the percent it is, written out ("60", "2", "12.5"): normalize() alone writes 60 as 6E+1."""
    return format((Decimal(share) * 100).normalize(), "f")
