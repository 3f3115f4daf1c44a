"""The offerings' fixed values, used everywhere instead of strings."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OfferingFormat(models.TextChoices):
    IN_PERSON = "in-person", _("In person")
    DIGITAL = "digital", _("Digital")
    HYBRID = "hybrid", _("Hybrid")
    ON_REQUEST = "on-request", _("On request")


class OfferingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")
    ARCHIVED = "archived", _("Archived")


# Offerings that were out there: published now, or archived after they were held.
HELD_STATUSES = (OfferingStatus.PUBLISHED, OfferingStatus.ARCHIVED)
# Offerings someone still looks after.
CURRENT_STATUSES = (OfferingStatus.DRAFT, OfferingStatus.PUBLISHED)
# Formats with sessions one can join online, wherever they are held.
ONLINE_FORMATS = (OfferingFormat.DIGITAL, OfferingFormat.HYBRID)
# Formats with sessions in a room, which are held somewhere.
IN_ROOM_FORMATS = (OfferingFormat.IN_PERSON, OfferingFormat.HYBRID)
