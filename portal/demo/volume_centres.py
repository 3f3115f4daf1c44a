"""Synthetic centres for `load_volume_data`, so the measured site has as many centres as offerings
and requests would need at a hundred times Norway's volume.

Each one is a regional centre (a few national) with a catchment inside one region, one to three
topics, target groups, and contact persons: a general contact and one per topic, responsible for
part of the catchment. Drawn from the caller's random generator, so the same seed gives the same
centres; bulk inserted (no history rows), with the stored search text filled in as save() would.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from centres.choices import Network
from centres.models import Centre, ContactPerson, County, Region, ServiceArea, TargetGroup

SLUG_PREFIX = "volum-senter-"
NETWORKS = (
    (Network.RVTS, "Ressurssenter om vold og traumer"),
    (Network.KORUS, "Kompetansesenter rus"),
    (Network.RKBU_RBUP, "Kunnskapssenter for barn og unge"),
)
NATIONAL_SHARE = 0.05
FIRST_NAMES = ("Kari", "Ola", "Ingrid", "Per", "Aisha", "Jonas", "Sigrid", "Ali", "Marit", "Nils")
LAST_NAMES = ("Hansen", "Johansen", "Olsen", "Larsen", "Berg", "Haugen", "Nilsen", "Dahl")


@dataclass
class PlannedCentre:
    centre: Centre
    catchment: list[int]
    topics: list[int]
    target_groups: list[int]
    contacts: list[tuple[ContactPerson, list[int], list[int]]] = field(default_factory=list)


def plan_centres(
    rng: random.Random, *, first: int, count: int, now: datetime
) -> list[PlannedCentre]:
    """`count` centres numbered from `first`, not yet saved."""
    regions = list(Region.objects.order_by("slug"))
    counties = {
        region.pk: list(
            County.objects.filter(region=region).order_by("number").values_list("pk", flat=True)
        )
        for region in regions
    }
    topics = list(ServiceArea.objects.order_by("slug"))
    target_groups = list(TargetGroup.objects.order_by("slug").values_list("pk", flat=True))
    planned = []
    for number in range(first, first + count):
        network, network_name = rng.choice(NETWORKS)
        national = rng.random() < NATIONAL_SHARE
        region = rng.choice(regions)
        own_counties = counties[region.pk]
        catchment = (
            [] if national else sorted(rng.sample(own_counties, rng.randint(1, len(own_counties))))
        )
        own_topics = rng.sample(topics, rng.randint(1, 3))
        place = "hele landet" if national else region.name
        centre = Centre(
            slug=f"{SLUG_PREFIX}{number:03d}",
            short_name=f"Volumsenter {number:03d}",
            name=f"{network_name} – syntetisk senter {number:03d}, {place}",
            network=Network.NATIONAL if national else network,
            is_national=national,
            host_organisation=f"Syntetisk helseforetak {rng.randint(1, 40)}",
            description=(
                f"Syntetisk senter laget av load_volume_data. Vi hjelper kommunene i {place} med "
                f"{', '.join(topic.name_nb.lower() for topic in own_topics)}."
            ),
            email=f"post@{SLUG_PREFIX}{number:03d}.example.no",
            phone=f"+47 {rng.randint(20000000, 99999999)}",
            website=f"https://{SLUG_PREFIX}{number:03d}.example.no/",
            accepts_requests=rng.random() < 0.9,
            last_verified_at=now - timedelta(days=rng.uniform(0, 400)),
        )
        centre.refresh_search_text()  # bulk_create skips save(), which keeps it
        plan = PlannedCentre(
            centre=centre,
            catchment=catchment,
            topics=[topic.pk for topic in own_topics],
            target_groups=rng.sample(target_groups, rng.randint(0, 3)),
        )
        for position, topic in enumerate([None, *own_topics]):
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            contact = ContactPerson(
                name=name,
                role="Senterleder" if topic is None else f"Rådgiver {topic.name_nb.lower()}",
                email=f"kontakt{position}@{SLUG_PREFIX}{number:03d}.example.no",
                phone=f"+47 {rng.randint(20000000, 99999999)}",
                is_general_contact=topic is None,
                position=position,
            )
            responsible = (
                sorted(rng.sample(catchment, rng.randint(1, len(catchment))))
                if topic is not None and catchment and rng.random() < 0.5
                else []
            )
            plan.contacts.append((contact, [] if topic is None else [topic.pk], responsible))
        planned.append(plan)
    return planned


def load_centres(rng: random.Random, *, total: int, now: datetime) -> int:
    """Add synthetic centres until there are `total` centres in all; returns how many were added."""
    missing = total - Centre.objects.count()
    if missing <= 0:
        return 0
    first = Centre.objects.filter(slug__startswith=SLUG_PREFIX).count() + 1
    planned = plan_centres(rng, first=first, count=missing, now=now)
    Centre.objects.bulk_create([plan.centre for plan in planned])
    through = Centre.catchment.through, Centre.service_areas.through, Centre.target_groups.through
    catchment, topics, groups = through
    catchment.objects.bulk_create(
        catchment(centre_id=p.centre.pk, county_id=c) for p in planned for c in p.catchment
    )
    topics.objects.bulk_create(
        topics(centre_id=p.centre.pk, servicearea_id=t) for p in planned for t in p.topics
    )
    groups.objects.bulk_create(
        groups(centre_id=p.centre.pk, targetgroup_id=g) for p in planned for g in p.target_groups
    )
    contacts = []
    for plan in planned:
        for contact, _, _ in plan.contacts:
            contact.centre_id = plan.centre.pk
            contacts.append(contact)
    ContactPerson.objects.bulk_create(contacts)
    contact_topics, contact_counties = ContactPerson.topics.through, ContactPerson.counties.through
    rows = [row for plan in planned for row in plan.contacts]
    contact_topics.objects.bulk_create(
        contact_topics(contactperson_id=contact.pk, servicearea_id=t)
        for contact, own_topics, _ in rows
        for t in own_topics
    )
    contact_counties.objects.bulk_create(
        contact_counties(contactperson_id=contact.pk, county_id=c)
        for contact, _, counties in rows
        for c in counties
    )
    return missing
