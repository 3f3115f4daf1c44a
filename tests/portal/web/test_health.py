import socket

import pytest

from portal.web import health

pytestmark = pytest.mark.django_db


def test_a_healthy_site_answers_ok_for_each_dependency(client):
    response = client.get("/helse/")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok", "broker": "not configured"}


def test_the_answer_is_never_cached(client):
    response = client.get("/helse/")
    assert "no-store" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_a_failing_database_makes_it_unhealthy(client, monkeypatch):
    def broken() -> None:
        raise OSError("connection refused")

    monkeypatch.setattr(health, "check_database", broken)
    response = client.get("/helse/")
    assert response.status_code == 503
    assert response.json()["database"] == "error"
    assert response.json()["cache"] == "ok"


def test_a_cache_that_keeps_nothing_makes_it_unhealthy(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    response = client.get("/helse/")
    assert response.status_code == 503
    assert response.json()["cache"] == "error"


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("scheme", ["redis", "amqp"])
def test_an_unreachable_broker_makes_it_unhealthy(client, settings, scheme):
    settings.CELERY_BROKER_URL = f"{scheme}://127.0.0.1:{unused_port()}/0"
    response = client.get("/helse/")
    assert response.status_code == 503
    assert response.json()["broker"] == "error"


def redis_is_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not redis_is_running(), reason="needs the Redis on 127.0.0.1:6379")
def test_a_reachable_redis_broker_is_ok(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/3"
    assert client.get("/helse/").json()["broker"] == "ok"


def test_other_methods_than_get_and_head_are_refused(client):
    assert client.post("/helse/").status_code == 405
    assert client.head("/helse/").status_code == 200
