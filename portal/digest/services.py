"""Subscribing, confirming and unsubscribing: the digest's changes of state."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from centres.models import Municipality, Region, ServiceArea
from portal.core.outbox import forget_emails_about
from portal.digest.models import DigestSubscription

from . import emails
from .tokens import (
    TOKEN_MAX_LENGTH,
    hash_token,
    new_confirmation_token,
    new_unsubscribe_key,
    unsubscribe_key_from,
)

# One confirmation email per address in this long, whatever is posted meanwhile.
RESEND_AFTER = timedelta(minutes=10)


def normalise_email(email: str) -> str:
    # One address, one subscription: "Kari@Time.kommune.no" and "kari@time.kommune.no" reach the
    # same mailbox at every provider the municipalities use.
    return email.strip().lower()


def confirmation_max_age() -> timedelta:
    return timedelta(days=settings.DIGEST_CONFIRMATION_MAX_AGE_DAYS)


@transaction.atomic
def request_subscription(
    *,
    email: str,
    region: Region | None,
    municipality: Municipality | None,
    topics: Iterable[ServiceArea],
    language: str,
) -> DigestSubscription:
    """Store a pending subscription (or replace the address's pending one) and email the link.

    A confirmed subscription for the same address is left as it is until the new link is used,
    and the caller answers the same whether or not the address was known.
    """
    now = timezone.now()
    forget_expired_requests(now=now)
    address = normalise_email(email)
    recent = DigestSubscription.objects.filter(
        email=address, confirmed_at=None, requested_at__gte=now - RESEND_AFTER
    ).first()
    if recent is not None:
        # A link went to this address minutes ago: take the new choices, send nothing more, so
        # the form cannot be used to flood someone else's inbox (the network limit alone does
        # not stop that from several networks).
        recent.region = region if municipality is None else None
        recent.municipality = municipality
        recent.language = language
        recent.save(update_fields=["region", "municipality", "language"])
        recent.topics.set(topics)
        return recent
    token, token_hash = new_confirmation_token()
    choices = {
        # The form allows one of the two; the database insists on it.
        "region": region if municipality is None else None,
        "municipality": municipality,
        "language": language,
        "confirmation_token_hash": token_hash,
        "requested_at": now,
    }
    subscription, _ = DigestSubscription.objects.update_or_create(
        email=address,
        confirmed_at=None,
        defaults=choices,
        create_defaults={**choices, "unsubscribe_key": new_unsubscribe_key()},
    )
    subscription.topics.set(topics)
    # Queued with the row, so a link never points at a rolled-back subscription.
    emails.queue_confirmation(subscription=subscription, token=token)
    return subscription


def subscription_for_confirmation(
    token: str, *, now: datetime | None = None
) -> DigestSubscription | None:
    """The subscription a confirmation link belongs to, or None when unknown or expired."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        return None
    now = now or timezone.now()
    return (
        DigestSubscription.objects.select_related("region", "municipality")
        .prefetch_related("topics")
        .filter(
            confirmation_token_hash=hash_token(token),
            requested_at__gte=now - confirmation_max_age(),
        )
        .first()
    )


def subscription_for_unsubscribe(token: str) -> DigestSubscription | None:
    """The subscription an unsubscribe link belongs to, or None for a wrong or used link."""
    key = unsubscribe_key_from(token)
    if key is None:
        return None
    return (
        DigestSubscription.objects.select_related("region", "municipality")
        .filter(unsubscribe_key=key)
        .first()
    )


@transaction.atomic
def confirm_subscription(*, subscription: DigestSubscription) -> DigestSubscription:
    """Make a pending subscription the address's subscription, replacing any earlier one."""
    pending = DigestSubscription.objects.select_for_update().get(pk=subscription.pk)
    if pending.confirmed_at is not None:
        return pending  # the link was used twice
    earlier = (
        DigestSubscription.objects.select_for_update()
        .confirmed()
        .filter(email=pending.email)
        .first()
    )
    fields = ["confirmed_at"]
    if earlier is not None:
        # The new choices replace the old ones. The unsubscribe link in digests already sent
        # keeps working, and a digest sent earlier today is not sent again today.
        earlier.delete()
        pending.unsubscribe_key = earlier.unsubscribe_key
        pending.last_sent_at = earlier.last_sent_at
        fields += ["unsubscribe_key", "last_sent_at"]
    pending.confirmed_at = timezone.now()
    pending.save(update_fields=fields)
    return pending


@transaction.atomic
def unsubscribe(*, subscription: DigestSubscription) -> int:
    """Delete the address: its subscription and any pending change. Returns the rows deleted."""
    return _deleted_subscriptions(DigestSubscription.objects.filter(email=subscription.email))


@transaction.atomic
def forget_expired_requests(*, now: datetime | None = None) -> int:
    """Delete pending subscriptions whose link has expired: nobody agreed to keep them."""
    now = now or timezone.now()
    expired = DigestSubscription.objects.pending().requested_before(now - confirmation_max_age())
    return _deleted_subscriptions(expired)


def _deleted_subscriptions(subscriptions) -> int:
    # The emails to the address go with it: the outbox must not keep what the person took back.
    forget_emails_about(emails.outbox_key(subscription) for subscription in subscriptions)
    # delete() counts the rows linking topics too; only the subscriptions are of interest.
    _, per_model = subscriptions.delete()
    return per_model.get(DigestSubscription._meta.label, 0)
