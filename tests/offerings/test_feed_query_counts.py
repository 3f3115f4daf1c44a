"""The feeds' SQL query counts are bounded and do not grow with the data."""

import pytest

from offerings.models import Offering, OfferingSession
from tests.query_counts import Page

# The measuring fixture uses the test database; so does each test's small transaction.
pytestmark = pytest.mark.django_db

# Feed → queries measured with the demo data; a change that adds one must say why here.
# Each is the rows (sessions or offerings, with their centres) and their topics, plus one lookup
# per vocabulary in the filter (a region also lists its counties, for the sessions one reaches).
BUDGETS = {
    Page("/tilbud/kalender.ics"): 2,
    Page("/tilbud/kalender.ics?municipality=1121&topic=rus&free=on&q=kurs"): 4,
    Page("/tilbud/kalender.ics?region=nord&from=2020-01-01&to=2099-12-31"): 5,
    Page("/tilbud/feed/"): 2,
    Page("/tilbud/feed/?municipality=1121&topic=rus&q=kurs"): 4,
    Page("/tilbud/feed/?region=nord&type=kurs&format=in-person"): 6,
    Page("SESSION"): 2,
}


def resolve(path: str) -> str:
    if path != "SESSION":
        return path
    session = (
        OfferingSession.objects.filter(offering__in=Offering.objects.published())
        .order_by("offering_id", "pk")
        .first()
    )
    offering = session.offering
    return f"/tilbud/{offering.pk}-{offering.slug}/kalender/{session.pk}.ics"


@pytest.mark.query_budget
@pytest.mark.parametrize("page", BUDGETS, ids=str)
def test_feed_query_count_is_the_same_at_1x_and_10x_demo_data(page, measured_queries):
    at_1x, at_10x = measured_queries[__name__, page]
    assert at_1x == at_10x
    assert at_10x <= BUDGETS[page]
