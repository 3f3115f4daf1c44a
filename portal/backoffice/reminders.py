"""Reminding each centre's staff of the entries nobody has verified for a long time."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model

from portal.core.outbox import queue_email, render_email

from .attention import stale_entries_by_centre

logger = logging.getLogger(__name__)


def send_verification_reminders() -> int:
    """Queue one email per centre with stale entries to its staff; returns how many."""
    sent = 0
    for centre, entries in stale_entries_by_centre().items():
        recipients = (
            get_user_model()
            .objects.filter(centre_memberships__centre=centre, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        if not recipients:
            logger.warning("No staff to remind about %s's stale entries", centre)
            continue
        context = {
            "centre": centre,
            "entries": entries,
            "site_url": settings.SITE_URL,
            "months": round(settings.VERIFICATION_MAX_AGE_DAYS / 30.4),
        }
        email = render_email("portal/email/reminder", context, language=settings.LANGUAGE_CODE)
        queue_email(to=recipients, email=email)
        sent += 1
    return sent
