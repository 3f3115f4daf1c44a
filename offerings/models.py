from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from centres.models import (
    Centre,
    ContactPerson,
    County,
    Municipality,
    OfferingType,
    ServiceArea,
    TargetGroup,
)
from portal.core.folding import fold
from portal.core.freshness import Verifiable
from portal.core.search import SearchableModel

from .choices import OfferingFormat, OfferingStatus
from .querysets import OfferingQuerySet, OfferingSessionQuerySet

FEW_PLACES = 5


class Offering(Verifiable, SearchableModel):
    centre = models.ForeignKey(
        Centre, on_delete=models.PROTECT, related_name="offerings", verbose_name=_("centre")
    )
    co_hosts = models.ManyToManyField(
        Centre, blank=True, related_name="co_hosted_offerings", verbose_name=_("co-hosting centres")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences shown in lists.")
    )
    description = models.TextField(_("description"), blank=True)
    offering_type = models.ForeignKey(
        OfferingType, on_delete=models.PROTECT, related_name="offerings", verbose_name=_("type")
    )
    service_areas = models.ManyToManyField(
        ServiceArea, related_name="offerings", verbose_name=_("topics")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="offerings", verbose_name=_("target groups")
    )
    format = models.CharField(_("format"), max_length=20, choices=OfferingFormat.choices)
    price = models.DecimalField(
        _("price (NOK)"),
        max_digits=8,
        decimal_places=0,
        default=0,
        help_text=_("0 means free of charge."),
    )
    price_note = models.CharField(_("price note"), max_length=200, blank=True)
    eligible_counties = models.ManyToManyField(
        County,
        blank=True,
        related_name="+",
        verbose_name=_("open to counties"),
        help_text=_("Leave empty if the offering is open to the centre's whole catchment."),
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    contact = models.ForeignKey(
        ContactPerson,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offerings",
        verbose_name=_("contact person"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OfferingStatus.choices,
        default=OfferingStatus.DRAFT,
        db_index=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # When the offering was first published; the digest sends what is new since a given moment,
    # and unpublishing and publishing again must not make an offering "new" a second time.
    published_at = models.DateTimeField(_("first published"), null=True, blank=True, db_index=True)

    search_fields = ("title", "summary", "description")

    objects = OfferingQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name=_("historical offering"), excluded_fields=["updated_at", "search_text"]
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")
        constraints = [
            models.CheckConstraint(condition=Q(price__gte=0), name="offering_price_not_negative"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("offerings:detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def slug(self) -> str:
        return slugify(fold(self.title))[:80] or "tilbud"

    @property
    def is_free(self) -> bool:
        return self.price == 0

    @property
    def is_published(self) -> bool:
        return self.status == OfferingStatus.PUBLISHED

    @property
    def is_draft(self) -> bool:
        return self.status == OfferingStatus.DRAFT

    @property
    def is_on_request(self) -> bool:
        return self.format == OfferingFormat.ON_REQUEST


class OfferingSession(models.Model):
    offering = models.ForeignKey(
        Offering, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("offering")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    is_online = models.BooleanField(_("online"), default=False)
    online_url = models.URLField(_("link to the online meeting"), blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offering_sessions",
        verbose_name=_("municipality"),
    )
    registration_deadline = models.DateField(_("registration deadline"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    places_left = models.PositiveIntegerField(_("places left"), null=True, blank=True)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)

    objects = OfferingSessionQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("historical session"))

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["offering", "starts_at"], name="session_offering_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(places_left__isnull=True)
                | Q(capacity__isnull=True)
                | Q(places_left__lte=F("capacity")),
                name="session_places_left_within_capacity",
            ),
            models.CheckConstraint(
                condition=Q(is_online=True) | Q(municipality__isnull=False),
                name="session_in_person_has_municipality",
            ),
            models.CheckConstraint(
                condition=Q(is_online=True) | ~Q(venue=""), name="session_in_person_has_venue"
            ),
            models.CheckConstraint(
                condition=Q(is_online=False) | ~Q(online_url=""), name="session_online_has_link"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offering} – {self.starts_at:%Y-%m-%d}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The session must end after it starts.")
        if (
            self.starts_at
            and self.registration_deadline
            and self.registration_deadline > timezone.localtime(self.starts_at).date()
        ):
            errors["registration_deadline"] = _(
                "The registration deadline must be on or before the day the session starts."
            )
        if self.is_online and not self.online_url:
            errors["online_url"] = _("A digital session needs the link to the meeting.")
        if not self.is_online:
            if not self.venue.strip():
                errors["venue"] = _("A session held in person needs a venue.")
            if self.municipality_id is None:
                errors["municipality"] = _("A session held in person needs a municipality.")
        if (
            self.capacity is not None
            and self.places_left is not None
            and self.places_left > self.capacity
        ):
            errors["places_left"] = _("Places left cannot be more than the capacity.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_full(self) -> bool:
        return self.places_left == 0

    @property
    def few_places_left(self) -> bool:
        return self.places_left is not None and 0 < self.places_left <= FEW_PLACES

    @property
    def registration_closed(self) -> bool:
        today = timezone.localdate()
        deadline_passed = (
            self.registration_deadline is not None and self.registration_deadline < today
        )
        return self.is_cancelled or deadline_passed or self.starts_at <= timezone.now()
