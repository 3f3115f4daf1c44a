"""The two kinds of digest email: the confirmation link and the digest itself, both queued in
the portal's outbox. Links are never logged."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode

from offerings.models import Offering
from portal.core.outbox import queue_email, render_email
from portal.digest.models import DigestSubscription

from .tokens import unsubscribe_token


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


def outbox_key(subscription: DigestSubscription) -> str:
    """How the outbox knows which emails went to this subscription (deleted with the address)."""
    return f"digest-subscription:{subscription.pk}"


def queue_confirmation(*, subscription: DigestSubscription, token: str) -> None:
    """Queue the confirmation link; the outbox retries it if the mail server refuses it."""
    email = render_email(
        "portal/email/digest_confirm",
        {
            "subscription": subscription,
            "topics": list(subscription.topics.all()),
            "confirmation_url": confirmation_url(token),
            "max_age_days": settings.DIGEST_CONFIRMATION_MAX_AGE_DAYS,
        },
        language=subscription.language,
    )
    queue_email(to=[subscription.email], email=email, about=outbox_key(subscription))


def queue_digest(
    *, subscription: DigestSubscription, offerings: Sequence[Offering], more: int
) -> None:
    """The digest for one subscriber, with the one-click unsubscribe headers (RFC 8058)."""
    unsubscribe = unsubscribe_url(subscription)
    email = render_email(
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
        language=subscription.language,
    )
    queue_email(
        to=[subscription.email],
        email=email,
        about=outbox_key(subscription),
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
