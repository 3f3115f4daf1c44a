"""Every public page's SQL query count is bounded and does not grow with the data."""

import pytest

from offerings.models import Offering
from portal.demo.loader import load_demo_content
from requests.models import HelpRequest
from tests.query_counts import queries_at_1x_and_10x

pytestmark = pytest.mark.django_db

# Page → queries measured with the demo data; a change that adds one must say why here.
PAGES = {
    "/": 3,
    "/?municipality=1121&topic=rus": 15,
    "/?municipality=5601": 14,
    "/sentre/": 8,
    "/sentre/?region=vest&topic=rus&q=rus": 9,
    # The centre page also lists the centre's documents and forums (two queries).
    "/sentre/korus-vest-stavanger/": 13,
    "/tilbud/": 9,
    "/tilbud/?municipality=1121&topic=rus&free=on&q=kurs": 11,
    "/tilbud/?region=nord&page=2": 12,
    "OFFERING": 6,
    "/henvendelse/ny/": 5,
    "/forum/": 3,
    "/forum/nordflanken/": 7,
    "/nyhetsbrev/": 3,
    "/nyhetsbrev/sendt/": 0,
    "/nyhetsbrev/avmeldt/": 0,
    # The centres covering the chosen municipality and topics are listed first (one query).
    "/henvendelse/ny/?municipality=1121&topic=rus&type=kurs&centre=napha": 10,
    "STATUS": 5,
    "RECEIPT": 2,
}


def resolve(path: str) -> str:
    if path in ("STATUS", "RECEIPT"):
        # The demo's completed request: the longest log a requester sees.
        token = HelpRequest.objects.filter(status="completed").order_by("pk").first().status_token
        return f"/henvendelse/{'status' if path == 'STATUS' else 'mottatt'}/{token}/"
    if path != "OFFERING":
        return path
    offering = Offering.objects.published().filter(sessions__isnull=False).order_by("pk").first()
    return offering.get_absolute_url()


@pytest.mark.parametrize("page", PAGES)
def test_page_query_count_is_the_same_at_1x_and_10x_demo_data(client, page):
    load_demo_content(scale=1)
    at_1x, at_10x = queries_at_1x_and_10x(client, resolve(page))
    assert at_1x == at_10x
    assert at_10x <= PAGES[page]
