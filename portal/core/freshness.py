"""When an entry counts as stale: nobody has confirmed it for VERIFICATION_MAX_AGE_DAYS."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def verification_cutoff(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(days=settings.VERIFICATION_MAX_AGE_DAYS)


def is_stale(last_verified_at: datetime | None, now: datetime | None = None) -> bool:
    return last_verified_at is None or last_verified_at < verification_cutoff(now)


class Verifiable(models.Model):
    """Someone confirmed, on a date, that the entry is still right."""

    last_verified_at = models.DateTimeField(_("last verified"), null=True, blank=True)
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last verified by"),
    )

    class Meta:
        abstract = True


class VerifiableQuerySet(models.QuerySet):
    """For models with `last_verified_at`."""

    def needs_verification(self, now: datetime | None = None) -> models.QuerySet:
        return self.filter(
            models.Q(last_verified_at__isnull=True)
            | models.Q(last_verified_at__lt=verification_cutoff(now))
        )


@transaction.atomic
def mark_verified(*, entries: Iterable[models.Model], by, also_update: Sequence[str] = ()) -> int:
    """Someone confirmed these entries are right, now. Returns how many."""
    # One save per entry (not a bulk update) so that each gets its history row.
    now = timezone.now()
    count = 0
    for entry in entries:
        entry.last_verified_at = now
        entry.last_verified_by = by
        entry._history_user = by
        entry.save(update_fields=["last_verified_at", "last_verified_by", *also_update])
        count += 1
    return count
