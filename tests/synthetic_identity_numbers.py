"""Synthetic national identity numbers for tests, built here and never by the code under test.

Every number has its month raised by 80 (synthetic test numbers) or 40 (H-numbers), so none can
be a real person's fødselsnummer; the check digits are computed from the published weights.
"""

K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
SYNTHETIC_MONTH_OFFSET = 80
H_NUMBER_MONTH_OFFSET = 40
D_NUMBER_DAY_OFFSET = 40
# The century is not in the number, so 29 February is always a possible birthday.
DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def check_digit(digits: str, weights: tuple[int, ...], remainder: int = 0) -> int | None:
    """The digit that makes the weighted sum (digit weighted 1) leave ``remainder``; None for 10."""
    digit = (remainder - sum(int(d) * w for d, w in zip(digits, weights, strict=True))) % 11
    return None if digit == 10 else digit


def complete(base: str, *, k1_remainder: int = 0) -> str | None:
    """``base`` (date + individual number) with its check digits; None if either would be 10."""
    k1 = check_digit(base, K1_WEIGHTS, k1_remainder)
    if k1 is None:
        return None
    k2 = check_digit(f"{base}{k1}", K2_WEIGHTS)
    return None if k2 is None else f"{base}{k1}{k2}"


def synthetic_number(date_part: str, individual: str, *, k1_remainder: int = 0) -> str:
    """An 11-digit number with correct check digits for the given date and individual number."""
    number = complete(date_part + individual, k1_remainder=k1_remainder)
    assert number is not None, "pick another individual number: a check digit would be 10"
    return number


def spell(pattern: str, number: str) -> str:
    """``number`` written into ``pattern``, one digit for each "#": spell("###-###", "123456")."""
    assert pattern.count("#") == len(number), "the pattern needs one # for each digit"
    digits = iter(number)
    return "".join(next(digits) if char == "#" else char for char in pattern)


def in_script(text: str, zero: str) -> str:
    """``text`` with its ASCII digits written in the script whose zero is ``zero``."""
    return "".join(chr(ord(zero) + int(c)) if c.isascii() and c.isdigit() else c for c in text)
