"""What every funds service checks: the year is still open, the voucher number is new, the actor is not the
requester; and the dated step each move leaves."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import Budget, Entry, YearSettings


def year_settings(year: int) -> YearSettings:
    """The year's settings row, made with the defaults the first time a year is used."""
    return YearSettings.objects.get_or_create(year=year)[0]


def dues_hand_up_share(year: int):
    """The year's 会费上缴比例, read without writing a row: a year never set keeps the default (retained in full)."""
    share = YearSettings.objects.filter(year=year).values_list("dues_hand_up_share", flat=True).first()
    return YearSettings._meta.get_field("dues_hand_up_share").default if share is None else share


def is_closed(year: int) -> bool:
    return Budget.objects.filter(year=year, status=Budget.Status.CLOSED).exists()


def require_open_year(year: int) -> None:
    """A year closed by its 决算 refuses every change: its books are what the congress heard."""
    if is_closed(year):
        raise ValidationError(_("%(year)s年度已决算，账目已关闭，不能再修改。") % {"year": year})


def require_active_fund(fund) -> None:
    if not fund.is_active:
        raise ValidationError(_("资金“%(fund)s”已停用，不能再记收支。") % {"fund": fund})


def require_new_voucher(number: str) -> str:
    number = (number or "").strip()
    if not number:
        raise ValidationError(_("请填写凭证号。"))
    if Entry.objects.filter(voucher_number=number).exists():
        raise ValidationError(_("凭证号“%(number)s”已被使用，每张凭证只能记一次账。") % {"number": number})
    return number
