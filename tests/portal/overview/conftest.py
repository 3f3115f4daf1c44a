"""A small world whose overview figures are worked out by hand in the tests.

Rogaland, first half of 2026. Requests (hours to first response / to completion):
  R1 Time, rus, supervision, completed by KoRus Vest Stavanger (24 h / 240 h)
  R2 Time, rus + gambling, course, completed by KoRus Vest Stavanger (48 h / 480 h)
  R3 Time, rus, supervision, in progress at KoRus Vest Stavanger (72 h)
  R4 Stavanger, violence, course, declined: outside the mandate (12 h)
  R5 Stavanger, violence, course, referred to another service (6 h)
  R6 Time, rus, supervision, received in May, unanswered
and outside the figures: R7 from Bergen (Vestland), R8 from Time in December 2025.
Offerings:
  O1 KoRus Vest Stavanger, rus, course, in person in Stavanger in March, free
  O2 KoRus Vest Stavanger, rus, webinar, digital, a session in April, 500 kr
  O3 NAPHA (national), adults' mental health, consultation, on request, free
  O4 RVTS Vest (serves Rogaland and Vestland), violence, course, in person in Bergen in March
and outside the figures: O5 in July, O6 cancelled, O7 a draft, O8 digital but only for Vestland.
O1 to O4 are *open to* Rogaland (its county lies in their hosts' catchments); only O1 was *held
in* Rogaland (in Stavanger).
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from centres.models import County, OfferingType
from offerings.models import Offering
from portal.overview.filters import Selection
from requests import services
from requests.models import HelpRequest
from tests.factories import (
    HelpRequestFactory,
    OfferingFactory,
    OfferingSessionFactory,
    UserFactory,
    centre,
    municipality,
    topic,
)

OSLO = ZoneInfo("Europe/Oslo")
START, END = date(2026, 1, 1), date(2026, 6, 30)
REQUESTER_NAMES = [f"Hemmelig Innsender {n}" for n in range(1, 9)]


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=OSLO)


def make_request(number, place, topics, kind, submitted, *, outcome=None, first=None, done=None):
    help_request = HelpRequestFactory(
        requester_name=REQUESTER_NAMES[number - 1],
        requester_email=f"hemmelig{number}@kommune.example.no",
        description=f"Hemmelig beskrivelse nummer {number}",
        municipality=municipality(place),
        topics=topics,
        help_wanted=[kind],
    )
    staff, lead = UserFactory(), centre("korus-vest-stavanger")
    if outcome in ("completed", "in-progress"):
        services.take_lead(help_request=help_request, centre=lead, by=staff)
        services.start_work(help_request=help_request, centre=lead, by=staff)
    if outcome == "completed":
        services.complete(help_request=help_request, centre=lead, by=staff)
    if outcome == "declined":
        services.decline(
            help_request=help_request,
            centre=centre("rvts-vest"),
            by=staff,
            reason="outside-mandate",
            explanation="Utenfor",
        )
    if outcome == "referred":
        services.refer(
            help_request=help_request,
            centre=centre("rvts-vest"),
            by=staff,
            reason="other-service",
            explanation="Til PPT",
            to_elsewhere="PPT",
        )
    HelpRequest.objects.filter(pk=help_request.pk).update(
        submitted_at=submitted,
        first_response_at=submitted + timedelta(hours=first) if first is not None else None,
        closed_at=submitted + timedelta(hours=done)
        if done is not None
        else (submitted + timedelta(hours=first) if outcome in ("declined", "referred") else None),
    )
    return help_request


def make_offering(
    title,
    centre_slug,
    topic_slug,
    type_slug,
    fmt,
    *,
    price=0,
    status="published",
    sessions=(),
    eligible=(),
):
    offering = OfferingFactory(
        title=title,
        centre=centre(centre_slug),
        topics=[topic(topic_slug)],
        offering_type=OfferingType.objects.get(slug=type_slug),
        format=fmt,
        price=price,
        status=status,
    )
    offering.eligible_counties.set(County.objects.filter(number__in=eligible))
    Offering.objects.filter(pk=offering.pk).update(created_at=at(date(2025, 6, 1)))
    for day, place, cancelled in sessions:
        if place is None:
            OfferingSessionFactory(
                offering=offering,
                online=True,
                starts_at=at(day),
                ends_at=at(day, 14),
                is_cancelled=cancelled,
            )
        else:
            OfferingSessionFactory(
                offering=offering,
                municipality=municipality(place),
                starts_at=at(day),
                ends_at=at(day, 14),
                is_cancelled=cancelled,
            )
    return offering


@pytest.fixture
def world(db):
    make_request(
        1,
        "1121",
        ["rus"],
        "veiledning",
        at(date(2026, 2, 1)),
        outcome="completed",
        first=24,
        done=240,
    )
    make_request(
        2,
        "1121",
        ["rus", "spilleavhengighet"],
        "kurs",
        at(date(2026, 2, 2)),
        outcome="completed",
        first=48,
        done=480,
    )
    make_request(
        3, "1121", ["rus"], "veiledning", at(date(2026, 2, 3)), outcome="in-progress", first=72
    )
    make_request(
        4, "1103", ["vold-og-traumer"], "kurs", at(date(2026, 3, 1)), outcome="declined", first=12
    )
    make_request(
        5, "1103", ["vold-og-traumer"], "kurs", at(date(2026, 3, 2)), outcome="referred", first=6
    )
    make_request(6, "1121", ["rus"], "veiledning", at(date(2026, 5, 10)))
    make_request(7, "4601", ["rus"], "veiledning", at(date(2026, 2, 1)))
    make_request(8, "1121", ["rus"], "veiledning", at(date(2025, 12, 31)))
    make_offering(
        "O1",
        "korus-vest-stavanger",
        "rus",
        "kurs",
        "in-person",
        sessions=[(date(2026, 3, 1), "1103", False)],
    )
    make_offering(
        "O2",
        "korus-vest-stavanger",
        "rus",
        "webinar",
        "digital",
        price=500,
        sessions=[(date(2026, 4, 1), None, False)],
    )
    make_offering("O3", "napha", "psykisk-helse-voksne", "konsultasjon", "on-request")
    make_offering(
        "O4",
        "rvts-vest",
        "vold-og-traumer",
        "kurs",
        "in-person",
        sessions=[(date(2026, 3, 5), "4601", False)],
    )
    make_offering(
        "O5",
        "korus-vest-stavanger",
        "rus",
        "kurs",
        "in-person",
        sessions=[(date(2026, 7, 15), "1121", False)],
    )
    make_offering(
        "O6",
        "korus-vest-stavanger",
        "rus",
        "kurs",
        "in-person",
        sessions=[(date(2026, 3, 10), "1124", True)],
    )
    make_offering(
        "O7",
        "korus-vest-stavanger",
        "rus",
        "kurs",
        "in-person",
        status="draft",
        sessions=[(date(2026, 3, 11), "1103", False)],
    )
    make_offering(
        "O8",
        "korus-vest-bergen",
        "rus",
        "webinar",
        "digital",
        eligible=["46"],
        sessions=[(date(2026, 4, 2), None, False)],
    )
    return Offering.objects.count()


@pytest.fixture
def rogaland():
    return Selection(START, END, [County.objects.get(number="11")], None, None)
