"""The two kinds of digest email: the confirmation link and the digest itself.

Logs name the subscription by its number, never by its address, and links are never logged.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from offerings.models import Offering
from portal.digest.models import DigestSubscription

from .tokens import unsubscribe_token

logger = logging.getLogger("portal.digest")


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def confirmation_url(token: str) -> str:
    return absolute(reverse("digest:confirm", kwargs={"token": token}))


def unsubscribe_url(subscription: DigestSubscription) -> str:
    token = unsubscribe_token(subscription.unsubscribe_key)
    return absolute(reverse("digest:unsubscribe", kwargs={"token": token}))


def calendar_url(subscription: DigestSubscription) -> str:
    """The offering calendar filtered to the subscription's area (and its one topic, if one)."""
    if subscription.municipality_id is not None:
        query = {"municipality": subscription.municipality.number}
    else:
        query = {"region": subscription.region.slug}
    topics = list(subscription.topics.all())
    if len(topics) == 1:
        query["topic"] = topics[0].slug
    return absolute(f"{reverse('offerings:list')}?{urlencode(query)}")


def _render(template: str, context: dict) -> tuple[str, str]:
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    return subject[:300], render_to_string(f"{template}.txt", context)


def send_confirmation(*, subscription: DigestSubscription, token: str) -> bool:
    """Email the confirmation link; False (and a log line) when the mail server refused it."""
    with translation.override(subscription.language):
        subject, body = _render(
            "portal/email/digest_confirm",
            {
                "subscription": subscription,
                "topics": list(subscription.topics.all()),
                "confirmation_url": confirmation_url(token),
                "max_age_days": settings.DIGEST_CONFIRMATION_MAX_AGE_DAYS,
            },
        )
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [subscription.email])
    try:
        message.send()
    # Whatever the backend raises (SMTP, socket, TLS): the person sees the same page and can
    # subscribe again; the type of error is enough to find the fault.
    except Exception as error:
        logger.warning(
            "Digest confirmation for subscription %s could not be sent: %s",
            subscription.pk,
            type(error).__name__,
        )
        return False
    return True


def digest_message(
    *, subscription: DigestSubscription, offerings: Sequence[Offering], more: int
) -> EmailMessage:
    """The digest for one subscriber, with the one-click unsubscribe headers (RFC 8058)."""
    unsubscribe = unsubscribe_url(subscription)
    with translation.override(subscription.language):
        subject, body = _render(
            "portal/email/digest",
            {
                "subscription": subscription,
                "topics": list(subscription.topics.all()),
                "offerings": [
                    (offering, absolute(offering.get_absolute_url())) for offering in offerings
                ],
                "more": more,
                "calendar_url": calendar_url(subscription),
                "subscribe_url": absolute(reverse("digest:subscribe")),
                "unsubscribe_url": unsubscribe,
            },
        )
    return EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [subscription.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
