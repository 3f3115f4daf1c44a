"""The back-office's own table: failed logins, kept only long enough to throttle guessing."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FailedLogin(models.Model):
    """One wrong password, kept only long enough to throttle password guessing."""

    # Stored normalised (see login_throttle) so that case variants count as one username.
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
