"""The finder's answer: which centres cover a municipality, whom to call, and what is coming."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from centres.models import Centre, ContactPerson, Municipality, ServiceArea, TargetGroup
from centres.querysets import topic_and_children
from offerings.models import Offering

OFFERINGS_PER_CENTRE = 3


@dataclass
class CentreMatch:
    centre: Centre
    contact: ContactPerson | None
    offerings: list[Offering] = field(default_factory=list)


@dataclass
class TopicGroup:
    topic: ServiceArea
    matches: list[CentreMatch]


@dataclass
class FinderResult:
    municipality: Municipality
    topic: ServiceArea | None
    target_group: TargetGroup | None
    groups: list[TopicGroup]

    @property
    def centre_count(self) -> int:
        return sum(len(group.matches) for group in self.groups)


def _responsible_contact(
    centre: Centre, municipality: Municipality, topic_ids: set[int]
) -> ContactPerson | None:
    """The most specific public contact for this county and topic, else the general contact."""

    def score(contact: ContactPerson) -> int | None:
        county_ids = {county.pk for county in contact.counties.all()}
        contact_topic_ids = {topic.pk for topic in contact.topics.all()}
        if county_ids and municipality.county_id not in county_ids:
            return None
        if contact_topic_ids and topic_ids and not contact_topic_ids & topic_ids:
            return None
        return 2 * bool(county_ids) + bool(contact_topic_ids and topic_ids)

    candidates = [
        (points, contact)
        for contact in centre.contacts.all()
        if (points := score(contact)) is not None
    ]
    specific = [pair for pair in candidates if pair[0] > 0]
    if specific:
        return max(specific, key=lambda pair: pair[0])[1]
    general = [contact for contact in centre.contacts.all() if contact.is_general_contact]
    return general[0] if general else (candidates[0][1] if candidates else None)


def find_coverage(
    *,
    municipality: Municipality,
    topic: ServiceArea | None = None,
    target_group: TargetGroup | None = None,
) -> FinderResult:
    public_contacts = ContactPerson.objects.public().prefetch_related("topics", "counties")
    centres = (
        Centre.objects.covering(municipality.county)
        .prefetch_related("service_areas", Prefetch("contacts", queryset=public_contacts))
        .order_by("is_national", "short_name")
    )
    topics = list(topic_and_children(topic)) if topic else list(ServiceArea.objects.all())
    if topic:
        centres = centres.for_topic(topic)
    if target_group:
        centres = centres.for_target_group(target_group)
    centres = list(centres)
    topic_ids = {t.pk for t in topics} if topic else set()

    matches = {
        centre.pk: CentreMatch(centre, _responsible_contact(centre, municipality, topic_ids))
        for centre in centres
    }
    _attach_upcoming_offerings(matches, municipality, topic, target_group)

    groups: list[TopicGroup] = []
    placed: set[int] = set()
    for group_topic in topics:
        in_group = [
            matches[centre.pk]
            for centre in centres
            if centre.pk not in placed
            and any(area.pk == group_topic.pk for area in centre.service_areas.all())
        ]
        placed.update(match.centre.pk for match in in_group)
        if in_group:
            groups.append(TopicGroup(group_topic, in_group))
    return FinderResult(municipality, topic, target_group, groups)


def _attach_upcoming_offerings(
    matches: dict[int, CentreMatch],
    municipality: Municipality,
    topic: ServiceArea | None,
    target_group: TargetGroup | None,
) -> None:
    offerings = (
        Offering.objects.published()
        .open_to_municipality(municipality)
        .by_centre_or_co_host(matches)
        .with_listing_data()
        .prefetch_related("co_hosts")
    )
    if topic:
        offerings = offerings.for_topic(topic)
    if target_group:
        offerings = offerings.for_target_group(target_group)
    per_centre: dict[int, list[Offering]] = defaultdict(list)
    for offering in offerings.in_calendar().filter(next_starts_at__isnull=False):
        hosts = [offering.centre_id, *(c.pk for c in offering.co_hosts.all())]
        for centre_id in hosts:
            if centre_id in matches and len(per_centre[centre_id]) < OFFERINGS_PER_CENTRE:
                per_centre[centre_id].append(offering)
    for centre_id, match in matches.items():
        match.offerings = per_centre[centre_id]
