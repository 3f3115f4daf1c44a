"""The feeds' SQL query counts are bounded and do not grow with the data."""

import pytest

from offerings.models import Offering, OfferingSession
from portal.demo.loader import load_demo_content
from tests.query_counts import queries_at_1x_and_10x

pytestmark = pytest.mark.django_db

# Feed → queries measured with the demo data; a change that adds one must say why here.
# Each is the rows (sessions or offerings, with their centres) and their topics, plus one lookup
# per vocabulary in the filter (a region also lists its counties, for the sessions one reaches).
FEEDS = {
    "/tilbud/kalender.ics": 2,
    "/tilbud/kalender.ics?municipality=1121&topic=rus&free=on&q=kurs": 4,
    "/tilbud/kalender.ics?region=nord&from=2020-01-01&to=2099-12-31": 5,
    "/tilbud/feed/": 2,
    "/tilbud/feed/?municipality=1121&topic=rus&q=kurs": 4,
    "/tilbud/feed/?region=nord&type=kurs&format=in-person": 6,
    "SESSION": 2,
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


@pytest.mark.parametrize("feed", FEEDS)
def test_feed_query_count_is_the_same_at_1x_and_10x_demo_data(client, feed):
    load_demo_content(scale=1)
    at_1x, at_10x = queries_at_1x_and_10x(client, resolve(feed))
    assert at_1x == at_10x
    assert at_10x <= FEEDS[feed]
