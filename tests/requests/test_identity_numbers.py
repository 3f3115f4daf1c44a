"""The request form refuses text holding a national identity number; these tests pin the detector.

Every number here is synthetic: months carry the +80 offset of synthetic test numbers (or +40
where an H-number is the point), and check digits come from the helper below, not from the code
under test.
"""

import datetime
import time

import pytest

from requests.identity_numbers import contains_identity_number

K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)

# Fixed dates so that results do not change once the 2032 rule takes effect.
BEFORE_2032 = datetime.date(2031, 12, 31)
FROM_2032 = datetime.date(2032, 1, 1)


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


# 1 January, synthetic month (01 + 80), year 99.
NUMBER = synthetic_number("018199", "123")


def found(text: str, today: datetime.date = BEFORE_2032) -> bool:
    return contains_identity_number(text, today=today)


def test_a_valid_number_is_found() -> None:
    assert found(NUMBER)


def test_the_default_today_is_used_when_none_is_given() -> None:
    assert contains_identity_number(NUMBER)


@pytest.mark.parametrize(
    "written",
    [
        NUMBER,
        f"{NUMBER[:6]} {NUMBER[6:]}",
        f"{NUMBER[:6]}\u00a0{NUMBER[6:]}",
        f"{NUMBER[:6]}-{NUMBER[6:]}",
        f"{NUMBER[:6]}.{NUMBER[6:]}",
        f"{NUMBER[:2]}.{NUMBER[2:4]}.{NUMBER[4:6]} {NUMBER[6:]}",
        f"{NUMBER[:2]} {NUMBER[2:4]} {NUMBER[4:6]} {NUMBER[6:]}",
        f"{NUMBER[:2]}-{NUMBER[2:4]}-{NUMBER[4:6]}-{NUMBER[6:]}",
        f"{NUMBER[:6]}  {NUMBER[6:]}",
        f"{NUMBER[:2]}/{NUMBER[2:4]}/{NUMBER[4:6]} {NUMBER[6:]}",
        f"{NUMBER[:2]}. {NUMBER[2:4]}. {NUMBER[4:6]} - {NUMBER[6:]}",
    ],
    ids=[
        "contiguous",
        "space",
        "nbsp",
        "hyphen",
        "dot",
        "dotted-date",
        "spaced-date",
        "hyphens",
        "two-spaces",
        "slashed-date",
        "dots-with-spaces",
    ],
)
def test_each_written_form_is_found(written: str) -> None:
    assert found(f"Mitt nummer er {written}, takk.")


def test_full_width_digits_are_found() -> None:
    full_width = "".join(chr(ord(c) - ord("0") + ord("０")) for c in NUMBER)
    assert found(full_width)


@pytest.mark.parametrize("position", range(11))
def test_a_number_with_any_one_digit_changed_is_not_found(position: int) -> None:
    changed_digit = str((int(NUMBER[position]) + 1) % 10)
    assert not found(NUMBER[:position] + changed_digit + NUMBER[position + 1 :])


def test_a_number_whose_first_check_digit_would_be_10_is_never_found() -> None:
    prefix = "018199104"
    assert check_digit(prefix, K1_WEIGHTS) is None
    assert not any(found(f"{prefix}{k1}{k2}") for k1 in range(10) for k2 in range(10))


def test_a_number_whose_second_check_digit_would_be_10_is_never_found() -> None:
    prefix = "0181991007"
    assert check_digit(prefix[:9], K1_WEIGHTS) == 7
    assert check_digit(prefix, K2_WEIGHTS) is None
    assert not any(found(f"{prefix}{k2}") for k2 in range(10))


@pytest.mark.parametrize(
    "date_part",
    [
        "328199",  # day 32
        "008199",  # day 0
        "011399",  # month 13, outside every offset range
        "015399",  # month 13 + 40
        "019399",  # month 13 + 80
        "010099",  # month 0
        "014099",  # month 0 + 40
        "018099",  # month 0 + 80
        "318499",  # 31 April
        "308299",  # 30 February
        "728199",  # D-number day 32
        "408199",  # D-number day 0
    ],
)
def test_a_number_with_an_impossible_date_is_not_found(date_part: str) -> None:
    number = next(n for i in range(100, 200) if (n := complete(f"{date_part}{i}")))
    assert not found(number)


def test_29_february_is_accepted_since_the_century_is_unknown() -> None:
    assert found(synthetic_number("298201", "123"))


def test_a_d_number_is_found() -> None:
    # Day 01 + 40, on a synthetic month so it cannot be anyone's real D-number.
    assert found(synthetic_number("418199", "123"))


def test_a_d_number_on_the_last_day_of_a_month_is_found() -> None:
    assert found(synthetic_number("718199", "456"))


def test_an_h_number_is_found() -> None:
    # Month 01 + 40 cannot be made synthetic: 1 January 1900/2000 with individual number 000 and
    # 999 is chosen to be plainly artificial.
    assert found(synthetic_number("014100", "000"))
    assert found(synthetic_number("014100", "999"))


def test_a_synthetic_test_number_is_found() -> None:
    assert found(synthetic_number("158599", "123"))


def test_a_number_valid_only_under_the_2032_rule_is_found_from_2032() -> None:
    relaxed = synthetic_number("018199", "123", k1_remainder=1)
    assert not found(relaxed, today=BEFORE_2032)
    assert found(relaxed, today=FROM_2032)


@pytest.mark.parametrize("remainder", [1, 2, 3])
def test_every_relaxed_remainder_is_accepted_from_2032(remainder: int) -> None:
    relaxed = synthetic_number("018199", "456", k1_remainder=remainder)
    assert not found(relaxed, today=BEFORE_2032)
    assert found(relaxed, today=FROM_2032)


def test_remainder_4_is_never_accepted() -> None:
    assert not found(synthetic_number("018199", "456", k1_remainder=4), today=FROM_2032)


def test_a_number_embedded_in_a_longer_digit_run_is_found() -> None:
    assert found(f"xx1234{NUMBER}5678")


def test_a_number_embedded_in_letters_is_found() -> None:
    assert found(f"fnr:{NUMBER}.")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "+47 912 34 567",
        "Ring 22 33 44 55 eller 987 65 432.",
        "Org.nr. 974 760 673",
        "974760673",
        "01.01.1999",
        "Født 01.01.1999 i Bergen",
        "0123456789",
        NUMBER[:10],
        NUMBER[1:],
    ],
    ids=[
        "empty",
        "mobile",
        "phones",
        "org-spaced",
        "org",
        "date",
        "date-in-text",
        "ten-digits",
        "number-missing-last-digit",
        "number-missing-first-digit",
    ],
)
def test_text_without_an_identity_number_is_not_found(text: str) -> None:
    assert not found(text)


def test_a_long_text_full_of_digits_is_scanned_quickly() -> None:
    # Every window in these runs has an impossible date, so the whole text must be scanned.
    text = "1234567890" * 500 + "12 34 56 78901 " * 200 + "99.99.99-99999 " * 134
    assert len(text) > 10_000
    start = time.perf_counter()
    assert not found(text)
    assert time.perf_counter() - start < 0.5


def test_a_number_at_the_end_of_a_long_text_is_found() -> None:
    text = "1234567890" * 999 + " " + NUMBER
    assert found(text)
