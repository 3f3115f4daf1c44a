"""Tables the shared core keeps: uses of rate-limited forms and the email outbox."""

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


class OutboxEmailQuerySet(models.QuerySet):
    def unsent(self) -> "OutboxEmailQuerySet":
        return self.filter(sent_at__isnull=True)

    def about(self, subject_key: str) -> "OutboxEmailQuerySet":
        return self.filter(about=subject_key)


class OutboxEmail(models.Model):
    """An email waiting to go out, or sent recently: the transactional outbox.

    Written in the same transaction as the change it tells about and sent after the commit, so a
    rolled-back change sends nothing and a failed send is retried instead of lost.
    """

    recipient = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    # Extra headers (e.g. List-Unsubscribe) and text attachments ({"filename", "content",
    # "mimetype"}), stored as rendered so a retry sends exactly what was meant.
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    # What the email is about, e.g. "helprequest:42": erasing a record's personal data also
    # deletes the emails about it.
    about = models.CharField(_("about"), max_length=100, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)

    objects = OutboxEmailQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        indexes = [
            models.Index(fields=["sent_at", "next_attempt_at"], name="outbox_pending"),
        ]

    def __str__(self) -> str:
        # No address: this string can end up in logs and admin messages.
        return f"{_('email')} {self.pk}: {self.subject}"
