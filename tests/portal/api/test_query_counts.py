"""The API's SQL query count is bounded and the same at 1x and 10x the demo data."""

import pytest

from centres.models import ContactPerson
from offerings.models import Offering
from portal.demo.loader import load_demo_content
from tests.query_counts import queries_at_1x_and_10x

pytestmark = pytest.mark.django_db

# Endpoint → queries measured with the demo data; a change that adds one must say why here.
ENDPOINTS = {
    "/api/v1/": 0,
    "/api/v1/openapi.json": 0,
    "/api/v1/organizations/": 8,
    "/api/v1/organizations/?region=vest&topic=rus&q=rus": 10,
    "/api/v1/organizations/korus-vest-stavanger/": 7,
    "/api/v1/services/": 12,
    "/api/v1/services/?municipality=1121&topic=rus&free=true&q=kurs": 14,
    "/api/v1/services/?region=nord&page=2&per_page=20": 15,
    "/api/v1/services/?organization_id=rvts-nord&from=2000-01-01": 13,
    "SERVICE": 10,
    "/api/v1/contacts/": 4,
    "/api/v1/contacts/?organization_id=korus-midt": 5,
    "CONTACT": 3,
    "/api/v1/taxonomies/": 0,
    "/api/v1/taxonomy_terms/": 3,
    "/api/v1/taxonomy_terms/?taxonomy_id=target-group": 1,
    "/api/v1/taxonomy_terms/spilleavhengighet/": 1,
}


def resolve(path: str) -> str:
    if path == "SERVICE":
        offering = Offering.objects.published().filter(sessions__isnull=False).order_by("pk")[0]
        return f"/api/v1/services/{offering.pk}/"
    if path == "CONTACT":
        return f"/api/v1/contacts/{ContactPerson.objects.order_by('pk')[0].pk}/"
    return path


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_endpoint_query_count_is_the_same_at_1x_and_10x_demo_data(client, endpoint):
    load_demo_content(scale=1)
    at_1x, at_10x = queries_at_1x_and_10x(client, resolve(endpoint))
    assert at_1x == at_10x
    assert at_10x <= ENDPOINTS[endpoint]
