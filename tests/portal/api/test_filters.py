"""Lists take the pages' filter parameters; a bad value is a 400 naming it, never a 500."""

from datetime import timedelta

import pytest
from django.utils import timezone

from centres.filters import CentreFilter
from centres.models import Centre, OfferingType
from offerings.filters import OfferingFilter
from offerings.models import Offering
from tests.factories import (
    ContactPersonFactory,
    OfferingFactory,
    OfferingSessionFactory,
    centre,
    municipality,
    topic,
)

from .conftest import get_json

pytestmark = pytest.mark.django_db

API = "/api/v1"


def ids(client, path: str, params: dict) -> list[str]:
    body = get_json(client, path, {**params, "per_page": 100})
    assert body["last_page"], "the test data fits on one page"
    return [entry["id"] for entry in body["contents"]]


@pytest.fixture
def calendar():
    OfferingSessionFactory(offering__title="I Stavanger", municipality=municipality("1103"))
    OfferingSessionFactory(
        offering__title="I Bodø",
        offering__centre=centre("korus-nord"),
        municipality=municipality("1804"),
    )
    OfferingSessionFactory(offering__title="Folkehelsekurs", offering__topics=[topic("folkehelse")])
    OfferingSessionFactory(
        offering__title="Webinar om spill",
        offering__format="digital",
        offering__offering_type=OfferingType.objects.get(slug="webinar"),
        online=True,
    )
    OfferingSessionFactory(offering__title="Betalt kurs", offering__price=1500)


@pytest.mark.parametrize(
    ("params", "expected", "unexpected"),
    [
        ({"municipality": "1121"}, "I Stavanger", "I Bodø"),
        ({"municipality": "Time"}, "I Stavanger", "I Bodø"),
        ({"county": "18"}, "I Bodø", "I Stavanger"),
        ({"region": "nord"}, "I Bodø", "I Stavanger"),
        ({"topic": "folkehelse"}, "Folkehelsekurs", "I Stavanger"),
        ({"format": "digital"}, "Webinar om spill", "I Stavanger"),
        ({"type": "webinar"}, "Webinar om spill", "I Stavanger"),
        ({"free": "true"}, "I Stavanger", "Betalt kurs"),
        ({"q": "webinar"}, "Webinar om spill", "I Stavanger"),
        ({"organization_id": "korus-nord"}, "I Bodø", "I Stavanger"),
    ],
)
def test_services_filter_like_the_calendar(client, calendar, params, expected, unexpected):
    names = {s["name"] for s in get_json(client, f"{API}/services/", params)["contents"]}
    assert expected in names
    assert unexpected not in names


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"municipality": "1121", "topic": "rus"},
        {"region": "nord", "free": "on"},
        {"q": "traume"},
        {"from": "2000-01-01", "to": "2100-12-31", "type": "kurs"},
    ],
)
def test_services_are_the_offerings_the_calendar_lists_in_its_order(client, demo_content, params):
    filterset = OfferingFilter(params, queryset=Offering.objects.published())
    assert filterset.is_valid()
    expected = [str(pk) for pk in filterset.qs.values_list("pk", flat=True)[:100]]
    assert expected
    assert [
        s["id"]
        for s in get_json(client, f"{API}/services/", {**params, "per_page": 100})["contents"]
    ] == expected


def test_the_period_narrows_services_to_those_with_a_session_in_it(client):
    soon = timezone.now() + timedelta(days=10)
    OfferingSessionFactory(offering__title="Snart", starts_at=soon)
    OfferingSessionFactory(offering__title="Senere", starts_at=soon + timedelta(days=60))
    day = timezone.localdate(soon).isoformat()
    names = {s["name"] for s in get_json(client, f"{API}/services/", {"to": day})["contents"]}
    assert names == {"Snart"}


def test_a_service_is_listed_for_its_co_host_too(client):
    offering = OfferingFactory(co_hosts=[centre("rvts-vest")])
    assert ids(client, f"{API}/services/", {"organization_id": "rvts-vest"}) == [str(offering.pk)]


@pytest.mark.parametrize(
    "params",
    [{}, {"region": "vest"}, {"county": "56", "topic": "rus"}, {"network": "rvts"}, {"q": "rus"}],
)
def test_organizations_are_the_centres_the_centre_list_shows(client, params):
    filterset = CentreFilter(params, queryset=Centre.objects.all())
    assert filterset.is_valid()
    expected = list(filterset.qs.values_list("slug", flat=True))
    assert expected
    assert ids(client, f"{API}/organizations/", params) == expected


def test_contacts_filter_by_organization(client):
    mine = ContactPersonFactory(centre=centre("rvts-nord"))
    ContactPersonFactory(centre=centre("rvts-vest"))
    assert ids(client, f"{API}/contacts/", {"organization_id": "rvts-nord"}) == [str(mine.pk)]


def test_an_empty_filter_value_means_no_filter(client, calendar):
    every = ids(client, f"{API}/services/", {})
    assert ids(client, f"{API}/services/", {"topic": "", "municipality": ""}) == every


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("services", {"topic": "no-such-topic"}, "topic"),
        ("services", {"municipality": "Atlantis"}, "municipality"),
        ("services", {"county": "99"}, "county"),
        ("services", {"region": "atlantis"}, "region"),
        ("services", {"type": "teleportation"}, "type"),
        ("services", {"format": "telepathy"}, "format"),
        ("services", {"from": "not-a-date"}, "from"),
        ("services", {"from": "1800-01-01"}, "from"),
        ("services", {"from": "2030-02-01", "to": "2030-01-01"}, "to"),
        ("services", {"county": "11", "region": "vest"}, "region"),
        ("services", {"q": "x" * 201}, "q"),
        ("services", {"topic": "rus\x00"}, "topic"),
        ("services", {"q": "rus\x00"}, "q"),
        ("services", {"organization_id": "no-such-centre"}, "organization_id"),
        ("organizations", {"region": "atlantis"}, "region"),
        ("organizations", {"network": "rebels"}, "network"),
        ("organizations", {"target_group": "\x00"}, "target_group"),
        ("contacts", {"organization_id": "\x00"}, "organization_id"),
        ("taxonomy_terms", {"taxonomy_id": "colours"}, "taxonomy_id"),
    ],
)
def test_an_invalid_filter_value_is_a_400_naming_it(client, path, params, field):
    body = get_json(client, f"{API}/{path}/", params, status=400)
    assert list(body) == ["errors"]
    assert field in body["errors"]
    assert all(isinstance(message, str) for message in body["errors"][field])


def test_every_mistake_is_named_in_one_answer(client):
    params = {"topic": "nope", "type": "nope", "per_page": "many", "organization_id": "nope"}
    body = get_json(client, f"{API}/services/", params, status=400)
    assert set(body["errors"]) == {"topic", "type", "per_page", "organization_id"}
