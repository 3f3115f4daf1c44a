"""Chainable reads over centres and their vocabulary.

The rules these reads serve (which topics a topic stands for, which centres cover a place) are
decided in `centres.coverage`; the methods here only filter by what they are given.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from portal.core.freshness import VerifiableQuerySet
from portal.core.search import text_search


class CentreQuerySet(VerifiableQuerySet):
    def covering_counties(self, counties: Iterable[models.Model]) -> CentreQuerySet:
        return self.filter(self.covering_condition(counties))

    def covering_condition(self, counties: Iterable[models.Model]) -> models.Q:
        """National centres, and regional ones whose catchment holds one of `counties`."""
        through = self.model.catchment.through
        # A queryset of counties stays a subquery; anything else is read as given.
        counties = counties if isinstance(counties, models.QuerySet) else list(counties)
        regional = through.objects.filter(county__in=counties).values("centre_id")
        return models.Q(is_national=True) | models.Q(pk__in=regional)

    def working_on_any_of(self, topics: models.QuerySet) -> CentreQuerySet:
        return self.filter(self.working_on_condition(topics))

    def working_on_condition(self, topics: models.QuerySet | Iterable[int]) -> models.Q:
        """Centres with at least one of `topics` (rows or ids) among their service areas."""
        through = self.model.service_areas.through
        return models.Q(pk__in=through.objects.filter(servicearea__in=topics).values("centre_id"))

    def for_target_group(self, target_group: models.Model) -> CentreQuerySet:
        through = self.model.target_groups.through
        matching = through.objects.filter(targetgroup=target_group)
        return self.filter(pk__in=matching.values("centre_id"))

    def accepting_requests(self) -> CentreQuerySet:
        return self.filter(accepts_requests=True)

    def search(self, text: str) -> CentreQuerySet:
        return text_search(self, text)


class ContactPersonQuerySet(models.QuerySet):
    def public(self) -> ContactPersonQuerySet:
        return self.filter(is_public=True)
