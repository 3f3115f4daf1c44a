"""Subscriptions to the weekly digest of new offerings."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DigestSubscriptionQuerySet(models.QuerySet):
    def confirmed(self) -> "DigestSubscriptionQuerySet":
        return self.filter(confirmed_at__isnull=False)

    def pending(self) -> "DigestSubscriptionQuerySet":
        return self.filter(confirmed_at__isnull=True)

    def requested_before(self, moment) -> "DigestSubscriptionQuerySet":
        return self.filter(requested_at__lt=moment)

    def not_sent_since(self, moment) -> "DigestSubscriptionQuerySet":
        return self.filter(models.Q(last_sent_at__isnull=True) | models.Q(last_sent_at__lt=moment))


class DigestSubscription(models.Model):
    """An address that asked for the regional digest of new offerings.

    Pending until the emailed link is used. An address has at most one confirmed subscription and
    at most one pending change: a stranger who types someone else's address can neither alter nor
    pause a confirmed subscription, only cause one confirmation email that is then ignored.
    """

    # Stored in lower case (see portal.digest.services) so that case variants are one address.
    email = models.EmailField(_("email address"), max_length=254)
    region = models.ForeignKey(
        "centres.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    municipality = models.ForeignKey(
        "centres.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    topics = models.ManyToManyField(
        "centres.ServiceArea",
        blank=True,
        related_name="+",
        verbose_name=_("topics"),
        help_text=_("None means all topics."),
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    # Only a hash: the link itself exists only in the email, so a copy of the database cannot
    # confirm anybody's subscription.
    confirmation_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # Random, and useless alone: unsubscribe links carry it signed with the SECRET_KEY (see
    # portal.digest.tokens). It must be stable because every digest email repeats the link.
    unsubscribe_key = models.CharField(max_length=32, unique=True, editable=False)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("last digest sent"), null=True, blank=True)

    objects = DigestSubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("digest subscription")
        verbose_name_plural = _("digest subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(region__isnull=False, municipality__isnull=True)
                | models.Q(region__isnull=True, municipality__isnull=False),
                name="digest_region_or_municipality",
            ),
            models.UniqueConstraint(
                fields=["email"],
                condition=models.Q(confirmed_at__isnull=False),
                name="digest_one_subscription_per_address",
            ),
            models.UniqueConstraint(
                fields=["email"],
                condition=models.Q(confirmed_at__isnull=True),
                name="digest_one_pending_change_per_address",
            ),
        ]

    def __str__(self) -> str:
        # No address: this string can end up in logs and admin messages.
        return f"{_('digest subscription')} {self.pk} ({self.area_label})"

    @property
    def area_label(self) -> str:
        if self.municipality_id is not None:
            return self.municipality.label
        return self.region.name if self.region_id is not None else ""

    def counties(self) -> list:
        """The counties the subscription covers (a region's are prefetched by the sender)."""
        if self.municipality_id is not None:
            return [self.municipality.county]
        return list(self.region.counties.all())
