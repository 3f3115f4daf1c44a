"""Changes to centres beyond saving a form."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from .models import Centre


@transaction.atomic
def mark_centres_verified(*, centres: Iterable[Centre], by: AbstractBaseUser) -> int:
    # One save per centre (not a bulk update) so that each gets its history row.
    now = timezone.now()
    count = 0
    for centre in centres:
        centre.last_verified_at = now
        centre.last_verified_by = by
        centre._history_user = by
        centre.save(update_fields=["last_verified_at", "last_verified_by"])
        count += 1
    return count
