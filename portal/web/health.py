"""The health endpoint for load balancers and `make serve`: can this process serve pages?

Checks the database, the cache and, when one is configured, the task broker, each with a short
timeout; answers 200 with every check "ok", else 503 naming the one that failed. Never cached,
and it says nothing about data (no counts, no names, no error texts).
"""

import logging
import socket
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

OK = "ok"
FAILED = "error"
NOT_CONFIGURED = "not configured"
_CACHE_KEY = "health-check"
logger = logging.getLogger(__name__)


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    token = str(time.monotonic_ns())
    cache.set(_CACHE_KEY, token, timeout=10)
    if cache.get(_CACHE_KEY) != token:
        raise RuntimeError("the cache did not keep a value")


def check_broker(url: str) -> None:
    """Redis: a PING; any other broker: that its port takes a connection."""
    timeout = settings.HEALTH_CHECK_TIMEOUT_SECONDS
    if urlsplit(url).scheme in ("redis", "rediss"):
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout)
        try:
            client.ping()
        finally:
            client.close()
        return
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port or 5672), timeout=timeout):
        pass


def _outcome(check, *args) -> str:
    try:
        check(*args)
    except Exception:
        # Whatever went wrong, the answer is "not healthy"; the reason goes to the log only.
        logger.exception("Health check %s failed", check.__name__)
        return FAILED
    return OK


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    broker_url = getattr(settings, "CELERY_BROKER_URL", "")
    checks = {
        "database": _outcome(check_database),
        "cache": _outcome(check_cache),
        "broker": _outcome(check_broker, broker_url) if broker_url else NOT_CONFIGURED,
    }
    healthy = FAILED not in checks.values()
    return JsonResponse(checks, status=200 if healthy else 503)
