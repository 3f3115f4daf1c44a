"""What API documents are built from where one model object does not say it all.

Most documents read a single model object (a centre, a contact, a session). These small records
carry the rest: the taxonomy a term is listed under, the entity a term is linked to, the counties
a service is open to, the page a list is on.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from django.core.paginator import Page

from centres.models import County, OfferingType, ServiceArea, TargetGroup
from offerings.models import Offering

Term = ServiceArea | TargetGroup | OfferingType


class Phone(NamedTuple):
    owner_id: str
    number: str


class InTaxonomy(NamedTuple):
    """A term of one of the vocabularies, with the taxonomy it belongs to."""

    taxonomy_id: str
    term: Term


class Link(NamedTuple):
    """An organization, service or contact tagged with a term (an HSDS attribute)."""

    entity: str
    link_id: str
    taxonomy_id: str
    term: Term


class OpenCounty(NamedTuple):
    """A county a service is open to (an HSDS service area)."""

    service_id: str
    county: County


class ServiceSource(NamedTuple):
    """An offering and every county, to list the counties it is open to.

    Whether it is open to each is the `open_to_<pk>` annotation that
    `OfferingQuerySet.with_open_to` adds to the offering's own query (see queries.services), so
    listing them costs no query per service.
    """

    offering: Offering
    counties: list[County]

    @property
    def open_to(self) -> list[County]:
        return [c for c in self.counties if getattr(self.offering, f"open_to_{c.pk}")]


class Listing(NamedTuple):
    """One page of a list: Django's page, for the envelope's counts, and what each entry's
    document is built from."""

    page: Page
    entries: list[Any]
