"""Erasing what requesters told us once it is no longer needed.

Closed requests keep the requester's contact details and every free text (description, replies,
notes, explanations) for HELP_REQUEST_RETENTION_DAYS; then they are blanked, in the request's
history rows too, and unsent or sent emails about it are deleted. What the regional overview
counts (municipality, topics, kinds of help, dates, status, centres, reason categories) stays.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.core.outbox import forget_emails_about

from .models import Event, HelpRequest
from .notifications import outbox_key

ERASED_FIELDS = {
    "requester_name": "",
    "requester_role": "",
    "requester_email": "",
    "requester_phone": "",
    "description": "",
    "priority_rationale": "",
    "outcome_explanation": "",
    "referred_to_elsewhere": "",
}


def retention_cutoff(now: datetime | None = None) -> datetime:
    now = now or timezone.now()
    return now - timedelta(days=settings.HELP_REQUEST_RETENTION_DAYS)


def anonymise_closed_requests(*, now: datetime | None = None) -> int:
    """Blank the personal data of requests closed before the retention cutoff; returns the count."""
    now = now or timezone.now()
    due = HelpRequest.objects.closed_before(retention_cutoff(now)).filter(
        anonymised_at__isnull=True
    )
    with transaction.atomic():
        ids = list(due.select_for_update().values_list("pk", flat=True))
        if not ids:
            return 0
        # update() on purpose: no new history row is written that would hold the data again.
        HelpRequest.objects.filter(pk__in=ids).update(**ERASED_FIELDS, anonymised_at=now)
        HelpRequest.history.filter(id__in=ids).update(**ERASED_FIELDS)
        Event.objects.filter(help_request_id__in=ids).update(text="")
        forget_emails_about(outbox_key(HelpRequest(pk=pk)) for pk in ids)
    return len(ids)
