"""Spot Norwegian national identity numbers in free text.

A request form must not accept text that holds a fødselsnummer, D-number or H-number (synthetic
test numbers included): the service has no lawful need for them, so the form refuses such text
instead of storing it. This module only answers *whether* a number is present; it never logs,
prints or returns the number, so nothing of it leaves the function.

It reads the text the way a person would: it first boils the text down to runs of digit groups
that a reader would take for one figure (whatever the digits' script, whatever dashes, spaces or
invisible characters sit between them), then checks each eleven-digit stretch that a person
could have written as one number against the number's date and check digits. There are no
regular expressions, so nothing can backtrack; every step is bounded, so the work grows in step
with the length of the text.
"""

import datetime
import enum
import unicodedata
from collections.abc import Iterator, Sequence

from django.utils import timezone

_NUMBER_LENGTH = 11
# DDMMYY, then the individual number and the two check digits.
_DATE_LENGTH = 6
_INDIVIDUAL_PART_LENGTH = 5

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
    return any(
        _is_identity_number(pieces, k1_remainders)
        for groups in _digit_runs(text)
        for pieces in _stretches(groups)
    )


# Reading the text: which characters are digits, which separate digit groups, which are unseen.


class _Kind(enum.Enum):
    DIGIT = enum.auto()
    SPACE = enum.auto()
    MARK = enum.auto()
    INVISIBLE = enum.auto()
    OTHER = enum.auto()


# Word and Outlook turn "-" into an en dash, phones offer a minus sign: a dash of any kind
# (Unicode category Pd) and the minus-like signs outside it separate groups as a hyphen does.
_MINUS_SIGNS = frozenset("\u2212\u2043\u02d7\u2796")
# What people put between the groups of a date or a number. A letter is not among them: in
# "2 barn, 3 voksne" the figures are separate counts, not one number.
_GROUP_PUNCTUATION = frozenset(".,:/\\()[]_\u2044\u2215")
# Format characters (zero-width space, soft hyphen, word joiner, bidi marks), combining marks
# and control characters show no glyph between two digits, so a reader sees the digits as
# adjacent. (Tabs and line breaks are white space and are classified before this applies.)
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Mn", "Me", "Cc"})


def _kind(char: str) -> _Kind:
    # Any script's decimal digits (Arabic-Indic, Devanagari, …) count, not only ASCII 0-9.
    if unicodedata.decimal(char, None) is not None:
        return _Kind.DIGIT
    if char.isspace():
        return _Kind.SPACE
    category = unicodedata.category(char)
    if category == "Pd" or char in _MINUS_SIGNS or char in _GROUP_PUNCTUATION:
        return _Kind.MARK
    if category in _INVISIBLE_CATEGORIES:
        return _Kind.INVISIBLE
    return _Kind.OTHER


# Between two groups of one number a reader accepts any amount of white space (tabs, line breaks,
# four spaces: a limit would be beaten by one more space, and the width of a gap does not tell
# one figure from two) and at most two punctuation marks: "DDMMYY – IIIKK", "(DDMMYY)-IIIKK",
# "DD.MM.YY. IIIKK". Three marks in a row are not seen inside a written number, so a third mark,
# or any other character (a letter, "+", "%", "@"), starts a new figure: every figure joined
# to another is another chance that unrelated digits add up to a valid number. Figures listed
# with only a comma or a slash between them ("51 23 45 67, 987 65 432") are still joined; about
# one such pair in 300 (one in 70 from 2032, when K1 is relaxed) holds eleven digits that pass,
# and the person is asked to remove a number that is not there. That is the price of also
# catching "DD,MM,YY IIIKK" and "DDMMYY / IIIKK".
_MAX_MARKS_BETWEEN_GROUPS = 2


def _digit_runs(text: str) -> Iterator[list[str]]:
    """The runs of digit groups in ``text`` that read as one figure, in ASCII digits.

    "Tlf. 512 34 567 – 22 22." gives ["512", "34", "567", "22", "22"]. NFKC first makes
    compatibility forms plain (full-width digits and punctuation, no-break spaces, superscript
    digits) so that they are classified as what they look like.
    """
    groups: list[str] = []
    digits: list[str] = []
    marks = 0
    for char in unicodedata.normalize("NFKC", text):
        kind = _kind(char)
        if kind is _Kind.INVISIBLE:
            continue
        if kind is _Kind.DIGIT:
            digits.append(str(unicodedata.decimal(char)))
            marks = 0
            continue
        if digits:
            groups.append("".join(digits))
            digits = []
        if kind is _Kind.MARK:
            marks += 1
        if groups and (kind is _Kind.OTHER or marks > _MAX_MARKS_BETWEEN_GROUPS):
            yield groups
            groups = []
    if digits:
        groups.append("".join(digits))
    if groups:
        yield groups


# Choosing the eleven-digit stretches worth checking.


def _stretches(groups: Sequence[str]) -> Iterator[tuple[str, ...]]:
    """Every eleven-digit stretch of a run, as the pieces of each group it takes.

    At most six stretches start at each digit and each takes at most eleven groups, so the work
    is linear in the length of the text.
    """
    for first, group in enumerate(groups):
        yield from _inside_one_group(group)
        yield from _across_groups(groups, first)


def _inside_one_group(group: str) -> Iterator[tuple[str]]:
    # A number written without separators may be glued to other digits ("sak 2024DDMMYYIIIKK"):
    # every eleven-digit stretch of the group is tried.
    for start in range(len(group) - _NUMBER_LENGTH + 1):
        yield (group[start : start + _NUMBER_LENGTH],)


def _across_groups(groups: Sequence[str], first: int) -> Iterator[tuple[str, ...]]:
    """The stretches that start in ``groups[first]`` and run on into the following groups.

    A spelt-out number is made of whole groups ("DDM MY YII IKK"). It may be glued to other
    digits at one end, but then with its date part or its individual part whole on that side
    ("2024DDMMYY IIIKK", "DDMMYY IIIKK42"). Cutting into a group anywhere else is what makes
    ordinary figures run together: the two phone numbers in "51234567 / 22222222" hold
    "234567" + "22222".
    """
    group = groups[first]
    if taken := _run_on(groups, first, (group,), may_cut_last=True):
        yield taken
    for kept in range(_DATE_LENGTH, min(len(group), _NUMBER_LENGTH)):
        if taken := _run_on(groups, first, (group[-kept:],), may_cut_last=False):
            yield taken


def _run_on(
    groups: Sequence[str], first: int, start: tuple[str, ...], *, may_cut_last: bool
) -> tuple[str, ...] | None:
    """``start`` completed to eleven digits with the groups after ``groups[first]``, or None."""
    pieces, length = start, len(start[0])
    # Every group holds at least one digit, so no more than eleven of them can be needed.
    for group in groups[first + 1 : first + 1 + _NUMBER_LENGTH]:
        missing = _NUMBER_LENGTH - length
        if len(group) <= missing:
            pieces, length = (*pieces, group), length + len(group)
            if length == _NUMBER_LENGTH:
                return pieces
        elif may_cut_last and missing >= _INDIVIDUAL_PART_LENGTH:
            return (*pieces, group[:missing])
        else:
            return None
    return None


def _reads_as_a_written_date(pieces: Sequence[str]) -> bool:
    """Whether the stretch begins with a date written "DD.MM.YYYY": "12.03.2026 9.00".

    Such text holds eleven digits in whole groups, and about one date and time in 120 would pass
    both check digits; nobody writes a number as "DD.MM.YYII III". Because the groups must sit
    exactly on the number's day and month, a D-, H- or synthetic number, whose day or month is
    out of a calendar's range, is never excused. Dates with a one-digit day or month
    ("14.5.2026 15:30") are not excused: that would also excuse a synthetic number cut inside its
    month ("01.8.1991 2345" holds 018199 12345).
    """
    if tuple(len(piece) for piece in pieces[:3]) != (2, 2, 4):
        return False
    day, month, year = (int(piece) for piece in pieces[:3])
    return 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1] and 1900 <= year <= 2099


# Checking one stretch.


def _is_identity_number(pieces: Sequence[str], k1_remainders: frozenset[int]) -> bool:
    digits = [int(digit) for piece in pieces for digit in piece]
    return (
        _has_plausible_date(digits)
        and _has_valid_check_digits(digits, k1_remainders)
        and not _reads_as_a_written_date(pieces)
    )


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
