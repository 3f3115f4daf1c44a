"""Dates in English the British way; Bokmål and Nynorsk as Django writes them."""

from datetime import date, datetime

import pytest
from django.conf import settings
from django.utils import formats, timezone, translation

from tests.factories import OfferingSessionFactory

EVENING = datetime(2026, 12, 16, 19, 0)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "16 Dec 2026, 19:00"), ("nb", "16. desember 2026 19:00")],
)
def test_a_date_and_time(language, expected):
    with translation.override(language):
        assert formats.date_format(EVENING, "DATETIME_FORMAT") == expected


def test_english_dates_are_day_month_year_and_weeks_start_on_monday():
    with translation.override("en"):
        assert formats.date_format(date(2026, 12, 16), "DATE_FORMAT") == "16 Dec 2026"
        assert formats.date_format(date(2026, 12, 16), "SHORT_DATE_FORMAT") == "16/12/2026"
        assert formats.time_format(EVENING.time(), "TIME_FORMAT") == "19:00"
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


def test_english_forms_read_iso_and_british_dates_never_american_ones():
    with translation.override("en"):
        input_formats = formats.get_format("DATE_INPUT_FORMATS")
    assert input_formats[0] == "%Y-%m-%d"
    assert "%d/%m/%Y" in input_formats
    assert "%m/%d/%Y" not in input_formats


@pytest.mark.django_db
def test_an_offering_page_in_english_shows_british_dates(client, in_english):
    starts = timezone.make_aware(EVENING)
    offering = OfferingSessionFactory(starts_at=starts, offering__title="Kveldskurs").offering

    html = client.get(offering.get_absolute_url()).content.decode()

    assert "16 Dec 2026" in html
    assert "19:00" in html
    assert "Dec. 16" not in html
    assert "p.m." not in html
    assert settings.FORMAT_MODULE_PATH == ["portal.formats"]
