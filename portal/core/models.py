"""Tables the shared core keeps: uses of rate-limited forms."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RateLimitHit(models.Model):
    """One use of a rate-limited form by one address, kept only for the length of the window."""

    scope = models.CharField(_("form"), max_length=50)
    client = models.CharField(_("address"), max_length=64)
    hit_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["-hit_at"]
        verbose_name = _("rate limit hit")
        verbose_name_plural = _("rate limit hits")
        indexes = [models.Index(fields=["scope", "client", "hit_at"], name="rate_limit_lookup")]

    def __str__(self) -> str:
        return f"{self.scope} {self.client} {self.hit_at:%Y-%m-%d %H:%M}"
