"""The national resident ID number (GB 11643-1999): 17 digits and a check character."""

import datetime
import operator
import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_PATTERN = re.compile(r"^\d{17}[\dX]$")

# The same check on the form, the self-service page and the roster import.
PHONE_VALIDATOR = RegexValidator(r"^1\d{10}$|^0\d{2,3}-?\d{7,8}$", _("请填写11位手机号或带区号的固定电话。"))
# a job number may become a login name: letters, digits and - _ . only
JOB_NUMBER_VALIDATOR = RegexValidator(r"^[A-Za-z0-9._-]+\Z", _("工号只能由字母、数字和 - _ . 组成，不含空格。"))


def id_check_char(first17):
    return _CHECK_CHARS[sum(map(operator.mul, map(int, first17), _WEIGHTS)) % 11]


def birth_date_from_id(number):
    try:
        return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def validate_id_number(value):
    number = value.strip().upper()
    if not _PATTERN.match(number):
        raise ValidationError(_("身份证号应为18位，前17位为数字，末位为数字或X。"), code="format")
    if birth_date_from_id(number) is None:
        raise ValidationError(_("身份证号中的出生日期无效。"), code="birth_date")
    if id_check_char(number[:17]) != number[17]:
        raise ValidationError(_("身份证号校验位不正确，请核对。"), code="checksum")


def mask_id_number(number):
    if not number:
        return ""
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def gender_from_id(number):
    """ "M" or "F" from the 17th digit of an 18-digit ID (odd for men), or None."""
    if not number or len(number) != 18 or not number[16].isdigit():
        return None
    return "M" if int(number[16]) % 2 else "F"


def contradictions(*, id_number, gender, birth_date, hire_date, joined_on, today=None):
    """field → why the person's facts disagree: with the ID number (性别, 出生日期), or dates before birth; ``today``
    (the roster import's, once per file) saves asking the time zone again."""
    found = {}
    if id_number and _PATTERN.match(id_number):
        born = birth_date_from_id(id_number)
        by_id = gender_from_id(id_number)
        if gender and by_id and gender != by_id:
            found["gender"] = _("性别与身份证号不符（身份证号为%(gender)s性）。") % {
                "gender": _("男") if by_id == "M" else _("女")
            }
        if birth_date and born and birth_date != born:
            found["birth_date"] = _("出生日期与身份证号不符（身份证号为%(day)s）。") % {"day": born.isoformat()}
        birth_date = birth_date or born
    if birth_date and birth_date > (today or timezone.localdate()):
        found["birth_date"] = _("出生日期不能晚于今天。")
    if birth_date and hire_date and hire_date < birth_date:
        found["hire_date"] = _("参加工作日期不能早于出生日期（%(day)s）。") % {"day": birth_date.isoformat()}
    if birth_date and joined_on and joined_on < birth_date:
        found["joined_on"] = _("入会日期不能早于出生日期（%(day)s）。") % {"day": birth_date.isoformat()}
    return found
