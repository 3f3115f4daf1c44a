"""The centres' fixed values, used everywhere instead of strings."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetGroupKind(models.TextChoices):
    POPULATION = "population", _("Population")
    SERVICE = "service", _("Service")


class Network(models.TextChoices):
    RVTS = "rvts", "RVTS"
    KORUS = "korus", "KoRus"
    RKBU_RBUP = "rkbu-rbup", "RKBU/RBUP"
    NATIONAL = "national", _("National centre")


class MembershipRole(models.TextChoices):
    EDITOR = "editor", _("Editor")
    LEAD = "lead", _("Lead")


class DocumentKind(models.TextChoices):
    GRANT_LETTER = "grant-letter", _("Grant letter")
    ANNUAL_REPORT = "annual-report", _("Annual report")
    STRATEGY = "strategy", _("Strategy document")


class Scale(models.TextChoices):
    """How far around a municipality "held near" looks."""

    MUNICIPALITY = "municipality", _("In the municipality")
    COUNTY = "county", _("In the county")
    REGION = "region", _("In the region")
