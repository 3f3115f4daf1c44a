from datetime import timedelta

import pytest
from django.utils import timezone

from centres.models import County
from offerings.models import Offering
from tests.factories import OfferingFactory, OfferingSessionFactory, centre, municipality, topic

pytestmark = pytest.mark.django_db


def days(n: int):
    return timezone.now() + timedelta(days=n)


def test_published_leaves_out_drafts_and_cancelled():
    published = OfferingFactory()
    OfferingFactory(status=Offering.Status.DRAFT)
    OfferingFactory(status=Offering.Status.CANCELLED)
    assert list(Offering.objects.published()) == [published]


def test_calendar_lists_by_next_date_then_offerings_without_dates():
    later = OfferingSessionFactory(starts_at=days(40)).offering
    sooner = OfferingSessionFactory(starts_at=days(5)).offering
    on_request = OfferingFactory(format=Offering.Format.ON_REQUEST)
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


def test_open_to_municipality_means_held_in_its_region_or_remote_from_a_serving_centre():
    time = municipality("1121")
    in_region = OfferingSessionFactory(municipality=municipality("4601")).offering
    elsewhere = OfferingSessionFactory(municipality=municipality("5001")).offering
    remote_from_serving = OfferingFactory(format=Offering.Format.DIGITAL)
    remote_from_other_region = OfferingFactory(
        format=Offering.Format.DIGITAL, centre=centre("korus-nord")
    )
    remote_from_national = OfferingFactory(format=Offering.Format.DIGITAL, centre=centre("napha"))
    co_hosted = OfferingFactory(
        format=Offering.Format.ON_REQUEST,
        centre=centre("korus-nord"),
        co_hosts=[centre("rvts-vest")],
    )
    open_to_time = set(Offering.objects.open_to_municipality(time))
    assert open_to_time == {in_region, remote_from_serving, remote_from_national, co_hosted}
    assert elsewhere not in open_to_time
    assert remote_from_other_region not in open_to_time


def test_remote_offering_restricted_to_other_counties_is_not_open():
    restricted = OfferingFactory(format=Offering.Format.DIGITAL, centre=centre("rvts-vest"))
    restricted.eligible_counties.set([County.objects.get(number="46")])
    assert restricted not in Offering.objects.open_to_municipality(municipality("1121"))
    assert restricted in Offering.objects.open_to_municipality(municipality("4601"))


def test_topic_filter_includes_child_topics():
    gambling = OfferingFactory(topics=[topic("spilleavhengighet")])
    OfferingFactory(topics=[topic("folkehelse")])
    assert list(Offering.objects.for_topic(topic("rus"))) == [gambling]


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
    assert alta in Offering.objects.open_to_municipality(municipality("5601"))
    assert alta not in Offering.objects.open_to_municipality(municipality("1804"))


def test_a_past_session_nearby_does_not_make_an_offering_open():
    OfferingSessionFactory(municipality=municipality("1103"), starts_at=days(-30))
    assert not Offering.objects.open_to_municipality(municipality("1121")).exists()


def test_next_date_is_the_first_session_one_can_reach():
    offering = OfferingFactory(centre=centre("napha"))
    OfferingSessionFactory(offering=offering, municipality=municipality("0301"), starts_at=days(1))
    bergen = OfferingSessionFactory(
        offering=offering, municipality=municipality("4601"), starts_at=days(30)
    )
    time_county = [municipality("1121").county]
    listed = Offering.objects.open_to_counties(time_county).in_calendar(counties=time_county)
    assert listed.get().next_starts_at == bergen.starts_at
    cards = listed.with_card_data(counties=time_county).get()
    assert cards.upcoming_sessions == [bergen]


def test_a_start_date_in_the_past_never_brings_back_past_sessions():
    OfferingSessionFactory(starts_at=days(-10))
    start = days(-400).date()
    assert not Offering.objects.in_calendar(start).filter(next_starts_at__isnull=False).exists()
