"""Spot Norwegian national identity numbers in free text.

A request form must not accept text that holds a fødselsnummer, D-number or H-number (synthetic
test numbers included): the service has no lawful need for them, so the form refuses such text
instead of storing it. This module only answers *whether* a number is present; it never logs,
prints or returns the number, so nothing of it leaves the function.
"""

import datetime
import re
import unicodedata
from collections.abc import Sequence

from django.utils import timezone

# People write the number contiguously or as "date + separator + 5 digits", and often punctuate
# the date. A lookahead matches at every position, so candidates overlap and a number hidden in a
# longer digit run is still found; each attempt is bounded (at most 20 characters, separators are
# disjoint from digits), which keeps the scan linear in the length of the text. Up to three
# separator characters between the groups: people type "010199  12345" and "01/01/99 12345".
_SEPARATOR = r"[ \u00a0.\-/]{0,3}"
_CANDIDATE = re.compile(
    rf"(?=([0-9]{{2}}){_SEPARATOR}([0-9]{{2}}){_SEPARATOR}([0-9]{{2}}){_SEPARATOR}([0-9]{{5}}))"
)

# The check digit carries weight 1 so that "11 - remainder, 11 becomes 0, 10 is invalid" reduces
# to "the weighted sum is divisible by 11": no digit can satisfy it when the computed value is 10.
_K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
_K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)

# From 2032 numbers stop encoding sex, and to avoid running out of individual numbers K1 may
# then leave remainder 1, 2 or 3 as well. We key this on today's date, not the birth date, since
# it is about when a number can have been issued. Accepting those remainders earlier would only
# add false alarms on unrelated digit runs, because no such number exists before then.
_RELAXED_K1_FROM = datetime.date(2032, 1, 1)
_STRICT_K1_REMAINDERS = frozenset({0})
_RELAXED_K1_REMAINDERS = frozenset({0, 1, 2, 3})

# D-numbers add 40 to the day; H-numbers and synthetic test numbers add 40 or 80 to the month.
_D_NUMBER_DAY_OFFSET = 40
_MONTH_OFFSETS = (0, 40, 80)
# The century is not in the number, so 29 February must always pass.
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def contains_identity_number(text: str, *, today: datetime.date | None = None) -> bool:
    """Whether ``text`` holds a Norwegian national identity, D- or H-number in a usual form."""
    if today is None:
        today = timezone.localdate()
    k1_remainders = _RELAXED_K1_REMAINDERS if today >= _RELAXED_K1_FROM else _STRICT_K1_REMAINDERS
    # Full-width digits and odd spaces (pasted from PDFs or phones) become ASCII here.
    normalised = unicodedata.normalize("NFKC", text)
    return any(
        _is_identity_number([int(c) for c in "".join(match.groups())], k1_remainders)
        for match in _CANDIDATE.finditer(normalised)
    )


def _is_identity_number(digits: Sequence[int], k1_remainders: frozenset[int]) -> bool:
    return _has_plausible_date(digits) and _has_valid_check_digits(digits, k1_remainders)


def _has_plausible_date(digits: Sequence[int]) -> bool:
    day = _base_day(digits[0] * 10 + digits[1])
    month = _base_month(digits[2] * 10 + digits[3])
    return month is not None and 1 <= day <= _DAYS_IN_MONTH[month - 1]


def _base_day(day: int) -> int:
    return day - _D_NUMBER_DAY_OFFSET if day > _D_NUMBER_DAY_OFFSET else day


def _base_month(month: int) -> int | None:
    for offset in _MONTH_OFFSETS:
        if 1 <= month - offset <= 12:
            return month - offset
    return None


def _has_valid_check_digits(digits: Sequence[int], k1_remainders: frozenset[int]) -> bool:
    return (
        _weighted_remainder(digits, _K1_WEIGHTS) in k1_remainders
        and _weighted_remainder(digits, _K2_WEIGHTS) == 0
    )


def _weighted_remainder(digits: Sequence[int], weights: Sequence[int]) -> int:
    return sum(d * w for d, w in zip(digits[: len(weights)], weights, strict=True)) % 11
