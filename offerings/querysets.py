"""Chainable reads over offerings and their sessions.

The two questions about offerings are answered here and nowhere else (see `centres.coverage` for
the rest of the coverage rules):

- **open to** a county: the county lies in the offering's eligible area, which is the counties
  the offering was restricted to, or else the catchments of its organiser and co-hosts (the whole
  country for a national centre). The format does not matter: a national centre's conference in
  Bergen is open to Alta.
- **held in** an area (a municipality, county or region): a session in a room (in person, or the
  room of a hybrid course) takes place there.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time

from django.db import models
from django.db.models import BooleanField, Exists, ExpressionWrapper, Min, OuterRef, Q, Subquery
from django.utils import timezone

from centres.coverage import Area, covering_centres
from portal.core.freshness import VerifiableQuerySet
from portal.core.search import text_search

from .choices import CURRENT_STATUSES, HELD_STATUSES, OfferingFormat, OfferingStatus


def start_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def end_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


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

    def in_rooms(self) -> OfferingSessionQuerySet:
        """Sessions people attend in a room: in person, or the room of a hybrid course."""
        return self.filter(is_online=False)

    def held_in(self, area: Area) -> OfferingSessionQuerySet:
        """Sessions in a room in the area ("held in")."""
        return self.in_rooms().filter(area.municipalities())

    def took_place_between(self, start: datetime, end: datetime) -> OfferingSessionQuerySet:
        """Sessions that took place (or will) between `start` and `end`, of offerings that were
        out there (published, or archived after they were held)."""
        return self.scheduled().filter(
            starts_at__gte=start, starts_at__lt=end, offering__status__in=HELD_STATUSES
        )


class OfferingQuerySet(VerifiableQuerySet):
    def published(self) -> OfferingQuerySet:
        return self.filter(status=OfferingStatus.PUBLISHED)

    def current(self) -> OfferingQuerySet:
        """Offerings someone still looks after: drafts and published ones."""
        return self.filter(status__in=CURRENT_STATUSES)

    def needs_verification(self, now: datetime | None = None) -> OfferingQuerySet:
        return super().needs_verification(now).current()

    def about_any_of(self, topics: models.QuerySet) -> OfferingQuerySet:
        """Offerings with at least one of `topics` (pass `centres.coverage.topic_family`)."""
        through = self.model.service_areas.through
        matching = through.objects.filter(servicearea__in=topics)
        return self.filter(pk__in=matching.values("offering_id"))

    def for_target_group(self, target_group: models.Model) -> OfferingQuerySet:
        through = self.model.target_groups.through
        return self.filter(
            pk__in=through.objects.filter(targetgroup=target_group).values("offering_id")
        )

    def by_centre_or_co_host(self, centre_ids: Iterable[int]) -> OfferingQuerySet:
        centre_ids = list(centre_ids)
        through = self.model.co_hosts.through
        co_hosted = through.objects.filter(centre_id__in=centre_ids).values("offering_id")
        return self.filter(Q(centre_id__in=centre_ids) | Q(pk__in=co_hosted))

    # Open to

    def open_to(self, counties: Iterable[models.Model]) -> OfferingQuerySet:
        """Offerings whose eligible area holds one of `counties`."""
        return self.filter(self.open_to_condition(counties))

    def with_open_to(self, counties: Iterable[models.Model]) -> OfferingQuerySet:
        """Annotate `open_to_<county pk>` (True or False) for each county, in the same query."""
        return self.annotate(
            **{
                f"open_to_{county.pk}": ExpressionWrapper(
                    self.open_to_condition([county]), output_field=BooleanField()
                )
                for county in counties
            }
        )

    def open_to_condition(self, counties: Iterable[models.Model]) -> Q:
        counties = list(counties)
        eligibility = self.model.eligible_counties.through.objects
        restricted = eligibility.values("offering_id")
        chosen_here = eligibility.filter(county__in=counties).values("offering_id")
        serving = covering_centres(counties).values("pk")
        co_hosted = self.model.co_hosts.through.objects.filter(centre__in=serving)
        in_a_hosts_catchment = Q(centre__in=serving) | Q(pk__in=co_hosted.values("offering_id"))
        return Q(pk__in=chosen_here) | (~Q(pk__in=restricted) & in_a_hosts_catchment)

    # Held in

    def held_in(self, area: Area, sessions: OfferingSessionQuerySet | None = None):
        """Offerings with a session (of `sessions`, if given) in a room in the area."""
        sessions = self._sessions() if sessions is None else sessions
        return self.filter(pk__in=sessions.held_in(area).values("offering_id"))

    # What the overview counts

    def reached_between(
        self, counties: Iterable[models.Model], start: datetime, end: datetime
    ) -> OfferingQuerySet:
        """Offerings open to `counties` that were out there between `start` and `end`: with a
        session in the period, or on request while published (from their creation on).
        Cancelled sessions and offerings, and drafts, never count."""
        took_place = self._sessions().took_place_between(start, end)
        on_request = Q(
            format=OfferingFormat.ON_REQUEST,
            status=OfferingStatus.PUBLISHED,
            created_at__lt=end,
        )
        return (
            self.filter(status__in=HELD_STATUSES)
            .open_to(counties)
            .filter(Q(pk__in=took_place.values("offering_id")) | on_request)
        )

    def held_between(self, area: Area, start: datetime, end: datetime) -> OfferingQuerySet:
        """Offerings with a session in a room in the area between `start` and `end`."""
        return self.held_in(area, self._sessions().took_place_between(start, end))

    def search(self, text: str) -> OfferingQuerySet:
        return text_search(self, text)

    # The calendar

    def with_next_session(
        self, start: date | None = None, end: date | None = None, held_in: Area | None = None
    ) -> OfferingQuerySet:
        """Annotate `next_starts_at`: the first coming session in the period (held in the area,
        when one is given)."""
        sessions = self._calendar_sessions(start, end, held_in).filter(offering=OuterRef("pk"))
        first = sessions.order_by().values("offering").annotate(first=Min("starts_at"))
        return self.annotate(next_starts_at=Subquery(first.values("first")[:1]))

    def in_calendar(
        self, start: date | None = None, end: date | None = None, held_in: Area | None = None
    ) -> OfferingQuerySet:
        """What the calendar lists: offerings with a session in the period, then undated ones.

        Offerings without any session (on request, e-learning) are available whatever the
        period, so they stay listed after the dated ones, unless the question is where things
        are held. Those whose sessions are all past are not listed.
        """
        dated = Q(next_starts_at__isnull=False)
        undated = ~Exists(self._sessions().filter(offering=OuterRef("pk")))
        return (
            self.with_next_session(start, end, held_in)
            .filter(dated if held_in is not None else dated | undated)
            .order_by(models.F("next_starts_at").asc(nulls_last=True), "title", "pk")
        )

    def with_card_data(
        self, start: date | None = None, end: date | None = None, held_in: Area | None = None
    ) -> OfferingQuerySet:
        """What an offering card shows: centre, type, and the coming sessions (as
        `upcoming_sessions`) chosen by the same rule as `next_starts_at`."""
        return self.select_related("centre", "offering_type").prefetch_related(
            models.Prefetch(
                "sessions",
                queryset=self._calendar_sessions(start, end, held_in).select_related(
                    "municipality"
                ),
                to_attr="upcoming_sessions",
            )
        )

    def _sessions(self) -> OfferingSessionQuerySet:
        return self.model.sessions.rel.related_model.objects.all()

    def _calendar_sessions(
        self, start: date | None, end: date | None, held_in: Area | None
    ) -> OfferingSessionQuerySet:
        sessions = self._sessions().in_period(start, end)
        return sessions.held_in(held_in) if held_in is not None else sessions
