from datetime import timedelta

import pytest
from django.utils import timezone

from centres.choices import Scale
from centres.coverage import Area, topic_family
from centres.models import County
from offerings.choices import OfferingFormat, OfferingStatus
from offerings.models import Offering
from tests.factories import OfferingFactory, OfferingSessionFactory, centre, municipality, topic

pytestmark = pytest.mark.django_db


def days(n: int):
    return timezone.now() + timedelta(days=n)


def test_published_leaves_out_drafts_and_cancelled():
    published = OfferingFactory()
    OfferingFactory(status=OfferingStatus.DRAFT)
    OfferingFactory(status=OfferingStatus.CANCELLED)
    assert list(Offering.objects.published()) == [published]


def test_calendar_lists_by_next_date_then_offerings_without_dates():
    later = OfferingSessionFactory(starts_at=days(40)).offering
    sooner = OfferingSessionFactory(starts_at=days(5)).offering
    on_request = OfferingFactory(format=OfferingFormat.ON_REQUEST)
    only_past = OfferingSessionFactory(starts_at=days(-5)).offering
    listed = list(Offering.objects.in_calendar())
    assert listed == [sooner, later, on_request]
    assert only_past not in listed


def test_next_date_ignores_cancelled_and_past_sessions():
    offering = OfferingFactory()
    OfferingSessionFactory(offering=offering, starts_at=days(-3))
    OfferingSessionFactory(offering=offering, starts_at=days(2), is_cancelled=True)
    upcoming = OfferingSessionFactory(offering=offering, starts_at=days(9))
    assert Offering.objects.in_calendar().get().next_starts_at == upcoming.starts_at


def test_calendar_period_keeps_offerings_with_a_session_inside_it():
    march = OfferingSessionFactory(starts_at=days(60)).offering
    OfferingSessionFactory(starts_at=days(200))
    start, end = (days(50).date(), days(70).date())
    assert list(Offering.objects.in_calendar(start, end).filter(next_starts_at__isnull=False)) == [
        march
    ]


def open_to(number: str) -> set[Offering]:
    return set(Offering.objects.open_to([municipality(number).county]))


def test_open_to_a_municipality_means_its_county_lies_in_the_hosts_catchments_whatever_the_format():
    # KoRus Vest Stavanger serves Rogaland: its courses are open to Time wherever they are held.
    in_bergen = OfferingSessionFactory(municipality=municipality("4601")).offering
    in_trondheim = OfferingSessionFactory(municipality=municipality("5001")).offering
    digital = OfferingFactory(format=OfferingFormat.DIGITAL)
    from_the_north = OfferingFactory(format=OfferingFormat.DIGITAL, centre=centre("korus-nord"))
    from_national = OfferingFactory(format=OfferingFormat.DIGITAL, centre=centre("napha"))
    co_hosted = OfferingFactory(
        format=OfferingFormat.ON_REQUEST,
        centre=centre("korus-nord"),
        co_hosts=[centre("rvts-vest")],
    )
    assert open_to("1121") == {in_bergen, in_trondheim, digital, from_national, co_hosted}
    assert from_the_north not in open_to("1121")


def test_a_national_centres_course_held_in_person_is_open_to_a_municipality_in_every_region():
    conference = OfferingSessionFactory(
        offering__centre=centre("napha"), municipality=municipality("4601")
    ).offering
    for number in ("0301", "5601", "1121", "5001", "4204"):  # Oslo, Alta, Time, Trondheim, Kr.sand
        place = municipality(number)
        assert conference in Offering.objects.open_to([place.county]), place
        listed = Offering.objects.published().open_to([place.county]).in_calendar()
        assert conference in listed, place


def test_remote_offering_restricted_to_other_counties_is_not_open():
    restricted = OfferingFactory(format=OfferingFormat.DIGITAL, centre=centre("rvts-vest"))
    restricted.eligible_counties.set([County.objects.get(number="46")])
    assert restricted not in open_to("1121")
    assert restricted in open_to("4601")


def test_held_in_an_area_means_a_session_in_a_room_there():
    in_bergen = OfferingSessionFactory(municipality=municipality("4601")).offering
    in_stavanger = OfferingSessionFactory(municipality=municipality("1103")).offering
    OfferingSessionFactory(online=True)
    hybrid_room = OfferingSessionFactory(
        offering__format=OfferingFormat.HYBRID, municipality=municipality("1121")
    ).offering
    time = municipality("1121")

    def held(scale: str) -> set[Offering]:
        return set(Offering.objects.held_in(Area.around(time, scale)))

    assert held(Scale.MUNICIPALITY) == {hybrid_room}
    assert held(Scale.COUNTY) == {hybrid_room, in_stavanger}
    assert held(Scale.REGION) == {hybrid_room, in_stavanger, in_bergen}


def test_topic_filter_includes_child_topics():
    gambling = OfferingFactory(topics=[topic("spilleavhengighet")])
    OfferingFactory(topics=[topic("folkehelse")])
    assert list(Offering.objects.about_any_of(topic_family([topic("rus")]))) == [gambling]


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Kurs om traumer hos barn", "traume"),
        ("Forebygging av skader fra rusmidlene", "rusmidler"),
        ("Samtaler om rusmidler i familien", "rus"),
        ("Motiverende intervju for NAV-ansatte", "motiverende intervju"),
    ],
)
def test_search_finds_inflected_and_partial_norwegian_words(text, query):
    found = OfferingFactory(title=text)
    OfferingFactory(title="Webinar om spilleavhengighet")
    assert list(Offering.objects.search(query)) == [found]


def test_search_needs_every_word_to_match():
    OfferingFactory(title="Traumebevisst omsorg")
    assert not Offering.objects.search("traumebevisst fotball").exists()


def test_search_ignores_punctuation_and_operators():
    OfferingFactory(title="BIR – barn i rusfamilier")
    assert Offering.objects.search("bir & | ! ( ' :*").exists()


def test_restriction_to_counties_applies_to_in_person_sessions_too():
    alta = OfferingSessionFactory(
        offering__centre=centre("rvts-nord"), municipality=municipality("5601")
    ).offering
    alta.eligible_counties.set([County.objects.get(number="56")])
    assert alta in open_to("5601")
    assert alta not in open_to("1804")


def test_a_past_session_nearby_does_not_put_an_offering_in_the_calendar():
    OfferingSessionFactory(municipality=municipality("1103"), starts_at=days(-30))
    assert not Offering.objects.open_to([municipality("1121").county]).in_calendar().exists()


def test_held_in_the_calendar_shows_only_the_sessions_held_there():
    offering = OfferingFactory(centre=centre("napha"))
    OfferingSessionFactory(offering=offering, municipality=municipality("0301"), starts_at=days(1))
    bergen = OfferingSessionFactory(
        offering=offering, municipality=municipality("4601"), starts_at=days(30)
    )
    vest = Area.around(municipality("1121"), Scale.REGION)
    listed = Offering.objects.held_in(vest).in_calendar(held_in=vest)
    assert listed.get().next_starts_at == bergen.starts_at
    cards = listed.with_card_data(held_in=vest).get()
    assert cards.upcoming_sessions == [bergen]


def test_a_start_date_in_the_past_never_brings_back_past_sessions():
    OfferingSessionFactory(starts_at=days(-10))
    start = days(-400).date()
    assert not Offering.objects.in_calendar(start).filter(next_starts_at__isnull=False).exists()
