"""Where each role's work is: the page a person lands on after logging in.

- Centre staff and portal editors: the back-office start page, with the request queues.
- County governor advisers: the regional overview of their counties.
- Anyone else who can log in (a staff account without a role yet): the front page.

A `next` address is honoured when it is safe (this site, not the login or logout page itself);
anything else lands on the role's page, never on Django's default `/accounts/profile/`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from . import policy


def landing_url(user: policy.User) -> str:
    if policy.uses_backoffice(user):
        return reverse("admin:index")
    if policy.is_adviser(user):
        return reverse("overview")
    return reverse("home")


def safe_next_url(request: HttpRequest, candidate: str | None) -> str | None:
    """`candidate` when it is an address on this site worth going to after logging in."""
    if not candidate:
        return None
    safe = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if not safe:
        return None
    # Back to the login page would show the form again to someone who has just used it.
    login_pages = {reverse(name) for name in ("login", "logout", "admin:login", "admin:logout")}
    if urlsplit(candidate).path in login_pages:
        return None
    return candidate
