from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import apps
from django.db import models

from portal.core.freshness import VerifiableQuerySet
from portal.core.search import text_search

if TYPE_CHECKING:
    from .models import County, Region, ServiceArea, TargetGroup


def topic_and_children(topic: ServiceArea) -> models.QuerySet:
    """A parent topic stands for itself and its children."""
    service_area = apps.get_model("centres", "ServiceArea")
    return service_area.objects.filter(models.Q(pk=topic.pk) | models.Q(parent_id=topic.pk))


class CentreQuerySet(VerifiableQuerySet):
    def covering_counties(self, counties: models.QuerySet | list[County]) -> CentreQuerySet:
        """National centres, and regional ones whose catchment holds one of `counties`."""
        through = self.model.catchment.through
        regional = through.objects.filter(county__in=counties).values("centre_id")
        return self.filter(models.Q(is_national=True) | models.Q(pk__in=regional))

    def covering(self, county: County) -> CentreQuerySet:
        return self.covering_counties([county])

    def in_region(self, region: Region) -> CentreQuerySet:
        return self.covering_counties(region.counties.all())

    def for_topic(self, topic: ServiceArea) -> CentreQuerySet:
        through = self.model.service_areas.through
        matching = through.objects.filter(servicearea__in=topic_and_children(topic))
        return self.filter(pk__in=matching.values("centre_id"))

    def for_target_group(self, target_group: TargetGroup) -> CentreQuerySet:
        through = self.model.target_groups.through
        matching = through.objects.filter(targetgroup=target_group)
        return self.filter(pk__in=matching.values("centre_id"))

    def search(self, text: str) -> CentreQuerySet:
        return text_search(self, text)


class ContactPersonQuerySet(models.QuerySet):
    def public(self) -> ContactPersonQuerySet:
        return self.filter(is_public=True)
