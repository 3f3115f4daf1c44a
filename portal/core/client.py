"""Which address a request came from, as the rate limits and the login protection count it."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest | None) -> str | None:
    """The address the connection came from, or None when there is no usable one."""
    if request is None:
        return None
    # X-Forwarded-For is ignored on purpose: the client writes it, so trusting it would let an
    # attacker claim a fresh address for every guess. Behind a proxy, CLIENT_IP_HEADER names the
    # header the proxy itself sets (e.g. HTTP_X_REAL_IP); otherwise every client would share the
    # proxy's address and five wrong guesses would lock a colleague out.
    header = settings.CLIENT_IP_HEADER or "REMOTE_ADDR"
    address = (request.META.get(header) or "").strip()
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return None
    if parsed.version == 6:
        # One IPv6 subscriber holds a whole /64; each address in it must not get its own quota.
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False).network_address)
    return str(parsed)
