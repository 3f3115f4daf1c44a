"""Building blocks for the digest tests: subscribers, offerings published at a given moment, and
mail backends that fail."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from smtplib import SMTPException

from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from centres.models import Region
from offerings.choices import OfferingFormat
from offerings.models import Offering
from portal.core.models import OutboxEmail
from portal.core.outbox import deliver
from portal.digest.models import DigestSubscription
from portal.digest.sending import DigestRun, send_digests
from portal.digest.tokens import new_confirmation_token, new_unsubscribe_key
from tests.factories import OfferingFactory, OfferingSessionFactory, centre, municipality, topic

CONFIRM_LINK = re.compile(r"https?://\S+/nyhetsbrev/bekreft/[^/\s]+/")
UNSUBSCRIBE_LINK = re.compile(r"https?://\S+/nyhetsbrev/avmeld/[^/\s]+/")


def subscriber(
    email: str = "kari@time.kommune.no",
    *,
    municipality_number: str | None = None,
    region_slug: str | None = None,
    topics: tuple[str, ...] = (),
    confirmed_at: datetime | None = None,
    pending: bool = False,
    last_sent_at: datetime | None = None,
    language: str = "en",
) -> DigestSubscription:
    """A subscriber stored directly: confirmed a week ago unless told otherwise, or `pending`."""
    if municipality_number is None and region_slug is None:
        municipality_number = "1121"
    subscription = DigestSubscription.objects.create(
        email=email,
        municipality=municipality(municipality_number) if municipality_number else None,
        region=Region.objects.get(slug=region_slug) if region_slug else None,
        language=language,
        confirmation_token_hash=new_confirmation_token()[1],
        unsubscribe_key=new_unsubscribe_key(),
        requested_at=timezone.now() if pending else timezone.now() - timedelta(days=8),
        confirmed_at=None if pending else confirmed_at or timezone.now() - timedelta(days=7),
        last_sent_at=last_sent_at,
    )
    subscription.topics.set([topic(slug) for slug in topics])
    return subscription


def published_offering(
    *,
    centre_slug: str = "korus-vest-stavanger",
    topics: tuple[str, ...] = ("rus",),
    published_at: datetime | None = None,
    online: bool = False,
    session_municipality: str = "1103",
    starts_at: datetime | None = None,
    **fields,
) -> Offering:
    """A published offering, first published a day ago unless told otherwise.

    Digital ones (online=True) have an online session; others an in-person one in
    `session_municipality` (Stavanger unless told otherwise).
    """
    offering = OfferingFactory(
        centre=centre(centre_slug),
        topics=[topic(slug) for slug in topics],
        format=OfferingFormat.DIGITAL if online else OfferingFormat.IN_PERSON,
        published_at=published_at or timezone.now() - timedelta(days=1),
        **fields,
    )
    when = {"starts_at": starts_at} if starts_at else {}
    if online:
        OfferingSessionFactory(offering=offering, online=True, **when)
    else:
        OfferingSessionFactory(
            offering=offering, municipality=municipality(session_municipality), **when
        )
    return offering


class FailingBackend(EmailBackend):
    """Refuses every message, as a mail server that is down."""

    def send_messages(self, messages):
        raise SMTPException("mail server down")


class FailsForOneAddressBackend(EmailBackend):
    """Delivers to the outbox, except to the address the test chose."""

    refused = "refused@example.no"

    def send_messages(self, messages):
        if any(self.refused in message.to for message in messages):
            raise SMTPException("mailbox unavailable")
        return super().send_messages(messages)


def sent_digests(*, now: datetime) -> DigestRun:
    """Run the weekly job and deliver what it queued, as the send after each commit does (the
    test's own transaction never commits, so that send would not run)."""
    run = send_digests(now=now)
    deliver(OutboxEmail.objects.unsent())
    return run
