"""Measuring a page's SQL queries with the demo data and with ten times as much."""

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext

from offerings.models import Offering
from portal.demo.loader import load_demo_content


def queries_for(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


def queries_at_1x_and_10x(
    client, path: str, *, grow: Callable[[], None] = lambda: None
) -> tuple[int, int]:
    """Queries for `path` now (after `load_demo_content(scale=1)`), then with nine more copies
    of the demo data and whatever `grow` adds."""
    client.get(path)  # warm the session and language machinery once
    at_1x = queries_for(client, path)
    load_demo_content(scale=9)
    grow()
    assert Offering.objects.count() >= 10 * 80
    at_10x = queries_for(client, path)
    print(f"QUERIES {path}: {at_1x} at 1x, {at_10x} at 10x")
    return at_1x, at_10x
