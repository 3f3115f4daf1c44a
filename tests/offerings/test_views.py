from datetime import timedelta

import pytest
from django.utils import timezone

from offerings.views import PAGE_SIZE
from tests.factories import OfferingFactory, OfferingSessionFactory, centre, municipality

pytestmark = pytest.mark.django_db


def test_calendar_lists_published_offerings_with_a_count(client, in_english):
    OfferingSessionFactory(offering__title="Grunnkurs i MI")
    OfferingSessionFactory(offering__title="Utkast", offering__status="draft")
    html = client.get("/tilbud/").content.decode()
    assert "Grunnkurs i MI" in html
    assert "Utkast" not in html
    assert "1 offering" in html


@pytest.mark.parametrize(
    ("params", "expected", "unexpected"),
    [
        ({"municipality": "1121"}, "I Stavanger", "I Bodø"),
        ({"county": "18"}, "I Bodø", "I Stavanger"),
        ({"region": "nord"}, "I Bodø", "I Stavanger"),
        ({"topic": "folkehelse"}, "Folkehelsekurs", "I Stavanger"),
        ({"format": "digital"}, "Webinar", "I Stavanger"),
        ({"type": "webinar"}, "Webinar", "I Stavanger"),
        ({"free": "on"}, "I Stavanger", "Betalt"),
        ({"q": "webinar"}, "Webinar", "I Stavanger"),
    ],
)
def test_calendar_filters(client, params, expected, unexpected):
    OfferingSessionFactory(offering__title="I Stavanger", municipality=municipality("1103"))
    OfferingSessionFactory(
        offering__title="I Bodø",
        offering__centre=centre("korus-nord"),
        municipality=municipality("1804"),
    )
    OfferingSessionFactory(
        offering__title="Folkehelsekurs",
        offering__topics=[__import__("tests.factories").factories.topic("folkehelse")],
    )
    OfferingSessionFactory(
        offering__title="Webinar om spill",
        offering__format="digital",
        offering__offering_type=__import__("centres.models").models.OfferingType.objects.get(
            slug="webinar"
        ),
        online=True,
    )
    OfferingSessionFactory(offering__title="Betalt kurs", offering__price=1500)
    html = client.get("/tilbud/", params).content.decode()
    assert expected in html
    assert unexpected not in html


def test_date_period_filters_the_calendar(client):
    soon = timezone.now() + timedelta(days=10)
    OfferingSessionFactory(offering__title="Snart", starts_at=soon)
    OfferingSessionFactory(offering__title="Senere", starts_at=soon + timedelta(days=100))
    params = {"from": soon.date().isoformat(), "to": (soon + timedelta(days=5)).date().isoformat()}
    html = client.get("/tilbud/", params).content.decode()
    assert "Snart" in html
    assert "Senere" not in html


@pytest.mark.parametrize(
    "params",
    [
        {"municipality": "abc"},
        {"from": "2026-13-45"},
        {"to": "i morgen"},
        {"from": "2026-06-01", "to": "2026-05-01"},
        {"q": "x" * 10_000},
        {"county": "1"},
        {"region": "midt-i-havet"},
        {"topic": "<script>"},
        {"format": "papir"},
        {"type": "ukjent"},
        {"from": "0001-01-01"},
        {"to": "9999-12-31"},
        {"municipality": "Time (0301)"},
        {"municipality": "1121", "region": "nord"},
        {"county": "11", "region": "vest"},
    ],
)
def test_malformed_calendar_parameters_are_form_errors(client, params):
    response = client.get("/tilbud/", params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "ds-error-summary" in html
    assert "<script>" not in html.split("<main", 1)[1]


def test_empty_calendar_suggests_widening_the_search(client, in_english):
    html = client.get("/tilbud/", {"q": "ingenting"}).content.decode()
    assert "No offerings match your search" in html
    assert "Try removing a filter" in html


def test_pagination_keeps_the_filters(client):
    for _ in range(PAGE_SIZE + 1):
        OfferingSessionFactory()
    html = client.get("/tilbud/", {"topic": "rus"}).content.decode()
    assert "?topic=rus&amp;page=2" in html
    second = client.get("/tilbud/", {"topic": "rus", "page": 2}).content.decode()
    assert second.count('class="ds-card"') == 1
    assert 'href="?topic=rus&amp;page=2" aria-current="true"' in second


@pytest.mark.parametrize("page", ["abc", "999", "-1"])
def test_out_of_range_page_numbers_show_a_valid_page(client, page):
    OfferingSessionFactory()
    assert client.get("/tilbud/", {"page": page}).status_code == 200


def test_offering_page_shows_sessions_price_deadline_places_and_co_hosts(client, in_english):
    offering = OfferingFactory(
        title="MI grunnkurs",
        price=1500,
        registration_url="https://korus.example.no/pamelding",
        co_hosts=[centre("rvts-vest")],
    )
    start = timezone.now() + timedelta(days=20)
    OfferingSessionFactory(
        offering=offering,
        starts_at=start,
        venue="Sølvberget",
        municipality=municipality("1103"),
        registration_deadline=(start - timedelta(days=7)).date(),
        capacity=30,
        places_left=2,
    )
    OfferingSessionFactory(offering=offering, online=True, starts_at=start + timedelta(days=7))
    html = client.get(offering.get_absolute_url()).content.decode()
    assert "Sølvberget, Stavanger" in html
    assert "Online" in html
    assert "NOK 1,500" in html or "NOK 1 500" in html or "NOK 1\xa0500" in html
    assert "Registration deadline" in html
    assert "Only 2 places left." in html
    assert "https://korus.example.no/pamelding" in html
    assert "RVTS Vest" in html


def test_closed_and_full_sessions_say_so(client, in_english):
    offering = OfferingFactory()
    soon = timezone.now() + timedelta(days=2)
    OfferingSessionFactory(
        offering=offering, starts_at=soon, registration_deadline=(soon - timedelta(days=5)).date()
    )
    OfferingSessionFactory(offering=offering, capacity=20, places_left=0)
    html = client.get(offering.get_absolute_url()).content.decode()
    assert "Registration is closed." in html
    assert "Fully booked." in html


def test_offering_url_with_an_old_slug_redirects_to_the_current_one(client):
    offering = OfferingFactory(title="Nytt navn")
    response = client.get(f"/tilbud/{offering.pk}-gammelt-navn/")
    assert response.status_code == 301
    assert response["Location"] == offering.get_absolute_url()


@pytest.mark.parametrize("status", ["draft", "cancelled"])
def test_unpublished_offering_is_404(client, status):
    offering = OfferingFactory(status=status)
    assert client.get(offering.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("text", ["-", "\u200b", "&", "og"])
def test_search_without_searchable_words_does_not_crash(client, text):
    OfferingSessionFactory()
    assert client.get("/tilbud/", {"q": text}).status_code == 200
    assert client.get("/sentre/", {"q": text}).status_code == 200


def test_empty_parameters_are_dropped_from_the_address(client):
    response = client.get("/tilbud/?q=&municipality=&topic=rus&free=")
    assert response.status_code == 302
    assert response["Location"] == "/tilbud/?topic=rus"
    assert client.get("/tilbud/?q=&county=")["Location"] == "/tilbud/"


def test_card_shows_every_coming_date_when_open_to_and_only_those_held_there_when_held_in(client):
    offering = OfferingFactory(centre=centre("napha"), title="Nasjonal samling")
    soon = timezone.now() + timedelta(days=1)
    OfferingSessionFactory(offering=offering, municipality=municipality("0301"), starts_at=soon)
    OfferingSessionFactory(
        offering=offering, municipality=municipality("4601"), starts_at=soon + timedelta(days=30)
    )
    open_to_time = client.get("/tilbud/", {"municipality": "1121"}).content.decode()
    assert "– Oslo" in open_to_time
    held_in_vest = client.get("/tilbud/", {"municipality": "1121", "held": "region"})
    html = held_in_vest.content.decode()
    assert "Bergen" in html
    assert "– Oslo" not in html


def test_offering_address_keeps_norwegian_letters_readable():
    offering = OfferingFactory(title="VIVAT førstehjelp ved selvmordsfare – Bodø og Ålesund")
    assert offering.slug == "vivat-forstehjelp-ved-selvmordsfare-bodo-og-alesund"


def test_registration_button_is_hidden_when_every_date_is_closed(client, in_english):
    offering = OfferingFactory(registration_url="https://korus.example.no/pamelding")
    OfferingSessionFactory(offering=offering, capacity=10, places_left=0)
    html = client.get(offering.get_absolute_url()).content.decode()
    assert "https://korus.example.no/pamelding" not in html
    card = client.get("/tilbud/").content.decode()
    assert "Fully booked" in card


def test_norwegian_content_is_marked_as_bokmal_in_other_interface_languages(client):
    offering = OfferingSessionFactory(offering__title="Grunnkurs i traumebevisst omsorg").offering
    client.cookies["sprak"] = "en"
    english = client.get(offering.get_absolute_url()).content.decode()
    assert '<h1 class="ds-heading" data-size="lg" lang="nb">' in english
    client.cookies["sprak"] = "nb"
    bokmal = client.get(offering.get_absolute_url()).content.decode()
    assert 'lang="nb">' not in bokmal.split("<body", 1)[1]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"held": "county"}, "Choose a municipality, county or region to see what is held there."),
        ({"county": "11", "held": "municipality"}, "needs a smaller place"),
        ({"region": "vest", "held": "county"}, "needs a smaller place"),
        ({"municipality": "1121", "held": "planet"}, "Select a valid choice"),
    ],
)
def test_held_in_needs_a_place_it_can_widen_and_says_so(client, in_english, params, message):
    response = client.get("/tilbud/", params)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_held_in_the_county_lists_courses_held_there_and_not_elsewhere(client):
    in_stavanger = OfferingSessionFactory(municipality=municipality("1103")).offering
    in_bergen = OfferingSessionFactory(municipality=municipality("4601")).offering
    listed = client.get("/tilbud/", {"municipality": "1121", "held": "county"}).context["page"]
    assert in_stavanger in listed.object_list
    assert in_bergen not in listed.object_list
    open_to_time = client.get("/tilbud/", {"municipality": "1121"}).context["page"]
    assert {in_stavanger, in_bergen} <= set(open_to_time.object_list)
