"""The finder's answer: which centres cover a municipality, whom to call, and what is coming.

Results are grouped by topic. Without a chosen topic, the groups are the top-level topics; a
group stands for its topic and the topic's children, so a centre working on gambling addiction
shows up under "Rus og avhengighet". A centre serving several topics appears in each group, with
the contact person and the offerings for that topic.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from centres.models import Centre, ContactPerson, Municipality, ServiceArea, TargetGroup
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
        return len({match.centre.pk for group in self.groups for match in group.matches})


class TopicTree:
    """The (small) topic vocabulary, read once, with each topic's family."""

    def __init__(self) -> None:
        self.topics = list(ServiceArea.objects.all())

    def family(self, topic: ServiceArea) -> set[int]:
        """The topic and its children: what choosing the topic means."""
        return {topic.pk} | {t.pk for t in self.topics if t.parent_id == topic.pk}

    def related(self, topic: ServiceArea) -> set[int]:
        """Topics whose contact person can answer for `topic`: its family and its parent."""
        return self.family(topic) | ({topic.parent_id} if topic.parent_id else set())

    def top_level(self) -> list[ServiceArea]:
        return [t for t in self.topics if t.parent_id is None]


def responsible_contact(
    centre: Centre, municipality: Municipality, topic_ids: set[int]
) -> ContactPerson | None:
    """The public contact who answers for this county and topic.

    A contact limited to other counties or other topics is never chosen. Among the rest, a
    topic specialist beats a county contact, and someone who is both beats either; the general
    contact answers when nobody is specifically responsible.
    """
    candidates = []
    for contact in centre.contacts.all():
        county_ids = {county.pk for county in contact.counties.all()}
        contact_topic_ids = {topic.pk for topic in contact.topics.all()}
        if county_ids and municipality.county_id not in county_ids:
            continue
        if contact_topic_ids and not contact_topic_ids & topic_ids:
            continue
        score = 2 * bool(contact_topic_ids) + bool(county_ids)
        candidates.append((score, not contact.is_general_contact, contact.position, contact))
    if not candidates:
        return None
    return min(candidates, key=lambda c: (-c[0], c[1], c[2]))[3]


def find_coverage(
    *,
    municipality: Municipality,
    topic: ServiceArea | None = None,
    target_group: TargetGroup | None = None,
) -> FinderResult:
    tree = TopicTree()
    public_contacts = ContactPerson.objects.public().prefetch_related("topics", "counties")
    centres = (
        Centre.objects.covering(municipality.county)
        .prefetch_related("service_areas", Prefetch("contacts", queryset=public_contacts))
        .order_by("is_national", "short_name")
    )
    if topic:
        centres = centres.for_topic(topic)
    if target_group:
        centres = centres.for_target_group(target_group)
    centres = list(centres)
    offerings = _upcoming_offerings(centres, municipality, topic, target_group)

    groups = []
    for group_topic in [topic] if topic else tree.top_level():
        family = tree.family(group_topic)
        matches = []
        for centre in centres:
            if not family & {area.pk for area in centre.service_areas.all()}:
                continue
            match = CentreMatch(
                centre, responsible_contact(centre, municipality, tree.related(group_topic))
            )
            match.offerings = [
                offering
                for offering in offerings
                if centre.pk in offering.host_ids
                and family & {area.pk for area in offering.service_areas.all()}
            ][:OFFERINGS_PER_CENTRE]
            matches.append(match)
        if matches:
            groups.append(TopicGroup(group_topic, matches))
    return FinderResult(municipality, topic, target_group, groups)


def _upcoming_offerings(
    centres: list[Centre],
    municipality: Municipality,
    topic: ServiceArea | None,
    target_group: TargetGroup | None,
) -> list[Offering]:
    """Dated offerings from these centres open to the municipality, soonest first."""
    counties = [municipality.county]
    offerings = (
        Offering.objects.published()
        .open_to_counties(counties)
        .by_centre_or_co_host(centre.pk for centre in centres)
        .prefetch_related("service_areas", "co_hosts")
    )
    if topic:
        offerings = offerings.for_topic(topic)
    if target_group:
        offerings = offerings.for_target_group(target_group)
    listed = list(
        offerings.in_calendar(counties=counties)
        .with_card_data(counties=counties)
        .filter(next_starts_at__isnull=False)
    )
    for offering in listed:
        offering.host_ids = {offering.centre_id, *(c.pk for c in offering.co_hosts.all())}
    return listed
