"""The one way email leaves the portal: rendered once, queued in the outbox, sent after commit.

A service calls `queue_email` inside its own transaction. The row commits with the change it tells
about (or not at all), delivery is asked for once the transaction has committed, and a failed
send stays in the outbox to be retried with back-off by `deliver_due` (the `send_emails` command
and its scheduled job). Logs name the email by its number, never by its address or text.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutboxEmail

logger = logging.getLogger("portal.outbox")

MAX_ATTEMPTS = 8
FIRST_RETRY_AFTER = timedelta(minutes=5)
# Sent emails hold replies and addresses; the outbox keeps them only long enough to look into a
# complaint that a message never arrived.
KEEP_SENT_FOR = timedelta(days=30)
SUBJECT_MAX_LENGTH = 300


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    body: str


def render_email(template: str, context: Mapping, *, language: str) -> RenderedEmail:
    """`<template>_subject.txt` and `<template>.txt` rendered in `language`."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    return RenderedEmail(subject=subject[:SUBJECT_MAX_LENGTH], body=body)


def queue_email(
    *,
    to: Iterable[str],
    email: RenderedEmail,
    about: str = "",
    headers: Mapping[str, str] | None = None,
    attachments: Sequence[Mapping[str, str]] = (),
) -> list[OutboxEmail]:
    """One outbox row per distinct address, delivered once the current transaction commits."""
    now = timezone.now()
    rows = OutboxEmail.objects.bulk_create(
        OutboxEmail(
            recipient=recipient,
            subject=email.subject,
            body=email.body,
            headers=dict(headers or {}),
            attachments=[dict(attachment) for attachment in attachments],
            about=about,
            created_at=now,
            # Sent right after the commit; the retry job only picks it up if that failed.
            next_attempt_at=now + FIRST_RETRY_AFTER,
        )
        for recipient in sorted({address for address in to if address})
    )
    ids = [row.pk for row in rows]
    if ids:
        transaction.on_commit(lambda: deliver_after_commit(ids))
    return rows


def deliver_after_commit(ids: list[int]) -> None:
    """What runs once the rows are committed; the one place that decides how delivery starts."""
    deliver(OutboxEmail.objects.filter(pk__in=ids))


def _message(row: OutboxEmail) -> EmailMessage:
    message = EmailMessage(
        row.subject, row.body, settings.DEFAULT_FROM_EMAIL, [row.recipient], headers=row.headers
    )
    for attachment in row.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    return message


def deliver(rows: Iterable[OutboxEmail]) -> tuple[int, int]:
    """Try to send each unsent email once; returns (sent, failed)."""
    sent = failed = 0
    for row in rows:
        if row.sent_at is not None:
            continue
        row.attempts += 1
        try:
            _message(row).send()
        # Whatever the mail backend raises (SMTP, socket, TLS errors) is logged and retried.
        except Exception as error:
            failed += 1
            row.last_error = type(error).__name__[:300]
            row.next_attempt_at = timezone.now() + FIRST_RETRY_AFTER * 2 ** (row.attempts - 1)
            logger.warning(
                "Email %s could not be sent (attempt %d of %d): %s",
                row.pk,
                row.attempts,
                MAX_ATTEMPTS,
                type(error).__name__,
            )
        else:
            sent += 1
            row.sent_at = timezone.now()
            row.next_attempt_at = None
            row.last_error = ""
        row.save(update_fields=["attempts", "sent_at", "next_attempt_at", "last_error"])
    return sent, failed


def due_emails():
    return OutboxEmail.objects.unsent().filter(
        attempts__lt=MAX_ATTEMPTS, next_attempt_at__lte=timezone.now()
    )


def deliver_due() -> tuple[int, int]:
    return deliver(due_emails())


def prune_sent() -> int:
    """Delete emails sent longer ago than KEEP_SENT_FOR; returns how many."""
    removed, _ = OutboxEmail.objects.filter(sent_at__lt=timezone.now() - KEEP_SENT_FOR).delete()
    return removed


def forget_emails_about(subject_keys: Iterable[str]) -> int:
    """Delete every email, sent or not, about these records (their personal data is erased)."""
    removed, _ = OutboxEmail.objects.filter(about__in=list(subject_keys)).delete()
    return removed
