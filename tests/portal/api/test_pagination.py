"""Lists come in HSDS page envelopes: `page` from 1, `per_page` up to 100 (50 by default)."""

import pytest

from centres.models import Centre
from tests.factories import OfferingFactory

from .conftest import get_json

pytestmark = pytest.mark.django_db

SERVICES = "/api/v1/services/"


@pytest.fixture
def five_services():
    return [OfferingFactory(title=f"Kurs {n}") for n in range(5)]


def test_a_middle_page_has_the_whole_envelope(client, five_services):
    body = get_json(client, SERVICES, {"per_page": 2, "page": 2})
    assert {key: value for key, value in body.items() if key != "contents"} == {
        "total_items": 5,
        "total_pages": 3,
        "page_number": 2,
        "size": 2,
        "first_page": False,
        "last_page": False,
        "empty": False,
    }
    assert len(body["contents"]) == 2


def test_the_last_page_holds_the_rest(client, five_services):
    body = get_json(client, SERVICES, {"per_page": 2, "page": 3})
    assert (body["size"], body["first_page"], body["last_page"]) == (1, False, True)


def test_pages_cover_every_entry_once(client, five_services):
    seen = [
        service["id"]
        for number in (1, 2, 3)
        for service in get_json(client, SERVICES, {"per_page": 2, "page": number})["contents"]
    ]
    assert sorted(seen) == sorted(str(offering.pk) for offering in five_services)


def test_a_page_holds_fifty_entries_unless_asked(client):
    body = get_json(client, "/api/v1/organizations/")
    assert body["size"] == min(50, Centre.objects.count())
    assert body["page_number"] == 1
    assert body["first_page"] is True


def test_nothing_found_is_one_empty_page(client):
    body = get_json(client, SERVICES)
    assert body == {
        "total_items": 0,
        "total_pages": 1,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }


@pytest.mark.parametrize("number", [4, 10**12])
def test_a_page_past_the_last_is_a_json_404(client, five_services, number):
    body = get_json(client, SERVICES, {"per_page": 2, "page": number}, status=404)
    assert body == {"errors": {"page": [f"There is no page {number}: the last page is 3."]}}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page": "0"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "two"}, "page"),
        ({"page": "1\x00"}, "page"),
        ({"per_page": "0"}, "per_page"),
        ({"per_page": "101"}, "per_page"),
        ({"per_page": "lots"}, "per_page"),
    ],
)
@pytest.mark.parametrize(
    "path", [SERVICES, "/api/v1/organizations/", "/api/v1/contacts/", "/api/v1/taxonomy_terms/"]
)
def test_a_malformed_page_or_page_size_is_a_400_naming_it(client, path, params, field):
    body = get_json(client, path, params, status=400)
    assert list(body["errors"]) == [field]


def test_a_hundred_entries_fit_on_one_page(client):
    body = get_json(client, "/api/v1/taxonomy_terms/", {"per_page": 100})
    assert body["total_pages"] == 1
    assert body["size"] == body["total_items"]
