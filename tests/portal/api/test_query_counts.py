"""The API's SQL query count is bounded and the same at 1x and 10x the demo data."""

import pytest

from centres.models import ContactPerson
from offerings.models import Offering
from tests.query_counts import Page

# The measuring fixture uses the test database; so does each test's small transaction.
pytestmark = pytest.mark.django_db

# Endpoint → queries measured with the demo data; a change that adds one must say why here.
BUDGETS = {
    Page("/api/v1/"): 0,
    Page("/api/v1/openapi.json"): 0,
    Page("/api/v1/organizations/"): 8,
    Page("/api/v1/organizations/?region=vest&topic=rus&q=rus"): 10,
    Page("/api/v1/organizations/korus-vest-stavanger/"): 7,
    Page("/api/v1/services/"): 12,
    Page("/api/v1/services/?municipality=1121&topic=rus&free=true&q=kurs"): 14,
    Page("/api/v1/services/?region=nord&page=2&per_page=20"): 15,
    Page("/api/v1/services/?organization_id=rvts-nord&from=2000-01-01"): 13,
    Page("SERVICE"): 10,
    Page("/api/v1/contacts/"): 4,
    Page("/api/v1/contacts/?organization_id=korus-midt"): 5,
    Page("CONTACT"): 3,
    Page("/api/v1/taxonomies/"): 0,
    Page("/api/v1/taxonomy_terms/"): 3,
    Page("/api/v1/taxonomy_terms/?taxonomy_id=target-group"): 1,
    Page("/api/v1/taxonomy_terms/spilleavhengighet/"): 1,
}


def resolve(path: str) -> str:
    if path == "SERVICE":
        offering = Offering.objects.published().filter(sessions__isnull=False).order_by("pk")[0]
        return f"/api/v1/services/{offering.pk}/"
    if path == "CONTACT":
        return f"/api/v1/contacts/{ContactPerson.objects.order_by('pk')[0].pk}/"
    return path


@pytest.mark.query_budget
@pytest.mark.parametrize("page", BUDGETS, ids=str)
def test_endpoint_query_count_is_the_same_at_1x_and_10x_demo_data(page, measured_queries):
    at_1x, at_10x = measured_queries[__name__, page]
    assert at_1x == at_10x
    assert at_10x <= BUDGETS[page]
