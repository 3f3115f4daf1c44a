"""Who is told what about a request for help; the emails go out through the portal's outbox.

A service calls these inside its own transaction, so a rolled-back change sends nothing, and a
failed send is retried by the outbox instead of lost.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from centres.models import Centre
from portal.core.outbox import queue_email, render_email

from .models import HelpRequest

# Centre staff read the back-office in Bokmål unless they switch; their mail follows the default.
STAFF_LANGUAGE = "nb"


def status_url(help_request: HelpRequest) -> str:
    path = reverse("requests:status", kwargs={"token": help_request.status_token})
    return f"{settings.SITE_URL}{path}"


def admin_url(help_request: HelpRequest) -> str:
    path = reverse("admin:helprequests_helprequest_change", args=[help_request.pk])
    return f"{settings.SITE_URL}{path}"


def outbox_key(help_request: HelpRequest) -> str:
    """How the outbox knows which emails are about this request (to erase them with it)."""
    return f"helprequest:{help_request.pk}"


def _staff_addresses(centres: Iterable[Centre]) -> list[str]:
    users = get_user_model().objects.filter(
        centre_memberships__centre__in=list(centres), is_active=True, is_staff=True
    )
    return [email for email in users.values_list("email", flat=True).distinct() if email]


def tell_requester(*, help_request: HelpRequest, template: str, **context) -> None:
    email = render_email(
        template,
        {"help_request": help_request, "status_url": status_url(help_request), **context},
        language=help_request.language,
    )
    queue_email(to=[help_request.requester_email], email=email, about=outbox_key(help_request))


def tell_centres(
    *, help_request: HelpRequest, centres: Iterable[Centre], template: str, **context
) -> None:
    email = render_email(
        template,
        {"help_request": help_request, "admin_url": admin_url(help_request), **context},
        language=STAFF_LANGUAGE,
    )
    queue_email(to=_staff_addresses(centres), email=email, about=outbox_key(help_request))
