"""The `portal` app's models live with the parts that own them; importing them here registers
them with Django (they keep the app label `portal`, so their tables and migrations stay put)."""

from portal.backoffice.models import FailedLogin
from portal.core.models import OutboxEmail, RateLimitHit
from portal.digest.models import DigestSubscription

__all__ = ["DigestSubscription", "FailedLogin", "OutboxEmail", "RateLimitHit"]
