from datetime import date, timedelta

import pytest

from requests.working_days import is_working_day, public_holidays, working_days_before


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5))],
)
def test_easter_sunday_falls_on_the_right_day(year, easter):
    holidays = public_holidays(year)
    assert easter in holidays
    assert easter - timedelta(days=1) not in holidays  # Easter Saturday is not a holiday
    assert easter + timedelta(days=1) in holidays


@pytest.mark.parametrize(
    "holiday",
    [
        date(2026, 1, 1),
        date(2026, 4, 2),  # Maundy Thursday
        date(2026, 4, 3),  # Good Friday
        date(2026, 4, 6),  # Easter Monday
        date(2026, 5, 1),
        date(2026, 5, 14),  # Ascension Day
        date(2026, 5, 25),  # Whit Monday
        date(2026, 12, 25),
        date(2026, 12, 26),
    ],
)
def test_public_holidays_are_not_working_days(holiday):
    assert not is_working_day(holiday)


def test_weekends_are_not_working_days_and_ordinary_weekdays_are():
    assert not is_working_day(date(2026, 11, 21))
    assert not is_working_day(date(2026, 11, 22))
    assert is_working_day(date(2026, 11, 23))


def test_ten_working_days_before_a_monday_is_the_monday_two_weeks_earlier():
    assert working_days_before(date(2026, 11, 23), 10) == date(2026, 11, 9)


def test_easter_stretches_ten_working_days():
    # 6 April 2026 is Easter Monday; 2 and 3 April are holidays too.
    assert working_days_before(date(2026, 4, 14), 10) == date(2026, 3, 26)
