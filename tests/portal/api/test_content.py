"""What the API publishes: published offerings, public contacts, and nothing private."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model

from centres.models import County, OfferingType, ServiceArea, TargetGroup
from offerings.models import Offering
from requests.models import HelpRequest
from tests.factories import (
    ContactPersonFactory,
    OfferingFactory,
    OfferingSessionFactory,
    UserFactory,
    centre,
)

from .conftest import get_json

pytestmark = pytest.mark.django_db

API = "/api/v1"
OSLO = ZoneInfo("Europe/Oslo")


def all_contents(client, path: str, params: dict | None = None) -> list[dict]:
    body = get_json(client, path, {**(params or {}), "per_page": 100})
    contents = body["contents"]
    for number in range(2, body["total_pages"] + 1):
        contents += get_json(client, path, {**(params or {}), "per_page": 100, "page": number})[
            "contents"
        ]
    return contents


def service_names(client, params: dict | None = None) -> set[str]:
    return {service["name"] for service in all_contents(client, f"{API}/services/", params)}


@pytest.mark.parametrize("status", ["draft", "cancelled", "archived"])
def test_only_published_offerings_are_services(client, status):
    OfferingSessionFactory(offering__title="Publisert kurs")
    hidden = OfferingSessionFactory(offering__title="Skjult kurs", offering__status=status)
    assert service_names(client) == {"Publisert kurs"}
    get_json(client, f"{API}/services/{hidden.offering.pk}/", status=404)


def test_an_unpublished_offering_is_a_404_like_one_that_never_existed(client):
    draft = OfferingFactory(status="draft")
    body = get_json(client, f"{API}/services/{draft.pk}/", status=404)
    assert body == get_json(client, f"{API}/services/99999999/", status=404)


def test_only_public_contacts_are_listed_anywhere(client):
    hidden = ContactPersonFactory(name="Skjult Person", is_public=False)
    shown = ContactPersonFactory(name="Synlig Person")
    OfferingSessionFactory(offering__contact=hidden)
    names = {contact["name"] for contact in all_contents(client, f"{API}/contacts/")}
    assert shown.name in names
    everything = json.dumps(
        [
            all_contents(client, f"{API}/contacts/"),
            all_contents(client, f"{API}/organizations/"),
            all_contents(client, f"{API}/services/"),
        ]
    )
    assert hidden.name not in everything
    assert hidden.email not in everything
    get_json(client, f"{API}/contacts/{hidden.pk}/", status=404)


def test_a_service_whose_contact_is_hidden_gives_the_centres_email(client):
    hidden = ContactPersonFactory(is_public=False)
    offering = OfferingFactory(contact=hidden)
    service = get_json(client, f"{API}/services/{offering.pk}/")
    assert service["contacts"] == []
    assert service["email"] == (offering.centre.email or None)


def test_a_service_names_its_public_contact(client):
    person = ContactPersonFactory(role="Kursansvarlig")
    service = get_json(client, f"{API}/services/{OfferingFactory(contact=person).pk}/")
    assert service["email"] == person.email
    assert [(c["id"], c["title"]) for c in service["contacts"]] == [
        (str(person.pk), "Kursansvarlig")
    ]


def test_nothing_about_requests_for_help_or_users_is_published(client, demo_content):
    UserFactory(username="hemmelig-bruker", email="hemmelig@example.no")
    everything = json.dumps(
        [
            all_contents(client, f"{API}/{endpoint}/")
            for endpoint in ("organizations", "services", "contacts", "taxonomy_terms")
        ],
        ensure_ascii=False,
    )
    assert HelpRequest.objects.exists()
    for request in HelpRequest.objects.all():
        assert request.reference not in everything
        assert request.requester_email not in everything
        assert request.status_token not in everything
    for user in get_user_model().objects.all():
        assert user.email not in everything


def test_service_areas_are_the_counties_the_county_filter_finds_the_service_for(
    client, demo_content
):
    published = Offering.objects.published()
    open_in = {
        county.number: set(published.open_to([county]).values_list("pk", flat=True))
        for county in County.objects.all()
    }
    services = all_contents(client, f"{API}/services/")
    assert len(services) > 50
    for service in services:
        expected = {number for number, pks in open_in.items() if int(service["id"]) in pks}
        assert {area["county_number"] for area in service["service_areas"]} == expected, service[
            "name"
        ]


def test_a_service_restricted_to_some_counties_is_open_only_to_them(client):
    offering = OfferingFactory(format="digital")
    offering.eligible_counties.set(County.objects.filter(number="11"))
    service = get_json(client, f"{API}/services/{offering.pk}/")
    assert [area["county_number"] for area in service["service_areas"]] == ["11"]


def test_a_digital_service_from_a_national_centre_is_open_to_every_county(client):
    offering = OfferingFactory(format="digital", centre=centre("napha"))
    service = get_json(client, f"{API}/services/{offering.pk}/")
    assert len(service["service_areas"]) == County.objects.count()


def test_a_session_is_a_schedule_in_local_time_with_its_place(client):
    session = OfferingSessionFactory(
        starts_at=datetime(2030, 6, 3, 9, 0, tzinfo=OSLO),
        ends_at=datetime(2030, 6, 3, 15, 30, tzinfo=OSLO),
        venue="Kulturhuset",
        capacity=40,
        places_left=3,
    )
    service = get_json(client, f"{API}/services/{session.offering.pk}/")
    assert service["schedules"] == [
        {
            "id": str(session.pk),
            "service_id": str(session.offering.pk),
            "valid_from": "2030-06-03",
            "valid_to": "2030-06-03",
            "dtstart": "2030-06-03",
            "until": "2030-06-03",
            "opens_at": "09:00+02:00",
            "closes_at": "15:30+02:00",
            "schedule_link": service["url"],
            "attending_type": "in-person",
            "starts_at": "2030-06-03T09:00:00+02:00",
            "ends_at": "2030-06-03T15:30:00+02:00",
            "status": "scheduled",
            "location": {
                "location_type": "physical",
                "name": "Kulturhuset",
                "city": "Stavanger",
                "municipality_number": "1103",
                "county_number": "11",
            },
            "registration_deadline": None,
            "capacity": 40,
            "places_left": 3,
        }
    ]


def test_a_cancelled_session_is_published_as_cancelled(client):
    session = OfferingSessionFactory(is_cancelled=True)
    OfferingSessionFactory(offering=session.offering)
    service = get_json(client, f"{API}/services/{session.offering.pk}/")
    statuses = {s["id"]: s["status"] for s in service["schedules"]}
    assert statuses[str(session.pk)] == "cancelled"
    assert sorted(statuses.values()) == ["cancelled", "scheduled"]


def test_the_meeting_link_of_an_online_session_is_not_published(client):
    session = OfferingSessionFactory(online=True, online_url="https://moete.example.no/hemmelig")
    body = client.get(f"{API}/services/{session.offering.pk}/").content.decode()
    assert "hemmelig" not in body
    schedule = json.loads(body)["schedules"][0]
    assert (schedule["attending_type"], schedule["location"]) == ("online", None)


def test_a_service_links_its_page_and_price_absolutely(client, settings):
    settings.SITE_URL = "https://kompetanseportalen.example.no"
    offering = OfferingFactory(title="Kurs i MI", price=1500, price_note="Lunsj inkludert")
    service = get_json(client, f"{API}/services/{offering.pk}/")
    assert service["url"] == f"https://kompetanseportalen.example.no{offering.get_absolute_url()}"
    assert service["fees_description"] == "1500 kr. Lunsj inkludert"
    assert service["cost_options"][0]["amount"] == 1500
    assert service["status"] == "active"


def test_a_service_carries_its_type_topics_and_target_groups_as_attributes(client):
    offering = OfferingFactory(topics=[ServiceArea.objects.get(slug="spilleavhengighet")])
    offering.target_groups.set(TargetGroup.objects.filter(slug="nav"))
    service = get_json(client, f"{API}/services/{offering.pk}/")
    terms = {(a["link_type"], a["taxonomy_term_id"]) for a in service["attributes"]}
    assert terms == {
        ("offering-type", "kurs"),
        ("topic", "spilleavhengighet"),
        ("target-group", "nav"),
    }
    topic = next(a for a in service["attributes"] if a["link_type"] == "topic")
    assert topic["taxonomy_term"]["parent_id"] == "rus"


def test_an_organization_is_a_centre_by_its_slug(client):
    body = get_json(client, f"{API}/organizations/korus-vest-stavanger/")
    korus = centre("korus-vest-stavanger")
    assert (body["id"], body["name"], body["alternate_name"]) == (
        korus.slug,
        korus.name,
        korus.short_name,
    )
    assert body["catchment"] == [{"county_number": "11", "name": "Rogaland"}]
    get_json(client, f"{API}/organizations/no-such-centre/", status=404)


def test_taxonomy_term_ids_are_unique_across_the_vocabularies():
    slugs = [
        *ServiceArea.objects.values_list("slug", flat=True),
        *TargetGroup.objects.values_list("slug", flat=True),
        *OfferingType.objects.values_list("slug", flat=True),
    ]
    assert len(slugs) == len(set(slugs))


def test_taxonomy_terms_list_every_vocabulary_and_filter_by_taxonomy(client):
    every = all_contents(client, f"{API}/taxonomy_terms/")
    vocabularies = ServiceArea.objects.count() + TargetGroup.objects.count()
    assert len(every) == vocabularies + OfferingType.objects.count()
    types = all_contents(client, f"{API}/taxonomy_terms/", {"taxonomy_id": "offering-type"})
    assert {term["taxonomy_id"] for term in types} == {"offering-type"}
    assert len(types) == OfferingType.objects.count()


def test_a_taxonomy_term_gives_its_names_in_every_language(client):
    term = get_json(client, f"{API}/taxonomy_terms/rus/")
    assert term["names"] == {
        "nb": "Rus og avhengighet",
        "nn": "Rus og avhengnad",
        "en": "Substance use and addiction",
    }
    assert term["name"] == term["names"]["nb"]


def test_documents_do_not_change_with_the_readers_language(client):
    offering = OfferingFactory()
    path = f"{API}/services/{offering.pk}/"
    in_bokmal = client.get(path, HTTP_ACCEPT_LANGUAGE="nb").content
    assert client.get(path, HTTP_ACCEPT_LANGUAGE="en").content == in_bokmal
