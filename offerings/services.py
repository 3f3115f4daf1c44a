"""Changes to offerings that are more than saving a form: status, verification, duplication."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.freshness import mark_verified

from .choices import OfferingFormat, OfferingStatus
from .models import Offering, OfferingSession

Status = OfferingStatus

# Which status an offering may move to from each status.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.PUBLISHED, Status.ARCHIVED}),
    Status.PUBLISHED: frozenset({Status.DRAFT, Status.CANCELLED, Status.ARCHIVED}),
    Status.CANCELLED: frozenset({Status.DRAFT, Status.ARCHIVED}),
    Status.ARCHIVED: frozenset({Status.DRAFT}),
}


def status_change_problem(offering: Offering, status: str) -> str | None:
    """Why `offering` may not move to `status`, or None when it may."""
    if status not in ALLOWED_TRANSITIONS[offering.status]:
        return _("An offering that is “%(current)s” cannot become “%(new)s”.") % {
            "current": Status(offering.status).label,
            "new": Status(status).label,
        }
    if (
        status == Status.PUBLISHED
        and offering.format != OfferingFormat.ON_REQUEST
        and not offering.sessions.all()
    ):
        return _(
            "“%(title)s” has no dates. Add at least one session, or choose the format "
            "“On request”, before publishing."
        ) % {"title": offering.title}
    return None


@transaction.atomic
def change_offering_status(*, offering: Offering, status: str, by: AbstractBaseUser) -> Offering:
    """Move one offering to `status`; publishing also counts as verifying it."""
    if problem := status_change_problem(offering, status):
        raise ValidationError(problem, code="status_change_refused")
    offering.status = status
    offering._history_user = by
    fields = ["status", "updated_at"]
    if status == Status.PUBLISHED:
        now = timezone.now()
        offering.last_verified_at = now
        offering.last_verified_by = by
        fields += ["last_verified_at", "last_verified_by"]
        if offering.published_at is None:
            offering.published_at = now
            fields.append("published_at")
    offering.save(update_fields=fields)
    return offering


@transaction.atomic
def change_offerings_status(
    *, offerings: Iterable[Offering], status: str, by: AbstractBaseUser
) -> tuple[int, int]:
    """Move every offering that may move; returns (moved, skipped)."""
    moved = skipped = 0
    for offering in offerings:
        if status_change_problem(offering, status) is None:
            change_offering_status(offering=offering, status=status, by=by)
            moved += 1
        else:
            skipped += 1
    return moved, skipped


def mark_offerings_verified(*, offerings: Iterable[Offering], by: AbstractBaseUser) -> int:
    return mark_verified(entries=offerings, by=by, also_update=["updated_at"])


@transaction.atomic
def duplicate_offering(*, offering: Offering, shift: timedelta, by: AbstractBaseUser) -> Offering:
    """A draft copy for a new semester: same content, sessions moved by `shift`, places reset."""
    copy = Offering(
        centre=offering.centre,
        title=offering.title,
        summary=offering.summary,
        description=offering.description,
        offering_type=offering.offering_type,
        format=offering.format,
        price=offering.price,
        price_note=offering.price_note,
        registration_url=offering.registration_url,
        contact=offering.contact,
        status=Status.DRAFT,
    )
    copy._history_user = by
    copy.save()
    copy.co_hosts.set(offering.co_hosts.all())
    copy.service_areas.set(offering.service_areas.all())
    copy.target_groups.set(offering.target_groups.all())
    copy.eligible_counties.set(offering.eligible_counties.all())
    for session in offering.sessions.all():
        new_session = OfferingSession(
            offering=copy,
            starts_at=session.starts_at + shift,
            ends_at=session.ends_at + shift,
            is_online=session.is_online,
            online_url=session.online_url,
            venue=session.venue,
            municipality=session.municipality,
            registration_deadline=session.registration_deadline + shift
            if session.registration_deadline
            else None,
            capacity=session.capacity,
            places_left=session.capacity,
        )
        new_session._history_user = by
        new_session.save()
    return copy
