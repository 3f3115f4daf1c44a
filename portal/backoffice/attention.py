"""Entries that need someone to look at them: the admin dashboard and the reminder emails."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import translation

from centres.models import Centre
from offerings.models import Offering

from . import policy

logger = logging.getLogger(__name__)

DASHBOARD_LIMIT = 10
OLDEST_FIRST = F("last_verified_at").asc(nulls_first=True)


@dataclass
class StaleEntries:
    centres: list[Centre] = field(default_factory=list)
    offerings: list[Offering] = field(default_factory=list)
    centre_count: int = 0
    offering_count: int = 0

    @property
    def total(self) -> int:
        return self.centre_count + self.offering_count


def stale_entries_for_user(user, *, limit: int = DASHBOARD_LIMIT) -> StaleEntries:
    """The oldest unverified entries the user may change, for the admin's front page."""
    centres = policy.centres_for(user).needs_verification().order_by(OLDEST_FIRST)
    offerings = (
        policy.offerings_editable_by(user)
        .needs_verification()
        .select_related("centre")
        .order_by(OLDEST_FIRST, "title")
    )
    return StaleEntries(
        centres=list(centres[:limit]),
        offerings=list(offerings[:limit]),
        centre_count=centres.count(),
        offering_count=offerings.count(),
    )


def stale_entries_by_centre() -> dict[Centre, StaleEntries]:
    """Every centre with something stale, with all of it (for the reminder emails)."""
    found: dict[int, StaleEntries] = {}
    centres = {centre.pk: centre for centre in Centre.objects.all()}
    for centre in Centre.objects.needs_verification():
        found.setdefault(centre.pk, StaleEntries()).centres.append(centre)
    for offering in Offering.objects.needs_verification().order_by(OLDEST_FIRST, "title"):
        found.setdefault(offering.centre_id, StaleEntries()).offerings.append(offering)
    for entries in found.values():
        entries.centre_count = len(entries.centres)
        entries.offering_count = len(entries.offerings)
    return {centres[pk]: entries for pk, entries in found.items()}


def send_verification_reminders() -> int:
    """Email each centre's staff the list of their stale entries; returns the emails sent."""
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for centre, entries in stale_entries_by_centre().items():
            recipients = sorted(
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
            subject = render_to_string("portal/email/reminder_subject.txt", context)
            body = render_to_string("portal/email/reminder_body.txt", context)
            send_mail(" ".join(subject.split()), body, None, recipients)
            sent += 1
    return sent
