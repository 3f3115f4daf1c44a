"""The overview's query count is bounded and does not grow with requests or offerings."""

import pytest

from tests.query_counts import Page

# The measuring fixture uses the test database; so does each test's small transaction.
pytestmark = pytest.mark.django_db

# (page, login) → queries measured; a change that adds one must say why here. The whole
# country costs one coverage query per county (15); an office or a county costs one; the
# response times read the centres' names (one). For an adviser, the page header asks once
# whether they work in the back-office (one; for centre staff the overview has asked already).
BUDGETS = {
    Page("/oversikt/", "radgiver-vestland"): 34,
    Page("/oversikt/?county=46&topic=rus", "radgiver-vestland"): 37,
    # A download computes its own table only.
    Page("/oversikt/response-times.csv", "radgiver-vestland"): 13,
    Page("/oversikt/", "portaladmin"): 45,
    Page("/oversikt/", "redaktor-korus-vest-stavanger"): 35,
}


@pytest.mark.query_budget
@pytest.mark.parametrize("page", BUDGETS, ids=str)
def test_overview_query_count_is_the_same_at_1x_and_10x_demo_data(page, measured_queries):
    at_1x, at_10x = measured_queries[__name__, page]
    assert at_1x == at_10x
    assert at_10x <= BUDGETS[page]
