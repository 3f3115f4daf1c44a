"""Email about requests, through an outbox.

A service writes `Notification` rows in its own transaction and asks for delivery after the
commit. A failed send stays in the outbox and `manage.py send_notifications` retries it later, so
a mail server hiccup never loses a request or a reply. Logs name the notification, never the
address or the text.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from centres.models import Centre

from .models import HelpRequest, Notification

logger = logging.getLogger("requests.notifications")

MAX_ATTEMPTS = 8
FIRST_RETRY_AFTER = timedelta(minutes=5)
# Centre staff read the back-office in Bokmål unless they switch; their mail follows the default.
STAFF_LANGUAGE = "nb"


def status_url(help_request: HelpRequest) -> str:
    path = reverse("requests:status", kwargs={"token": help_request.status_token})
    return f"{settings.SITE_URL}{path}"


def admin_url(help_request: HelpRequest) -> str:
    path = reverse("admin:helprequests_helprequest_change", args=[help_request.pk])
    return f"{settings.SITE_URL}{path}"


def _queue(
    *, help_request: HelpRequest, recipients: Iterable[str], template: str, language: str, **context
) -> list[Notification]:
    with translation.override(language):
        context = {"help_request": help_request, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    now = timezone.now()
    return Notification.objects.bulk_create(
        Notification(
            help_request=help_request,
            recipient=recipient,
            subject=subject[:300],
            body=body,
            created_at=now,
            # Sent right after the commit; the retry command only picks it up if that failed.
            next_attempt_at=now + FIRST_RETRY_AFTER,
        )
        for recipient in sorted(set(recipients))
    )


def _staff_addresses(centres: Iterable[Centre]) -> list[str]:
    users = get_user_model().objects.filter(
        centre_memberships__centre__in=list(centres), is_active=True, is_staff=True
    )
    return [email for email in users.values_list("email", flat=True).distinct() if email]


def tell_requester(*, help_request: HelpRequest, template: str, **context) -> None:
    notifications = _queue(
        help_request=help_request,
        recipients=[help_request.requester_email],
        template=template,
        language=help_request.language,
        status_url=status_url(help_request),
        **context,
    )
    deliver_after_commit(notifications)


def tell_centres(
    *, help_request: HelpRequest, centres: Iterable[Centre], template: str, **context
) -> None:
    notifications = _queue(
        help_request=help_request,
        recipients=_staff_addresses(centres),
        template=template,
        language=STAFF_LANGUAGE,
        admin_url=admin_url(help_request),
        **context,
    )
    deliver_after_commit(notifications)


def deliver_after_commit(notifications: list[Notification]) -> None:
    ids = [notification.pk for notification in notifications]
    if ids:
        transaction.on_commit(lambda: deliver(Notification.objects.filter(pk__in=ids)))


def deliver(notifications: Iterable[Notification]) -> tuple[int, int]:
    """Try to send each unsent notification once; returns (sent, failed)."""
    sent = failed = 0
    for notification in notifications:
        if notification.sent_at is not None:
            continue
        notification.attempts += 1
        try:
            send_mail(
                notification.subject,
                notification.body,
                settings.DEFAULT_FROM_EMAIL,
                [notification.recipient],
            )
        # Whatever the mail backend raises (SMTP, socket, TLS errors) is logged and retried.
        except Exception as error:
            failed += 1
            notification.last_error = type(error).__name__[:300]
            delay = FIRST_RETRY_AFTER * 2 ** (notification.attempts - 1)
            notification.next_attempt_at = timezone.now() + delay
            logger.warning(
                "Notification %s could not be sent (attempt %d of %d): %s",
                notification.pk,
                notification.attempts,
                MAX_ATTEMPTS,
                type(error).__name__,
            )
        else:
            sent += 1
            notification.sent_at = timezone.now()
            notification.next_attempt_at = None
            notification.last_error = ""
        notification.save(update_fields=["attempts", "sent_at", "next_attempt_at", "last_error"])
    return sent, failed


def due_notifications():
    return Notification.objects.filter(
        sent_at__isnull=True,
        attempts__lt=MAX_ATTEMPTS,
        next_attempt_at__lte=timezone.now(),
    )


def deliver_due() -> tuple[int, int]:
    return deliver(due_notifications())
