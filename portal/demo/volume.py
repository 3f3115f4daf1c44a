"""Large synthetic volumes for measuring pages such as the regional overview; never for a demo.

`load_demo_content` fills a site people look at; this fills one that gets measured: hundreds of
thousands of requests for help and tens of thousands of offerings spread over the last years.
Everything is drawn from `random.Random(seed)`, so the same seed gives the same rows (only the
secret status tokens differ). Rows are bulk inserted, which writes no history rows and queues no
emails, and the fields are kept consistent with the database constraints and with what the
services would have written. Refused unless DEMO_CONTENT_ALLOWED is set.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from centres.models import Centre, County, Municipality, OfferingType, ServiceArea, TargetGroup
from offerings.choices import OfferingFormat, OfferingStatus
from offerings.models import Offering, OfferingSession
from requests.choices import EventKind, HelpRequestStatus, OutcomeReason, Timeframe
from requests.models import Candidate, Event, HelpRequest, ReferenceCounter

from .loader import _refuse_outside_demo
from .volume_centres import load_centres

BATCH_SIZE = 2000
STEPS = 10  # progress is reported, and rows written, in tenths

Status = HelpRequestStatus
OFFERING_FORMATS = (
    (OfferingFormat.IN_PERSON, 50),
    (OfferingFormat.DIGITAL, 25),
    (OfferingFormat.HYBRID, 10),
    (OfferingFormat.ON_REQUEST, 15),
)
REQUEST_STATUSES = (
    (Status.RECEIVED, 10),
    (Status.IN_TRIAGE, 5),
    (Status.ACCEPTED, 10),
    (Status.IN_PROGRESS, 15),
    (Status.COMPLETED, 45),
    (Status.REFERRED, 8),
    (Status.DECLINED, 7),
)
WITH_LEAD = {Status.ACCEPTED, Status.IN_PROGRESS, Status.COMPLETED}
PRICES = (300, 500, 950, 1500, 2500, 4900)
ROLES = (
    "Kommunalsjef helse og omsorg",
    "Fagleder barnevern",
    "Rektor",
    "Enhetsleder psykisk helse og rus",
    "Helsesykepleier",
    "Leder NAV-kontor",
    "Styrer barnehage",
)
ELSEWHERE = ("PP-tjenesten", "Spesialisthelsetjenesten (BUP)", "Familievernkontoret", "NAV")


@dataclass(frozen=True)
class VolumeSummary:
    centres: int
    offerings: int
    sessions: int
    requests: int
    candidates: int


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([value for value, _ in weighted], [weight for _, weight in weighted])[0]


def _steps(total: int) -> Iterator[tuple[int, int, int]]:
    """(step, start, stop): the rows `range(total)` cut into tenths."""
    for step in range(1, STEPS + 1):
        start, stop = total * (step - 1) // STEPS, total * step // STEPS
        if stop > start:
            yield step, start, stop


def _between(rng: random.Random, start: datetime, delta: timedelta, now: datetime) -> datetime:
    """`start + delta`, or a random moment between `start` and `now` when that is still to come."""
    moment = start + delta
    if moment <= now:
        return moment
    return start + (now - start) * rng.random() if now > start else start


class _Reference:
    """The reference rows, fetched once, in an order that does not depend on primary keys."""

    def __init__(self) -> None:
        self.centres = list(
            Centre.objects.order_by("slug").prefetch_related("catchment", "service_areas")
        )
        self.counties = list(County.objects.order_by("number"))
        self.municipalities = list(Municipality.objects.order_by("number"))
        self.topics = list(ServiceArea.objects.order_by("slug"))
        self.target_groups = list(TargetGroup.objects.order_by("slug"))
        self.types = list(OfferingType.objects.order_by("slug"))

        self.by_county: dict[int, list[Municipality]] = {}
        for municipality in self.municipalities:
            self.by_county.setdefault(municipality.county_id, []).append(municipality)
        self.catchment = {
            centre.pk: sorted(c.pk for c in centre.catchment.all()) for centre in self.centres
        }
        self.centre_topics = {
            centre.pk: sorted((t for t in centre.service_areas.all()), key=lambda topic: topic.slug)
            for centre in self.centres
        }
        self.centre_topic_ids = {
            pk: frozenset(topic.pk for topic in topics) for pk, topics in self.centre_topics.items()
        }
        # A topic reaches centres across one level of the topic tree, as routing does.
        self.related = {
            topic.pk: {topic.pk, topic.parent_id}
            | {child.pk for child in self.topics if child.parent_id == topic.pk}
            for topic in self.topics
        }
        accepting = [c for c in self.centres if c.accepts_requests]
        self.covering = {
            county.pk: sorted(
                (c for c in accepting if c.is_national or county.pk in self.catchment[c.pk]),
                key=lambda c: (c.is_national, c.short_name),
            )
            for county in self.counties
        }
        # Regional centres hold most of the offerings.
        self.centre_weights = [1 if centre.is_national else 3 for centre in self.centres]
        # A simple stand-in for population: the towns have the lowest numbers in their county,
        # so a municipality's weight falls with its rank there; Oslo is the largest of all.
        self.municipality_weights = [
            40.0 if m.number == "0301" else 1 + 12 / (rank + 1)
            for municipalities in self.by_county.values()
            for rank, m in enumerate(municipalities)
        ]
        self.municipalities = [m for ms in self.by_county.values() for m in ms]


# Offerings


@contextmanager
def _dates_as_given(model, *names: str) -> Iterator[None]:
    """Insert the dates set on the rows instead of now, for the fields with auto_now(_add).

    Far cheaper than a bulk_update afterwards; the fields are put back however this ends.
    """
    fields = [model._meta.get_field(name) for name in names]
    flags = [(field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, (auto_now, auto_now_add) in zip(fields, flags, strict=True):
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def _session_municipality(
    rng: random.Random, ref: _Reference, county_ids: list[int]
) -> Municipality:
    """In one of the counties the offering is for; anywhere for a national centre's."""
    if not county_ids:
        return rng.choice(ref.municipalities)
    return rng.choice(ref.by_county[rng.choice(county_ids)])


def _sessions_for(
    rng: random.Random,
    ref: _Reference,
    offering: Offering,
    number: int,
    county_ids: list[int],
    anchor: datetime,
    now: datetime,
) -> list[OfferingSession]:
    sessions = []
    day = timezone.localdate(anchor)
    hour, hours = rng.choice(((9, 6), (9, 3), (12, 3), (13, 2), (9, 7)))
    capacity = rng.choice((None, 20, 30, 40, 60, 80, 120, 200))
    for index in range(rng.randint(1, 3)):
        if index:
            day += timedelta(days=rng.choice((1, 1, 7, 14, 21, 30)))
        starts_at = timezone.make_aware(datetime.combine(day, time(hour)))
        online = offering.format == OfferingFormat.DIGITAL
        session = OfferingSession(
            offering=offering,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=hours),
            is_online=online,
            online_url=(
                f"https://moete.example.no/volum-{number}-{index + 1}"
                if offering.format != OfferingFormat.IN_PERSON
                else ""
            ),
            capacity=None if online else capacity,
            is_cancelled=offering.status == OfferingStatus.CANCELLED or rng.random() < 0.05,
        )
        if not online:
            municipality = _session_municipality(rng, ref, county_ids)
            session.municipality = municipality
            session.venue = f"{municipality.name} kulturhus, sal {rng.randint(1, 4)}"
        if session.capacity is not None and starts_at > now:
            session.places_left = rng.randint(0, session.capacity)
        if rng.random() < 0.5:
            session.registration_deadline = day - timedelta(days=rng.choice((3, 7, 14)))
        sessions.append(session)
    return sessions


def _offering_status(rng: random.Random, last_start: datetime | None, now: datetime) -> str:
    if last_start is None:  # on request: stays published until somebody archives it
        return _pick(
            rng,
            (
                (OfferingStatus.PUBLISHED, 75),
                (OfferingStatus.ARCHIVED, 20),
                (OfferingStatus.DRAFT, 5),
            ),
        )
    if last_start < now - timedelta(days=30):
        return _pick(
            rng,
            (
                (OfferingStatus.ARCHIVED, 80),
                (OfferingStatus.PUBLISHED, 17),
                (OfferingStatus.CANCELLED, 3),
            ),
        )
    return _pick(
        rng,
        ((OfferingStatus.PUBLISHED, 85), (OfferingStatus.DRAFT, 8), (OfferingStatus.CANCELLED, 7)),
    )


def _load_offerings(
    rng: random.Random,
    ref: _Reference,
    *,
    count: int,
    now: datetime,
    span: timedelta,
    report: Callable[[str], None],
) -> tuple[int, int]:
    through = {
        "co_hosts": Offering.co_hosts.through,
        "service_areas": Offering.service_areas.through,
        "target_groups": Offering.target_groups.through,
        "eligible_counties": Offering.eligible_counties.through,
    }
    session_count = 0
    for step, start, stop in _steps(count):
        planned = []
        for number in range(start + 1, stop + 1):
            centre = rng.choices(ref.centres, ref.centre_weights)[0]
            offering_type = rng.choice(ref.types)
            own_topics = ref.centre_topics[centre.pk]
            topics = rng.sample(own_topics, min(len(own_topics), rng.randint(1, 2)))
            catchment = ref.catchment[centre.pk]
            eligible = (
                rng.sample(catchment, rng.randint(1, len(catchment) - 1))
                if len(catchment) > 1 and rng.random() < 0.2
                else []
            )
            format_ = _pick(rng, OFFERING_FORMATS)
            anchor = now + timedelta(days=rng.uniform(-span.days, 180), hours=rng.random())
            dated = format_ != OfferingFormat.ON_REQUEST
            offering = Offering(
                centre=centre,
                title=f"{offering_type.name_nb}: {topics[0].name_nb} (volum {number})",
                summary=f"Syntetisk tilbud nummer {number} for måling av sider.",
                description="Laget av load_volume_data. Ikke et ekte tilbud.",
                offering_type=offering_type,
                format=format_,
                price=Decimal(0 if rng.random() < 0.7 else rng.choice(PRICES)),
                registration_url=(
                    f"https://{centre.slug}.example.no/pamelding/volum-{number}" if dated else ""
                ),
                status=OfferingStatus.PUBLISHED,
            )
            sessions = (
                _sessions_for(rng, ref, offering, number, eligible or catchment, anchor, now)
                if dated
                else []
            )
            last_start = max((s.starts_at for s in sessions), default=None)
            offering.status = _offering_status(rng, last_start, now)
            offering.refresh_search_text()  # bulk_create skips save(), which keeps it
            if offering.status == OfferingStatus.CANCELLED:
                for session in sessions:
                    session.is_cancelled = True
            created = min(anchor, now) - timedelta(days=rng.uniform(14, 120))
            offering.created_at = created
            if offering.status != OfferingStatus.DRAFT:
                offering.published_at = created
            offering.updated_at = _between(rng, created, timedelta(days=rng.uniform(0, 60)), now)
            offering.last_verified_at = (
                _between(rng, created, timedelta(days=rng.uniform(0, 400)), now)
                if rng.random() < 0.9
                else None
            )
            co_hosts = (
                [rng.choice([c for c in ref.centres if c.pk != centre.pk])]
                if rng.random() < 0.05
                else []
            )
            target_groups = rng.sample(ref.target_groups, rng.randint(0, 2))
            planned.append((offering, sessions, topics, target_groups, co_hosts, eligible))

        offerings = [row[0] for row in planned]
        with _dates_as_given(Offering, "created_at", "updated_at"):
            Offering.objects.bulk_create(offerings, batch_size=BATCH_SIZE)
        links = {name: [] for name in through}
        sessions = []
        for offering, own_sessions, topics, target_groups, co_hosts, eligible in planned:
            pk = offering.pk
            links["service_areas"] += [
                through["service_areas"](offering_id=pk, servicearea_id=t.pk) for t in topics
            ]
            links["target_groups"] += [
                through["target_groups"](offering_id=pk, targetgroup_id=t.pk) for t in target_groups
            ]
            links["co_hosts"] += [
                through["co_hosts"](offering_id=pk, centre_id=c.pk) for c in co_hosts
            ]
            links["eligible_counties"] += [
                through["eligible_counties"](offering_id=pk, county_id=c) for c in eligible
            ]
            for session in own_sessions:
                session.offering_id = pk
            sessions += own_sessions
        for name, rows in links.items():
            through[name].objects.bulk_create(rows, batch_size=BATCH_SIZE)
        OfferingSession.objects.bulk_create(sessions, batch_size=BATCH_SIZE)
        session_count += len(sessions)
        report(f"Offerings: {step * 100 // STEPS}% ({stop} of {count})")
    return count, session_count


# Requests for help


def _age(rng: random.Random, status: str, span: timedelta) -> timedelta:
    """How long ago a request was submitted: open ones are mostly recent, a few left lying."""
    if status in (Status.RECEIVED, Status.IN_TRIAGE) and rng.random() < 0.8:
        return timedelta(days=45) * rng.random()
    if status in (Status.ACCEPTED, Status.IN_PROGRESS) and rng.random() < 0.8:
        return min(span, timedelta(days=240)) * rng.random()
    return span * rng.random()


def _candidates(rng: random.Random, ref: _Reference, county_id: int, topics) -> list[Centre]:
    """2–3 centres covering the county, those working on the topics first."""
    wanted = set().union(*(ref.related[t.pk] for t in topics))
    count = rng.choice((2, 2, 3))
    matching, others = [], []
    # Hundreds of centres cover a county at 100x: stop as soon as enough topic matches are found.
    for centre in ref.covering[county_id]:
        (matching if wanted & ref.centre_topic_ids[centre.pk] else others).append(centre)
        if len(matching) == count:
            break
    return (matching + others)[:count]


def _plan_request(
    rng: random.Random, ref: _Reference, status: str, submitted_at: datetime, now: datetime
) -> tuple[HelpRequest, list, list, list, list, list]:
    municipality = rng.choices(ref.municipalities, ref.municipality_weights)[0]
    topics = rng.sample(ref.topics, rng.randint(1, 2))
    help_wanted = rng.sample(ref.types, rng.randint(1, 2))
    target_groups = rng.sample(ref.target_groups, rng.randint(0, 2))
    candidates = _candidates(rng, ref, municipality.county_id, topics)
    tag = rng.randrange(1_000_000)
    help_request = HelpRequest(
        status_token=secrets.token_urlsafe(24),
        language=_pick(rng, (("nb", 90), ("nn", 8), ("en", 2))),
        requester_name=f"Volum Testesen {tag}",
        requester_role=rng.choice(ROLES),
        requester_email=f"volum{tag}@example.no",
        municipality=municipality,
        timeframe=rng.choice(Timeframe.values),
        staff_count=min(500, max(1, int(rng.paretovariate(1.3) * 4))),
        description=(
            f"Syntetisk henvendelse fra {municipality.name} om "
            f"{' og '.join(t.name_nb.lower() for t in topics)}, laget for å måle sider."
        ),
        consent_given_at=submitted_at,
        submitted_at=submitted_at,
        status=status,
    )
    if status != Status.RECEIVED:
        help_request.priority = _pick(rng, (("high", 15), ("normal", 70), ("low", 15)))
    responded = status not in (Status.RECEIVED, Status.IN_TRIAGE) or rng.random() < 0.2
    if responded:
        wait = (
            timedelta(hours=rng.uniform(2, 72))
            if rng.random() < 0.7
            else timedelta(days=rng.uniform(3, 30))
        )
        help_request.first_response_at = _between(rng, submitted_at, wait, now)
    partners = []
    if status in WITH_LEAD:
        help_request.lead_centre = candidates[0] if rng.random() < 0.7 else rng.choice(candidates)
        others = [c for c in candidates if c.pk != help_request.lead_centre_id]
        if status != Status.ACCEPTED and others and rng.random() < 0.2:
            partners = [rng.choice(others)]
    if status == Status.COMPLETED:
        work = timedelta(days=rng.uniform(7, 180))
        help_request.closed_at = _between(rng, help_request.first_response_at, work, now)
    elif status in (Status.REFERRED, Status.DECLINED):
        decided = timedelta(days=rng.uniform(0, 10)) if rng.random() < 0.3 else timedelta(0)
        help_request.closed_at = _between(rng, help_request.first_response_at, decided, now)
        help_request.outcome_explanation = "Syntetisk begrunnelse."
    if status == Status.REFERRED:
        outsiders = [c for c in ref.covering[municipality.county_id] if c not in candidates]
        if outsiders and rng.random() < 0.4:
            help_request.outcome_reason = OutcomeReason.OTHER_CENTRE
            help_request.referred_to_centre = rng.choice(outsiders)
            # The receiving centre becomes a candidate, as `services.refer` makes it.
            candidates = [*candidates, help_request.referred_to_centre]
        else:
            help_request.outcome_reason = rng.choice(
                (OutcomeReason.OTHER_SERVICE, OutcomeReason.OUTSIDE_MANDATE)
            )
            help_request.referred_to_elsewhere = rng.choice(ELSEWHERE)
    elif status == Status.DECLINED:
        help_request.outcome_reason = rng.choice(
            [r for r in OutcomeReason.values if r != "other-centre"]
        )
    return help_request, topics, help_wanted, target_groups, candidates, partners


def _load_requests(
    rng: random.Random,
    ref: _Reference,
    *,
    count: int,
    now: datetime,
    span: timedelta,
    report: Callable[[str], None],
) -> tuple[int, int]:
    statuses = [_pick(rng, REQUEST_STATUSES) for _ in range(count)]
    # Numbered in the order they came in, continuing each year's counter.
    timeline = sorted(
        ((now - _age(rng, status, span), status) for status in statuses), key=lambda row: row[0]
    )
    last_numbers = dict(ReferenceCounter.objects.values_list("year", "last_number"))
    through = {
        "topics": HelpRequest.topics.through,
        "help_wanted": HelpRequest.help_wanted.through,
        "target_groups": HelpRequest.target_groups.through,
        "partner_centres": HelpRequest.partner_centres.through,
    }
    candidate_count = 0
    for step, start, stop in _steps(count):
        planned = []
        for submitted_at, status in timeline[start:stop]:
            row = _plan_request(rng, ref, status, submitted_at, now)
            year = timezone.localtime(submitted_at).year
            last_numbers[year] = last_numbers.get(year, 0) + 1
            row[0].reference = f"H-{year}-{last_numbers[year]:05d}"
            planned.append(row)
        help_requests = [row[0] for row in planned]
        HelpRequest.objects.bulk_create(help_requests, batch_size=BATCH_SIZE)
        links = {name: [] for name in through}
        candidates, events = [], []
        for help_request, topics, help_wanted, target_groups, centres, partners in planned:
            pk = help_request.pk
            links["topics"] += [
                through["topics"](helprequest_id=pk, servicearea_id=t.pk) for t in topics
            ]
            links["help_wanted"] += [
                through["help_wanted"](helprequest_id=pk, offeringtype_id=k.pk) for k in help_wanted
            ]
            links["target_groups"] += [
                through["target_groups"](helprequest_id=pk, targetgroup_id=t.pk)
                for t in target_groups
            ]
            links["partner_centres"] += [
                through["partner_centres"](helprequest_id=pk, centre_id=c.pk) for c in partners
            ]
            # A centre the request was referred to comes last, as `services.refer` puts it.
            candidates += [
                Candidate(
                    help_request_id=pk,
                    centre_id=c.pk,
                    position=1000 if c.pk == help_request.referred_to_centre_id else position,
                )
                for position, c in enumerate(centres)
            ]
            events.append(
                Event(
                    help_request_id=pk,
                    kind=EventKind.SUBMITTED,
                    to_status=Status.RECEIVED,
                    visible_to_requester=True,
                    created_at=help_request.submitted_at,
                )
            )
        for name, rows in links.items():
            through[name].objects.bulk_create(rows, batch_size=BATCH_SIZE)
        Candidate.objects.bulk_create(candidates, batch_size=BATCH_SIZE)
        Event.objects.bulk_create(events, batch_size=BATCH_SIZE)
        candidate_count += len(candidates)
        report(f"Requests for help: {step * 100 // STEPS}% ({stop} of {count})")
    for year, last_number in last_numbers.items():
        ReferenceCounter.objects.update_or_create(year=year, defaults={"last_number": last_number})
    return count, candidate_count


@transaction.atomic
def load_volume_data(
    *,
    requests: int,
    offerings: int,
    centres: int = 500,
    seed: int = 1,
    years: int = 2,
    now: datetime | None = None,
    report: Callable[[str], None] | None = None,
) -> VolumeSummary:
    """Add `offerings` offerings and `requests` requests spread over the last `years` years, and
    synthetic centres until there are `centres` in all (they hold offerings and requests too)."""
    _refuse_outside_demo()
    rng = random.Random(seed)
    now = now or timezone.now()
    span = timedelta(days=365 * years)
    report = report or (lambda message: None)
    # A generator of their own, so the rows after them come out the same whether or not centres
    # had to be added (a second run into the same database adds none).
    centre_count = load_centres(random.Random(f"{seed}:centres"), total=centres, now=now)
    report(f"Centres: {centre_count} synthetic centres added")
    ref = _Reference()
    offering_count, session_count = _load_offerings(
        rng, ref, count=offerings, now=now, span=span, report=report
    )
    request_count, candidate_count = _load_requests(
        rng, ref, count=requests, now=now, span=span, report=report
    )
    return VolumeSummary(
        centres=centre_count,
        offerings=offering_count,
        sessions=session_count,
        requests=request_count,
        candidates=candidate_count,
    )
