import uuid

from django.conf import settings
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.core.freshness import Verifiable
from portal.core.search import SearchableModel

from .choices import DocumentKind, MembershipRole, Network, TargetGroupKind
from .querysets import CentreQuerySet, ContactPersonQuerySet
from .vocabulary import TrilingualName

# Grant letters and reports older than this are not published on the portal.
EARLIEST_DOCUMENT_YEAR = 2000


class Region(models.Model):
    """One of the five regions the regional centres are organised by."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class StatsforvalterOffice(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("county governor office")
        verbose_name_plural = _("county governor offices")

    def __str__(self) -> str:
        return self.name


class County(models.Model):
    number = models.CharField(_("county number"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)
    parallel_name = models.CharField(_("Sami or Kven parallel name"), max_length=200, blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="counties", verbose_name=_("region")
    )
    office = models.ForeignKey(
        StatsforvalterOffice,
        on_delete=models.PROTECT,
        related_name="counties",
        verbose_name=_("county governor office"),
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.name} - {self.parallel_name}" if self.parallel_name else self.name


class Municipality(models.Model):
    number = models.CharField(_("municipality number"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=200, db_index=True)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("county")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """How the finder writes a municipality, so that typed text can be read back."""
        return f"{self.name} ({self.number})"


class ServiceArea(TrilingualName):
    """A topic (fagområde). A parent topic includes its children when filtering."""

    slug = models.SlugField(_("slug"), unique=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent topic"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class TargetGroup(TrilingualName):
    slug = models.SlugField(_("slug"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=TargetGroupKind.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class OfferingType(TrilingualName):
    slug = models.SlugField(_("slug"), unique=True)
    dated = models.BooleanField(
        _("normally has dates"),
        help_text=_("Courses have dates; supervision is usually given on request."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("offering type")
        verbose_name_plural = _("offering types")


class Centre(Verifiable, SearchableModel):
    slug = models.SlugField(_("slug"), unique=True)
    short_name = models.CharField(_("short name"), max_length=60, unique=True)
    name = models.CharField(_("full name"), max_length=200)
    network = models.CharField(_("network"), max_length=20, choices=Network.choices)
    is_national = models.BooleanField(
        _("national centre"), default=False, help_text=_("National centres serve every county.")
    )
    host_organisation = models.CharField(_("host organisation"), max_length=200)
    description = models.TextField(
        _("what we can offer"),
        blank=True,
        help_text=_("A short, plain description of what the centre can help municipalities with."),
    )
    catchment = models.ManyToManyField(
        County, blank=True, related_name="centres", verbose_name=_("catchment counties")
    )
    service_areas = models.ManyToManyField(
        ServiceArea, related_name="centres", verbose_name=_("topics")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="centres", verbose_name=_("target groups")
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    accepts_requests = models.BooleanField(_("accepts requests for help"), default=True)

    search_fields = ("short_name", "name", "description", "host_organisation")

    objects = CentreQuerySet.as_manager()
    # The search text is derived from the fields above: nothing to keep a history of.
    history = HistoricalRecords(
        verbose_name=_("historical centre"), excluded_fields=["search_text"]
    )

    class Meta:
        ordering = ["short_name"]
        verbose_name = _("centre")
        verbose_name_plural = _("centres")
        permissions = [("manage_all_centres", _("Can manage every centre (portal editor)"))]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(network=Network.NATIONAL) | models.Q(is_national=True),
                name="centre_national_network_is_national",
            ),
        ]

    def __str__(self) -> str:
        return self.short_name

    def get_absolute_url(self) -> str:
        return reverse("centres:detail", kwargs={"slug": self.slug})


class ContactPerson(models.Model):
    centre = models.ForeignKey(
        Centre, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("centre")
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    topics = models.ManyToManyField(
        ServiceArea,
        blank=True,
        related_name="contact_persons",
        verbose_name=_("topics"),
        help_text=_("Leave empty if the person answers for all the centre's topics."),
    )
    counties = models.ManyToManyField(
        County,
        blank=True,
        related_name="contact_persons",
        verbose_name=_("responsible for counties"),
        help_text=_("Leave empty if the person answers for the whole catchment."),
    )
    is_general_contact = models.BooleanField(
        _("general contact"),
        default=False,
        help_text=_("Shown when nobody is responsible for the chosen county and topic."),
    )
    is_public = models.BooleanField(_("shown publicly"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = ContactPersonQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("historical contact person"))

    class Meta:
        ordering = ["centre", "position", "name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self) -> str:
        return f"{self.name} ({self.centre})"


class CentreMembership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="centre_memberships",
        verbose_name=_("user"),
    )
    centre = models.ForeignKey(
        Centre, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("centre")
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.EDITOR
    )

    class Meta:
        verbose_name = _("centre membership")
        verbose_name_plural = _("centre memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "centre"], name="membership_unique_user_centre")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.centre}"


class AdviserAssignment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="adviser_assignments",
        verbose_name=_("user"),
    )
    office = models.ForeignKey(
        StatsforvalterOffice,
        on_delete=models.CASCADE,
        related_name="advisers",
        verbose_name=_("county governor office"),
    )

    class Meta:
        verbose_name = _("adviser assignment")
        verbose_name_plural = _("adviser assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "office"], name="adviser_unique_user_office")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.office}"


class Forum(models.Model):
    """A regional collaboration forum: centres and county governor offices that plan together.

    Managed by the portal editors; its page lists the members and their coming offerings.
    """

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="forums", verbose_name=_("region")
    )
    member_centres = models.ManyToManyField(
        Centre, related_name="forums", verbose_name=_("member centres")
    )
    offices = models.ManyToManyField(
        StatsforvalterOffice,
        blank=True,
        related_name="forums",
        verbose_name=_("county governor offices"),
    )
    website = models.URLField(_("website"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("regional forum")
        verbose_name_plural = _("regional forums")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forums:detail", kwargs={"slug": self.slug})


def document_upload_to(instance: "CentreDocument", filename: str) -> str:
    """A random name: the uploaded one may hold personal names, odd characters or a path."""
    return f"dokumenter/{uuid.uuid4().hex}.pdf"


class CentreDocument(models.Model):
    """A PDF a centre publishes on its page (grant letter, annual report, strategy)."""

    centre = models.ForeignKey(
        Centre, on_delete=models.CASCADE, related_name="documents", verbose_name=_("centre")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(EARLIEST_DOCUMENT_YEAR), MaxValueValidator(2100)],
        help_text=_("The year the document is for, e.g. the grant year."),
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("PDF file"),
        upload_to=document_upload_to,
        max_length=200,
        validators=[FileExtensionValidator(["pdf"])],
    )
    # Kept so the centre page can show sizes without asking the storage once per document.
    file_size = models.PositiveIntegerField(_("file size (bytes)"), default=0, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("uploaded by"),
    )

    history = HistoricalRecords(verbose_name=_("historical centre document"))

    class Meta:
        ordering = ["centre", "kind", "-year", "title"]
        verbose_name = _("centre document")
        verbose_name_plural = _("centre documents")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=EARLIEST_DOCUMENT_YEAR, year__lte=2100),
                name="centredocument_year_in_range",
            ),
            models.UniqueConstraint(
                fields=["centre", "kind", "year", "title"],
                name="centredocument_unique_title_per_kind_and_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    def get_absolute_url(self) -> str:
        return reverse("centres:document", kwargs={"slug": self.centre.slug, "pk": self.pk})
