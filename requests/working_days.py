"""Norwegian working days, for "waiting for a reply for more than ten working days".

Weekends and the public holidays (helligdager) of the Act on public holidays are not working days.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from dateutil.easter import easter


@cache
def public_holidays(year: int) -> frozenset[date]:
    easter_sunday = easter(year)  # Gregorian (dateutil's default method)
    moving = [-3, -2, 0, 1, 39, 49, 50]  # Maundy Thursday … Whit Monday
    fixed = [date(year, 1, 1), date(year, 5, 1), date(year, 5, 17), date(year, 12, 25)]
    fixed.append(date(year, 12, 26))
    return frozenset([*fixed, *(easter_sunday + timedelta(days=offset) for offset in moving)])


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def working_days_before(day: date, count: int) -> date:
    """The date `count` working days before `day`."""
    while count > 0:
        day -= timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day
