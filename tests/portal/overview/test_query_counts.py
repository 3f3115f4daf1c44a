"""The overview's query count is bounded and does not grow with requests or offerings."""

import pytest
from django.contrib.auth import get_user_model

from portal.demo.loader import ensure_demo_logins, load_demo_content
from requests.models import HelpRequest
from tests.query_counts import queries_at_1x_and_10x

pytestmark = pytest.mark.django_db

# (page, login) → queries measured; a change that adds one must say why here. The whole
# country costs one coverage query per county (15); an office or a county costs one; the
# response times read the centres' names (one). For an adviser, the page header asks once
# whether they work in the back-office (one; for centre staff the overview has asked already).
BUDGETS = {
    ("/oversikt/", "radgiver-vestland"): 34,
    ("/oversikt/?county=46&topic=rus", "radgiver-vestland"): 37,
    # A download computes its own table only.
    ("/oversikt/response-times.csv", "radgiver-vestland"): 13,
    ("/oversikt/", "portaladmin"): 45,
    ("/oversikt/", "redaktor-korus-vest-stavanger"): 35,
}


@pytest.mark.parametrize(("page", "login"), BUDGETS, ids=[f"{p} as {u}" for p, u in BUDGETS])
def test_overview_query_count_is_the_same_at_1x_and_10x_demo_data(client, page, login):
    load_demo_content(scale=1)
    ensure_demo_logins(password="et-langt-demo-passord")
    client.force_login(get_user_model().objects.get(username=login))
    at_1x, at_10x = queries_at_1x_and_10x(client, page)
    assert HelpRequest.objects.count() >= 10 * 7
    assert at_1x == at_10x
    assert at_10x <= BUDGETS[(page, login)]
