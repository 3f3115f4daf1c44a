"""What each API document reads, fetched in a fixed number of queries whatever the data size."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Prefetch, QuerySet

from centres.models import (
    ContactPerson,
    County,
    OfferingType,
    ServiceArea,
    TargetGroup,
)
from centres.querysets import CentreQuerySet, ContactPersonQuerySet
from offerings.models import OfferingSession
from offerings.querysets import OfferingQuerySet

from .sources import InTaxonomy


def topics() -> QuerySet[ServiceArea]:
    # A topic's document names its parent. Orders are total so that equal data gives equal
    # bytes, and so the same ETag.
    return ServiceArea.objects.select_related("parent").order_by("position", "pk")


def target_groups() -> QuerySet[TargetGroup]:
    return TargetGroup.objects.order_by("position", "pk")


def vocabulary(taxonomy_id: str) -> QuerySet:
    """The terms of one taxonomy, in the order the site lists them."""
    terms = {
        "topic": topics(),
        "target-group": target_groups(),
        "offering-type": OfferingType.objects.order_by("position", "pk"),
    }
    return terms[taxonomy_id]


def taxonomy_terms(taxonomy_ids: Sequence[str]) -> list[InTaxonomy]:
    return [
        InTaxonomy(taxonomy_id, term)
        for taxonomy_id in taxonomy_ids
        for term in vocabulary(taxonomy_id)
    ]


def taxonomy_term(slug: str, taxonomy_ids: Sequence[str]) -> InTaxonomy | None:
    # Slugs are unique across the three vocabularies (a test keeps them so), so the first wins.
    for taxonomy_id in taxonomy_ids:
        if term := vocabulary(taxonomy_id).filter(slug=slug).first():
            return InTaxonomy(taxonomy_id, term)
    return None


def contacts(people: ContactPersonQuerySet) -> ContactPersonQuerySet:
    """Only the people a centre shows publicly, with what their documents name."""
    return (
        people.public()
        .select_related("centre")
        .prefetch_related(Prefetch("topics", queryset=topics()), "counties")
        .order_by("centre__short_name", "position", "name", "pk")
    )


def organizations(centres: CentreQuerySet) -> CentreQuerySet:
    return centres.prefetch_related(
        "catchment",
        Prefetch("service_areas", queryset=topics()),
        Prefetch("target_groups", queryset=target_groups()),
        Prefetch("contacts", queryset=contacts(ContactPerson.objects.all())),
    )


def services(offerings: OfferingQuerySet, counties: list[County]) -> OfferingQuerySet:
    """Offerings with their sessions, vocabularies and contact person, and for each of
    `counties` whether the offering is open to it.

    Clears earlier prefetches: the calendar's filter set prefetches only the coming sessions,
    while a service document lists them all.
    """
    return (
        offerings.prefetch_related(None)
        .with_open_to(counties)
        .select_related("centre", "offering_type", "contact__centre")
        .prefetch_related(
            Prefetch(
                "sessions",
                queryset=OfferingSession.objects.select_related("municipality__county").order_by(
                    "starts_at", "pk"
                ),
            ),
            Prefetch("service_areas", queryset=topics()),
            Prefetch("target_groups", queryset=target_groups()),
            "eligible_counties",
            "co_hosts",
            Prefetch("contact__topics", queryset=topics()),
            "contact__counties",
        )
    )


def counties() -> list[County]:
    return list(County.objects.order_by("number"))
