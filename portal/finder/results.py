"""The finder's answer: which centres cover a municipality, whom to call, and what is coming.

Results are grouped by topic. Without a chosen topic, the groups are the top-level topics; a
group stands for its topic and the topic's children, so a centre working on gambling addiction
shows up under "Rus og avhengighet". A centre serving several topics appears in each group, with
the contact person and the offerings for that topic. Who covers, whom to call and what is open
are the coverage rules of `centres.coverage` and `offerings.querysets`.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from centres.coverage import (
    TopicVocabulary,
    centres_covering,
    public_contacts,
    responsible_contact,
    topic_family,
)
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


def find_coverage(
    *,
    municipality: Municipality,
    topic: ServiceArea | None = None,
    target_group: TargetGroup | None = None,
) -> FinderResult:
    vocabulary = TopicVocabulary()
    chosen = [topic] if topic else []
    centres = (
        centres_covering(municipality, chosen)
        .prefetch_related("service_areas", Prefetch("contacts", queryset=public_contacts()))
        .order_by("is_national", "short_name")
    )
    if target_group:
        centres = centres.for_target_group(target_group)
    centres = list(centres)
    offerings = _upcoming_offerings(centres, municipality, topic, target_group)

    groups = []
    for group_topic in chosen or vocabulary.top_level():
        family = vocabulary.family(group_topic)
        matches = []
        for centre in centres:
            if not family & {area.pk for area in centre.service_areas.all()}:
                continue
            contact = responsible_contact(
                centre, municipality, [group_topic], vocabulary=vocabulary
            )
            match = CentreMatch(centre, contact)
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
    offerings = (
        Offering.objects.published()
        .open_to([municipality.county])
        .by_centre_or_co_host(centre.pk for centre in centres)
        .prefetch_related("service_areas", "co_hosts")
    )
    if topic:
        offerings = offerings.about_any_of(topic_family([topic]))
    if target_group:
        offerings = offerings.for_target_group(target_group)
    listed = list(offerings.in_calendar().with_card_data().filter(next_starts_at__isnull=False))
    for offering in listed:
        offering.host_ids = {offering.centre_id, *(c.pk for c in offering.co_hosts.all())}
    return listed
