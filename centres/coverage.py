"""Who covers a municipality for a topic, and whom to call: the coverage rules, in one place.

Every page, feed, the API, the digest, request routing and the regional overview ask here, so
the same question gets the same answer everywhere.

- **Topic family.** A topic stands for itself and its children: "Rus og avhengighet" includes
  gambling addiction, but gambling addiction does not include substance use in general.
- **Covering centres.** The centres covering municipality M for topics T are the national centres
  and those whose catchment holds M's county, that work on a topic in T's family. Without topics,
  every centre covering the county.
- **Responsible contact.** Of a centre's public contacts, those limited to other counties, or to
  topics unrelated to the question, never answer. Among the rest the closest topic wins (the
  topic itself, then its parent, then someone who answers for every topic, and only then a
  specialist in one of its sub-topics), then a contact for the county over one for the whole
  catchment, then the general contact, then the centre's own order.

Two questions about offerings build on these and live with the offerings' queries
(`offerings.querysets`): **open to** M (M's county lies in the offering's eligible area: its
chosen counties, else the catchments of its organiser and co-hosts, the whole country for a
national centre) and **held near** M (an in-room session in M, M's county or M's region).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

from django.db.models import Q, QuerySet

from .choices import Scale
from .models import Centre, ContactPerson, County, Municipality, Region, ServiceArea
from .querysets import CentreQuerySet


def topic_family(topics: Iterable[ServiceArea]) -> QuerySet[ServiceArea]:
    """The topics and their children, as the database reads them (a subquery).
    `TopicVocabulary.family` is the same rule for a vocabulary already read."""
    ids = [topic.pk for topic in topics]
    return ServiceArea.objects.filter(Q(pk__in=ids) | Q(parent_id__in=ids))


def covering_centres(
    counties: Iterable[County], topics: Iterable[ServiceArea] = ()
) -> CentreQuerySet:
    """National centres and those whose catchment holds one of `counties`; with `topics`, only
    those working on a topic of the topics' family."""
    topics = list(topics)
    family = topic_family(topics) if topics else ()
    return Centre.objects.filter(covering_condition(counties, family))


def covering_condition(counties: Iterable[County], topic_ids: Iterable[int] | QuerySet) -> Q:
    """`covering_centres` as a condition on centres, for counting many cells in one query;
    `topic_ids` is a topic family (empty: any topic)."""
    condition = Centre.objects.covering_condition(counties)
    if isinstance(topic_ids, QuerySet) or (topic_ids := list(topic_ids)):
        condition &= Centre.objects.working_on_condition(topic_ids)
    return condition


def centres_covering(
    municipality: Municipality, topics: Iterable[ServiceArea] = ()
) -> CentreQuerySet:
    return covering_centres([municipality.county], topics)


class TopicVocabulary:
    """The (small) topic vocabulary read once, for answering in Python what `topic_family`
    answers in the database."""

    def __init__(self, topics: Iterable[ServiceArea] | None = None) -> None:
        self.topics = list(ServiceArea.objects.all() if topics is None else topics)

    def family(self, topic: ServiceArea) -> frozenset[int]:
        """The topic and its children: what choosing the topic means (as `topic_family`)."""
        return frozenset({topic.pk} | {t.pk for t in self.topics if t.parent_id == topic.pk})

    def family_of(self, topics: Iterable[ServiceArea]) -> frozenset[int]:
        return frozenset().union(*(self.family(topic) for topic in topics))

    def top_level(self) -> list[ServiceArea]:
        return [topic for topic in self.topics if topic.parent_id is None]


@dataclass(frozen=True)
class Area:
    """One municipality, county or region: a place to ask "open to" and "held in" about."""

    municipality: Municipality | None = None
    county: County | None = None
    region: Region | None = None

    @classmethod
    def of(cls, place: Municipality | County | Region) -> Area:
        if isinstance(place, Municipality):
            return cls(municipality=place)
        return cls(county=place) if isinstance(place, County) else cls(region=place)

    @classmethod
    def around(cls, place: Municipality | County | Region, scale: str) -> Area:
        """The area of `scale` that holds `place` ("held in my county" for a municipality)."""
        if isinstance(place, Municipality):
            if scale == Scale.MUNICIPALITY:
                return cls(municipality=place)
            place = place.county
        if isinstance(place, County):
            if scale == Scale.COUNTY:
                return cls(county=place)
            place = place.region
        return cls(region=place)

    @property
    def scale(self) -> Scale:
        if self.municipality is not None:
            return Scale.MUNICIPALITY
        return Scale.COUNTY if self.county is not None else Scale.REGION

    @property
    def place(self) -> Municipality | County | Region:
        return self.municipality or self.county or self.region

    def counties(self) -> list[County]:
        """The counties whose people are in the area: what "open to" asks about."""
        if self.municipality is not None:
            return [self.municipality.county]
        if self.county is not None:
            return [self.county]
        return list(self.region.counties.all())

    def municipalities(self, path: str = "municipality") -> Q:
        """A filter for rows whose municipality (at `path`) lies in the area."""
        if self.municipality is not None:
            return Q(**{path: self.municipality})
        if self.county is not None:
            return Q(**{f"{path}__county": self.county})
        return Q(**{f"{path}__county__region": self.region})


class TopicFit(IntEnum):
    """How closely a contact's topics fit the topic asked about; higher answers first."""

    SPECIALIST = 1  # works on a sub-topic of it only
    EVERY_TOPIC = 2  # answers for all the centre's topics
    BROADER = 3  # works on its parent topic
    SAME = 4


def topic_fit(
    contact_topic_ids: set[int], asked: Iterable[ServiceArea], vocabulary: TopicVocabulary
) -> TopicFit | None:
    """How well a contact fits the question (the best fit over the topics asked); None: the
    contact does not answer for these topics. No topic asked: everyone answers."""
    asked = list(asked)
    if not contact_topic_ids:
        return TopicFit.EVERY_TOPIC
    if not asked:
        return TopicFit.SPECIALIST
    fits = []
    for topic in asked:
        if topic.pk in contact_topic_ids:
            fits.append(TopicFit.SAME)
        elif topic.parent_id in contact_topic_ids:
            fits.append(TopicFit.BROADER)
        elif vocabulary.family(topic) & contact_topic_ids:
            fits.append(TopicFit.SPECIALIST)
    return max(fits, default=None)


@dataclass(frozen=True)
class _Candidate:
    fit: TopicFit
    for_the_county: bool
    contact: ContactPerson

    def order(self) -> tuple:
        contact = self.contact
        return (
            -self.fit,
            not self.for_the_county,
            not contact.is_general_contact,
            contact.position,
            contact.name,
            contact.pk,
        )


def responsible_contact(
    centre: Centre,
    municipality: Municipality,
    topics: Iterable[ServiceArea] = (),
    *,
    vocabulary: TopicVocabulary,
) -> ContactPerson | None:
    """The public contact at `centre` who answers for `municipality` and `topics`.

    Reads `centre.contacts.all()` with each contact's topics and counties, so callers prefetch
    them (see `public_contacts_prefetch`).
    """
    topics = list(topics)
    candidates = []
    for contact in centre.contacts.all():
        if not contact.is_public:
            continue
        county_ids = {county.pk for county in contact.counties.all()}
        if county_ids and municipality.county_id not in county_ids:
            continue
        fit = topic_fit({topic.pk for topic in contact.topics.all()}, topics, vocabulary)
        if fit is not None:
            candidates.append(_Candidate(fit, bool(county_ids), contact))
    if not candidates:
        return None
    return min(candidates, key=_Candidate.order).contact


def public_contacts() -> QuerySet[ContactPerson]:
    """What `responsible_contact` reads, for a Prefetch of `contacts`."""
    return ContactPerson.objects.public().prefetch_related("topics", "counties")
