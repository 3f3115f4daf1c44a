"""Every endpoint answers what openapi.json says it does, for every document the demo data has."""

import json
import re

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from centres.filters import CentreFilter
from offerings.filters import OfferingFilter
from offerings.models import Offering
from portal.api import urls as api_urls
from portal.api.parameters import MAX_PER_PAGE
from tests.factories import ContactPersonFactory, OfferingFactory, OfferingSessionFactory, centre

from .conftest import get_json

pytestmark = pytest.mark.django_db

API = "/api/v1"
DESCRIPTION_URI = "urn:kompetanseportalen:api:openapi"


def pointer(*parts: str) -> str:
    return "/" + "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def validator(description: dict, path: str, status: str) -> Draft202012Validator:
    """Validates against the response schema in `description`, its $refs resolved within it."""
    registry = Registry().with_resource(
        DESCRIPTION_URI, Resource(contents=description, specification=DRAFT202012)
    )
    location = pointer("paths", path, "get", "responses", status, "content", "application/json")
    return Draft202012Validator(
        {"$ref": f"{DESCRIPTION_URI}#{location}/schema"},
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def assert_matches(description: dict, path: str, body: dict, status: str = "200") -> None:
    errors = sorted(validator(description, path, status).iter_errors(body), key=str)
    assert not errors, f"{path} {status}: " + "\n".join(
        f"{list(error.absolute_path)}: {error.message}" for error in errors[:5]
    )


def every_page(client, path: str) -> list[dict]:
    pages, number = [], 1
    while True:
        body = get_json(client, path, {"page": number, "per_page": MAX_PER_PAGE})
        pages.append(body)
        if body["last_page"]:
            return pages
        number += 1


@pytest.fixture
def served_description(client) -> dict:
    return get_json(client, f"{API}/openapi.json")


@pytest.fixture
def varied_content(demo_content):
    """The demo data plus the cases it lacks: a hidden contact, a restricted, priced offering."""
    hidden = ContactPersonFactory(is_public=False, phone="")
    restricted = OfferingFactory(
        contact=hidden, price=2500, price_note="Inkludert lunsj", registration_url=""
    )
    restricted.eligible_counties.set([centre("korus-vest-stavanger").catchment.first()])
    OfferingSessionFactory(offering=restricted, is_cancelled=True)
    OfferingSessionFactory(offering=restricted, online=True)


def example_paths() -> dict[str, str]:
    """A real URL for each path of the description."""
    offering = Offering.objects.published().filter(sessions__isnull=False).order_by("pk").first()
    return {
        "/": f"{API}/",
        "/openapi.json": f"{API}/openapi.json",
        "/organizations/": f"{API}/organizations/",
        "/organizations/{id}/": f"{API}/organizations/korus-vest-stavanger/",
        "/services/": f"{API}/services/",
        "/services/{id}/": f"{API}/services/{offering.pk}/",
        "/contacts/": f"{API}/contacts/",
        "/contacts/{id}/": f"{API}/contacts/{centre('rvts-nord').contacts.first().pk}/",
        "/taxonomies/": f"{API}/taxonomies/",
        "/taxonomies/{id}/": f"{API}/taxonomies/topic/",
        "/taxonomy_terms/": f"{API}/taxonomy_terms/",
        "/taxonomy_terms/{id}/": f"{API}/taxonomy_terms/psykisk-helse-voksne/",
    }


def test_every_endpoint_answers_as_the_description_says(client, varied_content, served_description):
    examples = example_paths()
    assert set(examples) == set(served_description["paths"])
    for path, url in examples.items():
        if path.endswith("/") and "{id}" not in path and path != "/":
            for body in every_page(client, url):
                assert_matches(served_description, path, body)
        else:
            assert_matches(served_description, path, get_json(client, url))


def test_every_service_detail_matches_the_description(client, varied_content, served_description):
    for offering in Offering.objects.published():
        body = get_json(client, f"{API}/services/{offering.pk}/")
        assert_matches(served_description, "/services/{id}/", body)


@pytest.mark.parametrize(
    ("path", "url", "status"),
    [
        ("/services/", "/services/?topic=nonsense&per_page=0", "400"),
        ("/services/", "/services/?page=99", "404"),
        ("/organizations/", "/organizations/?region=atlantis", "400"),
        ("/services/{id}/", "/services/999999/", "404"),
        ("/contacts/{id}/", "/contacts/999999/", "404"),
        ("/taxonomy_terms/{id}/", "/taxonomy_terms/nonsense/", "404"),
    ],
)
def test_error_answers_match_the_description(client, served_description, path, url, status):
    body = get_json(client, f"{API}{url}", status=int(status))
    assert_matches(served_description, path, body, status)


def test_every_schema_in_the_description_is_valid_json_schema(served_description):
    for schema in served_description["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def test_every_object_schema_requires_all_its_properties_and_no_others(served_description):
    def objects(schema):
        if isinstance(schema, dict):
            if "properties" in schema:
                yield schema
            for value in schema.values():
                yield from objects(value)
        elif isinstance(schema, list):
            for value in schema:
                yield from objects(value)

    for schema in objects(served_description["components"]["schemas"]):
        assert schema["additionalProperties"] is False
        assert set(schema["required"]) == set(schema["properties"])


def test_the_description_has_a_path_for_every_url_pattern(served_description):
    routes = {
        "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern.pattern))
        for pattern in api_urls.urlpatterns
        if pattern.name != "not-found"
    }
    assert routes == set(served_description["paths"])


def test_the_documented_filters_are_those_of_the_pages_filter_sets(served_description):
    def documented(path: str) -> list[str]:
        return [p["name"] for p in served_description["paths"][path]["get"]["parameters"]]

    paging = ["page", "per_page"]
    assert documented("/services/") == [*paging, *OfferingFilter.base_filters, "organization_id"]
    assert documented("/organizations/") == [*paging, *CentreFilter.base_filters]
    assert documented("/contacts/") == [*paging, "organization_id"]
    assert documented("/taxonomies/") == paging
    assert documented("/taxonomy_terms/") == [*paging, "taxonomy_id"]


def test_the_description_is_served_as_json_with_absolute_server_url(client, settings):
    response = client.get(f"{API}/openapi.json")
    assert response["Content-Type"] == "application/json"
    description = json.loads(response.content)
    assert description["openapi"] == "3.1.0"
    assert description["servers"] == [{"url": f"{settings.SITE_URL}/api/v1"}]
