from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from django.apps import apps
from django.db import models
from django.db.models import Exists, Min, OuterRef, Q, Subquery
from django.utils import timezone

from centres.querysets import topic_and_children
from portal.search import text_search

if TYPE_CHECKING:
    from centres.models import County, Municipality, ServiceArea, TargetGroup

OFFERING_SEARCH_FIELDS = ("title", "summary", "description")


def start_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def end_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def _region_counties(counties: Iterable[County]) -> models.QuerySet:
    county_model = apps.get_model("centres", "County")
    return county_model.objects.filter(region__counties__in=list(counties)).distinct()


class OfferingSessionQuerySet(models.QuerySet):
    def scheduled(self) -> OfferingSessionQuerySet:
        return self.filter(is_cancelled=False)

    def upcoming(self, now: datetime | None = None) -> OfferingSessionQuerySet:
        return self.scheduled().filter(starts_at__gte=now or timezone.now())

    def between(self, start: date | None, end: date | None) -> OfferingSessionQuerySet:
        sessions = self
        if start:
            sessions = sessions.filter(starts_at__gte=start_of_day(start))
        if end:
            sessions = sessions.filter(starts_at__lte=end_of_day(end))
        return sessions

    def reachable_from(self, counties: Iterable[County]) -> OfferingSessionQuerySet:
        """Online, or held in the same region as one of `counties`."""
        return self.filter(
            Q(is_online=True) | Q(municipality__county__in=_region_counties(counties))
        )


class OfferingQuerySet(models.QuerySet):
    def published(self) -> OfferingQuerySet:
        return self.filter(status="published")

    def for_topic(self, topic: ServiceArea) -> OfferingQuerySet:
        through = self.model.service_areas.through
        matching = through.objects.filter(servicearea__in=topic_and_children(topic))
        return self.filter(pk__in=matching.values("offering_id"))

    def for_target_group(self, target_group: TargetGroup) -> OfferingQuerySet:
        through = self.model.target_groups.through
        return self.filter(
            pk__in=through.objects.filter(targetgroup=target_group).values("offering_id")
        )

    def by_centre_or_co_host(self, centre_ids: Iterable[int]) -> OfferingQuerySet:
        through = self.model.co_hosts.through
        co_hosted = through.objects.filter(centre_id__in=centre_ids).values("offering_id")
        return self.filter(Q(centre_id__in=centre_ids) | Q(pk__in=co_hosted))

    def open_to_counties(self, counties: Iterable[County]) -> OfferingQuerySet:
        """Offerings someone in `counties` can attend.

        An in-person session counts when it is held in the same region; a digital, hybrid or
        on-request offering counts when its centre (or a co-host) serves those counties and it
        is not restricted to other counties.
        """
        counties = list(counties)
        centre_model = apps.get_model("centres", "Centre")
        serving = centre_model.objects.covering_counties(counties).values("pk")
        co_hosted = self.model.co_hosts.through.objects.filter(centre__in=serving)
        eligibility = self.model.eligible_counties.through.objects
        restricted = eligibility.values("offering_id")
        allowed = eligibility.filter(county__in=counties).values("offering_id")
        session_model = apps.get_model("offerings", "OfferingSession")
        held_nearby = session_model.objects.scheduled().reachable_from(counties)
        remote_formats = ["digital", "hybrid", "on-request"]
        return self.filter(
            Q(pk__in=held_nearby.filter(is_online=False).values("offering_id"))
            | (
                Q(format__in=remote_formats)
                & (Q(centre__in=serving) | Q(pk__in=co_hosted.values("offering_id")))
                & (~Q(pk__in=restricted) | Q(pk__in=allowed))
            )
        )

    def open_to_municipality(self, municipality: Municipality) -> OfferingQuerySet:
        return self.open_to_counties([municipality.county])

    def search(self, text: str) -> OfferingQuerySet:
        return text_search(self, text, OFFERING_SEARCH_FIELDS)

    def with_next_session(
        self, start: date | None = None, end: date | None = None
    ) -> OfferingQuerySet:
        """Annotate `next_starts_at`, the first scheduled session from `start` (default: now)."""
        session_model = apps.get_model("offerings", "OfferingSession")
        sessions = session_model.objects.scheduled().filter(offering=OuterRef("pk"))
        sessions = sessions.between(start, end) if start else sessions.upcoming().between(None, end)
        first = sessions.order_by().values("offering").annotate(first=Min("starts_at"))
        return self.annotate(next_starts_at=Subquery(first.values("first")[:1]))

    def in_calendar(self, start: date | None = None, end: date | None = None) -> OfferingQuerySet:
        """What the calendar lists: offerings with a session in the period, then undated ones.

        Offerings without any session (on request, e-learning) are available whatever the
        period, so they stay listed after the dated ones. Those whose sessions are all past
        are not.
        """
        session_model = apps.get_model("offerings", "OfferingSession")
        any_session = session_model.objects.filter(offering=OuterRef("pk"))
        return (
            self.with_next_session(start, end)
            .filter(Q(next_starts_at__isnull=False) | ~Exists(any_session))
            .order_by(models.F("next_starts_at").asc(nulls_last=True), "title", "pk")
        )

    def with_listing_data(self) -> OfferingQuerySet:
        return self.select_related("centre", "offering_type")
