"""Numbers in numeric questions, typed by learners or imported as keys: bounded so
that grading computes with them exactly and never overflows."""

from decimal import Decimal

MAX_INTEGER_DIGITS = 15
MAX_DECIMAL_PLACES = 10


def within_bounds(number: Decimal) -> bool:
    """Finite, below 10^15 in size, with at most 10 decimal places that count.

    Exact arithmetic on two such numbers fits in Decimal's 28 digits, so grading
    neither rounds nor overflows (``1e999999999`` would, and NaN never compares).
    """
    if not number.is_finite():
        return False
    if number.is_zero():
        return True
    if number.adjusted() >= MAX_INTEGER_DIGITS:
        return False
    _sign, digits, exponent = number.as_tuple()
    trailing_zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return exponent + trailing_zeros >= -MAX_DECIMAL_PLACES
