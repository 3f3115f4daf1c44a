from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FailedLogin(models.Model):
    """One wrong password, kept only long enough to throttle password guessing."""

    # Stored normalised (see portal.login_throttle) so that case variants count as one username.
    username = models.CharField(_("username"), max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    attempted_at = models.DateTimeField(_("attempted at"), default=timezone.now)

    class Meta:
        ordering = ["-attempted_at"]
        verbose_name = _("failed login")
        verbose_name_plural = _("failed logins")
        indexes = [
            models.Index(
                fields=["username", "ip_address", "attempted_at"], name="failed_login_lookup"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.username} @ {self.ip_address or '?'} ({self.attempted_at:%Y-%m-%d %H:%M})"


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
