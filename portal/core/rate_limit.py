"""Per-address limits for the public forms that anyone can post (requests for help, digests).

Counted in the database, so every worker process shares one count. Rows live only as long as the
window, since an address is personal data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone

from .client import client_ip
from .models import RateLimitHit


@dataclass(frozen=True)
class Limit:
    scope: str
    max_hits: int
    window: timedelta

    @property
    def window_minutes(self) -> int:
        return max(1, math.ceil(self.window.total_seconds() / 60))


def hit(limit: Limit, request: HttpRequest) -> bool:
    """Count this use; False when the address has used up its quota for the window."""
    now = timezone.now()
    window_start = now - limit.window
    RateLimitHit.objects.filter(scope=limit.scope, hit_at__lt=window_start).delete()
    # Requests without a usable address share one bucket rather than escape the limit.
    client = client_ip(request) or "unknown"
    # Counted first and taken back when over, so parallel posts cannot all slip in between a
    # check and a later insert.
    this_hit = RateLimitHit.objects.create(scope=limit.scope, client=client, hit_at=now)
    recent = RateLimitHit.objects.filter(scope=limit.scope, client=client, hit_at__gte=window_start)
    if recent.count() > limit.max_hits:
        this_hit.delete()
        return False
    return True


def forget_old_hits(*, older_than: timedelta) -> int:
    """Delete addresses kept longer than any window needs them (the daily privacy clean-up)."""
    deleted, _ = RateLimitHit.objects.filter(hit_at__lt=timezone.now() - older_than).delete()
    return deleted
