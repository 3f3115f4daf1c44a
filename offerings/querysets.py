from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from django.apps import apps
from django.db import models
from django.db.models import Exists, Min, OuterRef, Q, Subquery
from django.utils import timezone

from centres.querysets import topic_and_children
from portal.core.freshness import VerifiableQuerySet
from portal.core.search import text_search

if TYPE_CHECKING:
    from centres.models import County, Municipality, ServiceArea, TargetGroup


def start_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def end_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


# Offerings that were out there: published now, or archived after they were held.
HELD_STATUSES = ("published", "archived")
# Formats someone can take part in without travelling to the venue.
REMOTE_FORMATS = ("digital", "hybrid", "on-request")
# Of those, the ones with sessions that can be joined online wherever they are held.
ONLINE_SESSION_FORMATS = ("digital", "hybrid")


def _region_counties(counties: Iterable[County]) -> models.QuerySet:
    county_model = apps.get_model("centres", "County")
    return county_model.objects.filter(region__counties__in=list(counties)).distinct()


class OfferingSessionQuerySet(models.QuerySet):
    def scheduled(self) -> OfferingSessionQuerySet:
        return self.filter(is_cancelled=False)

    def upcoming(self, now: datetime | None = None) -> OfferingSessionQuerySet:
        return self.scheduled().filter(starts_at__gte=now or timezone.now())

    def in_period(
        self, start: date | None = None, end: date | None = None
    ) -> OfferingSessionQuerySet:
        """Scheduled sessions still to come, from `start` (never before now) until `end`."""
        now = timezone.now()
        sessions = self.upcoming(max(start_of_day(start), now) if start else now)
        return sessions.filter(starts_at__lte=end_of_day(end)) if end else sessions

    def held_between(self, start: datetime, end: datetime) -> OfferingSessionQuerySet:
        """Sessions that took place (or will) in person between `start` and `end`, of offerings
        that were published: what the overview counts as "held there"."""
        return self.filter(
            is_cancelled=False,
            is_online=False,
            starts_at__gte=start,
            starts_at__lt=end,
            offering__status__in=HELD_STATUSES,
        )

    def reachable_from(self, counties: Iterable[County]) -> OfferingSessionQuerySet:
        """Sessions one can join from `counties`: online, hybrid, or held in the same region."""
        return self.filter(
            Q(is_online=True)
            | Q(offering__format__in=ONLINE_SESSION_FORMATS)
            | Q(municipality__county__in=_region_counties(counties))
        )


class OfferingQuerySet(VerifiableQuerySet):
    def published(self) -> OfferingQuerySet:
        return self.filter(status="published")

    def current(self) -> OfferingQuerySet:
        """Offerings someone still looks after: drafts and published ones."""
        return self.filter(status__in=["draft", "published"])

    def needs_verification(self, now: datetime | None = None) -> OfferingQuerySet:
        return super().needs_verification(now).current()

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
        centre_ids = list(centre_ids)
        through = self.model.co_hosts.through
        co_hosted = through.objects.filter(centre_id__in=centre_ids).values("offering_id")
        return self.filter(Q(centre_id__in=centre_ids) | Q(pk__in=co_hosted))

    def open_to_counties(self, counties: Iterable[County]) -> OfferingQuerySet:
        """Offerings someone in `counties` can attend.

        Either a coming in-person session is held in the same region, or the offering is
        digital, hybrid or on request from a centre (or co-host) that serves those counties.
        An offering restricted to some counties is open only to them.
        """
        counties = list(counties)
        session_model = apps.get_model("offerings", "OfferingSession")
        held_nearby = session_model.objects.upcoming().filter(
            is_online=False, municipality__county__in=_region_counties(counties)
        )
        remote_from_serving_centre = Q(format__in=REMOTE_FORMATS) & self._served_in(counties)
        return self.filter(
            self._eligible_in(counties)
            & (Q(pk__in=held_nearby.values("offering_id")) | remote_from_serving_centre)
        )

    def _eligible_in(self, counties: list[County]) -> Q:
        """Not restricted to other counties."""
        eligibility = self.model.eligible_counties.through.objects
        restricted = eligibility.values("offering_id")
        allowed = eligibility.filter(county__in=counties).values("offering_id")
        return ~Q(pk__in=restricted) | Q(pk__in=allowed)

    def _served_in(self, counties: list[County]) -> Q:
        """From a centre, or with a co-host, that serves one of `counties`."""
        centre_model = apps.get_model("centres", "Centre")
        serving = centre_model.objects.covering_counties(counties).values("pk")
        co_hosted = self.model.co_hosts.through.objects.filter(centre__in=serving)
        return Q(centre__in=serving) | Q(pk__in=co_hosted.values("offering_id"))

    def held_or_open_in(
        self, counties: Iterable[County], start: datetime, end: datetime
    ) -> OfferingQuerySet:
        """Offerings that reached `counties` between `start` and `end` (the overview's sense).

        In-person offerings count where a session was held; digital and hybrid ones count in
        every county they were open to (as `open_to_counties`) if a session took place in the
        period; offerings on request count where they are open while they are published.
        Cancelled sessions and offerings, and drafts, never count.
        """
        counties = list(counties)
        session_model = apps.get_model("offerings", "OfferingSession")
        sessions = session_model.objects.filter(
            is_cancelled=False, starts_at__gte=start, starts_at__lt=end
        )
        held_here = sessions.filter(is_online=False, municipality__county__in=counties)
        open_here = self._eligible_in(counties) & self._served_in(counties)
        return self.filter(status__in=HELD_STATUSES).filter(
            Q(format="in-person", pk__in=held_here.values("offering_id"))
            | (
                Q(format__in=ONLINE_SESSION_FORMATS, pk__in=sessions.values("offering_id"))
                & open_here
            )
            # On request: open while published, from when it was created.
            | (Q(format="on-request", status="published", created_at__lt=end) & open_here)
        )

    def open_to_municipality(self, municipality: Municipality) -> OfferingQuerySet:
        return self.open_to_counties([municipality.county])

    def search(self, text: str) -> OfferingQuerySet:
        return text_search(self, text)

    def with_next_session(
        self,
        start: date | None = None,
        end: date | None = None,
        counties: Iterable[County] | None = None,
    ) -> OfferingQuerySet:
        """Annotate `next_starts_at`: the first coming session in the period that one can
        reach from `counties` (any session when no counties are given)."""
        sessions = _calendar_sessions(start, end, counties).filter(offering=OuterRef("pk"))
        first = sessions.order_by().values("offering").annotate(first=Min("starts_at"))
        return self.annotate(next_starts_at=Subquery(first.values("first")[:1]))

    def in_calendar(
        self,
        start: date | None = None,
        end: date | None = None,
        counties: Iterable[County] | None = None,
    ) -> OfferingQuerySet:
        """What the calendar lists: offerings with a session in the period, then undated ones.

        Offerings without any session (on request, e-learning) are available whatever the
        period, so they stay listed after the dated ones. Those whose sessions are all past
        are not.
        """
        session_model = apps.get_model("offerings", "OfferingSession")
        any_session = session_model.objects.filter(offering=OuterRef("pk"))
        return (
            self.with_next_session(start, end, counties)
            .filter(Q(next_starts_at__isnull=False) | ~Exists(any_session))
            .order_by(models.F("next_starts_at").asc(nulls_last=True), "title", "pk")
        )

    def with_card_data(
        self,
        start: date | None = None,
        end: date | None = None,
        counties: Iterable[County] | None = None,
    ) -> OfferingQuerySet:
        """What an offering card shows: centre, type, and the coming sessions (as
        `upcoming_sessions`) chosen by the same rule as `next_starts_at`."""
        return self.select_related("centre", "offering_type").prefetch_related(
            models.Prefetch(
                "sessions",
                queryset=_calendar_sessions(start, end, counties).select_related("municipality"),
                to_attr="upcoming_sessions",
            )
        )


def _calendar_sessions(
    start: date | None, end: date | None, counties: Iterable[County] | None
) -> OfferingSessionQuerySet:
    session_model = apps.get_model("offerings", "OfferingSession")
    sessions = session_model.objects.in_period(start, end)
    return sessions.reachable_from(counties) if counties is not None else sessions
