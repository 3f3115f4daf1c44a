"""Measuring pages' SQL queries with the demo data and with ten times as much, once per run.

A test module lists its pages in `BUDGETS` ({Page: most queries allowed}), may name a page by a
key that its `resolve(key)` turns into a path once the data exists, and may add data of its own
with `prepare()` (after the demo data) and `grow()` (when the demo data grows tenfold). The
session fixture `measured_queries` (in `tests/conftest.py`) builds the demo world once, measures
every budgeted page of every collected module at 1× and at 10×, rolls it all back, and the
tests compare. Loading the world once, rather than once per page, is what keeps this cheap.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import ModuleType
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from offerings.models import Offering
from portal.demo.loader import ensure_demo_logins, load_demo_content

DEMO_PASSWORD = "et-langt-demo-passord"


class Page(NamedTuple):
    path: str
    login: str | None = None

    def __str__(self) -> str:
        return f"{self.path} as {self.login}" if self.login else self.path


def pages_of(module: ModuleType) -> list[Page]:
    return [page if isinstance(page, Page) else Page(*page) for page in module.BUDGETS]


def _client_for(login: str | None) -> Client:
    """A fresh client per page, so no cookie one page sets (the remembered municipality) changes
    what the next one does."""
    client = Client()
    if login:
        client.force_login(get_user_model().objects.get(username=login))
    return client


def _queries(client: Client, path: str) -> int:
    client.get(path)  # warm the session and language machinery once
    cache.clear()  # the budget is for building the page, not for serving it from a cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(captured)


def _measure(modules: Iterable[ModuleType]) -> dict[tuple[str, Page], int]:
    counts = {}
    for module in modules:
        resolve = getattr(module, "resolve", lambda path: path)
        for page in pages_of(module):
            client = _client_for(page.login)
            counts[module.__name__, page] = _queries(client, resolve(page.path))
    return counts


def measure_at_1x_and_10x(modules: list[ModuleType]) -> dict[tuple[str, Page], tuple[int, int]]:
    """Every module's pages at 1× and 10× the demo data; nothing of it stays in the database."""
    with transaction.atomic():
        load_demo_content(scale=1)
        ensure_demo_logins(password=DEMO_PASSWORD)
        for module in modules:
            getattr(module, "prepare", lambda: None)()
        at_1x = _measure(modules)
        load_demo_content(scale=9)
        for module in modules:
            getattr(module, "grow", lambda: None)()
        assert Offering.objects.count() >= 10 * 80
        at_10x = _measure(modules)
        transaction.set_rollback(True)
    cache.clear()
    for key, queries in at_1x.items():
        print(f"QUERIES {key[1]}: {queries} at 1x, {at_10x[key]} at 10x")
    return {key: (at_1x[key], at_10x[key]) for key in at_1x}
