"""The API speaks plain cacheable HTTP: JSON, validators, 304, read-only methods, open CORS."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.http import http_date

from offerings.models import Offering
from tests.factories import OfferingFactory

from .conftest import get_json

pytestmark = pytest.mark.django_db

API = "/api/v1"
LISTS = ["organizations", "services", "contacts", "taxonomies", "taxonomy_terms"]


@pytest.fixture
def offering():
    return OfferingFactory()


@pytest.mark.parametrize("path", ["", "openapi.json", *(f"{name}/" for name in LISTS)])
def test_every_endpoint_answers_cacheable_json_that_anyone_may_read(client, offering, path):
    response = client.get(f"{API}/{path}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["ETag"].startswith('"')
    json.loads(response.content)


def test_the_index_lists_every_endpoint_and_the_description(client, settings):
    index = get_json(client, f"{API}/")
    assert set(index["endpoints"]) == set(LISTS)
    assert index["openapi_url"] == f"{settings.SITE_URL}/api/v1/openapi.json"
    for url in index["endpoints"].values():
        get_json(client, url.removeprefix(settings.SITE_URL))


def test_the_same_answer_has_the_same_etag_and_a_change_changes_it(client, offering):
    path = f"{API}/services/{offering.pk}/"
    first = client.get(path)["ETag"]
    assert client.get(path)["ETag"] == first
    Offering.objects.filter(pk=offering.pk).update(title="Nytt navn")
    assert client.get(path)["ETag"] != first


@pytest.mark.parametrize("path", ["", "services/", "organizations/", "taxonomy_terms/rus/"])
def test_a_matching_etag_is_answered_304_without_a_body(client, offering, path):
    etag = client.get(f"{API}/{path}")["ETag"]
    response = client.get(f"{API}/{path}", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "public, max-age=300"


def test_a_stale_etag_gets_the_whole_answer(client, offering):
    response = client.get(f"{API}/services/", HTTP_IF_NONE_MATCH='"stale"')
    assert response.status_code == 200
    assert json.loads(response.content)["total_items"] == 1


@pytest.mark.parametrize("path", ["/services/", "/organizations/", "/contacts/"])
def test_no_last_modified_is_sent_since_no_single_date_covers_a_whole_answer(
    client, offering, path
):
    # A service shows its sessions, contact and centre too: only the ETag is exact.
    response = client.get(f"{API}{path}")
    assert "Last-Modified" not in response
    later = http_date((timezone.now() + timedelta(days=1)).timestamp())
    assert client.get(f"{API}{path}", HTTP_IF_MODIFIED_SINCE=later).status_code == 200


def test_head_answers_the_headers_of_get_without_a_body(client, offering):
    path = f"{API}/services/"
    got, head = client.get(path), client.head(path)
    assert head.status_code == 200
    assert head.content == b""
    for header in ("Content-Type", "ETag", "Cache-Control"):
        assert head[header] == got[header]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
@pytest.mark.parametrize("path", ["", "services/", "organizations/rvts-nord/", "openapi.json"])
def test_every_method_but_get_and_head_is_a_json_405(method, path, offering):
    # CSRF checks on, as for a real client: the answer is still 405, not 403.
    client = Client(enforce_csrf_checks=True)
    response = getattr(client, method)(f"{API}/{path}")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response["Content-Type"] == "application/json"
    assert list(json.loads(response.content)["errors"]) == ["method"]


def test_an_unknown_endpoint_is_a_json_404(client):
    body = get_json(client, f"{API}/requests/", status=404)
    assert list(body["errors"]) == ["path"]
    assert client.get(f"{API}/services/not-a-number/").status_code == 404


def test_an_endpoint_without_its_slash_redirects_to_it(client):
    response = client.get(f"{API}/services")
    assert response.status_code == 301
    assert response["Location"] == f"{API}/services/"
