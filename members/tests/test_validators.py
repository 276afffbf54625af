import pytest
from django.core.exceptions import ValidationError

from members.validators import id_check_char, mask_id_number, validate_id_number

VALID = "11010519491231002X"


def test_valid_id_number_passes():
    validate_id_number(VALID)


@pytest.mark.parametrize(
    ("number", "code"),
    [("110105194912310021", "checksum"), ("1101051949123100", "format"), ("110105194913310029", "birth_date")],
)
def test_bad_id_numbers_are_refused_with_the_reason(number, code):
    with pytest.raises(ValidationError) as error:
        validate_id_number(number)
    assert error.value.code == code


def test_check_char_follows_gb11643():
    assert id_check_char(VALID[:17]) == "X"


def test_masking_shows_only_the_ends():
    assert mask_id_number(VALID) == "1101**********002X"
