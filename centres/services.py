"""Changes to centres beyond saving a form."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser

from portal.core.freshness import mark_verified

from .models import Centre


def mark_centres_verified(*, centres: Iterable[Centre], by: AbstractBaseUser) -> int:
    return mark_verified(entries=centres, by=by)
