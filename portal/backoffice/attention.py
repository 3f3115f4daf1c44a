"""Entries that need someone to look at them: for the start page and the reminder emails."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import F

from centres.models import Centre
from offerings.models import Offering

from . import policy

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
