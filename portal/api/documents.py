"""The JSON documents of the API, shaped after Open Referral HSDS 3.

HSDS field names are used where they fit; the portal's own facts that HSDS has no field for are
added under plain names (listed as extensions in openapi.json). Names of vocabulary terms are the
Bokmål ones, with all three languages under `names`, so that a document does not change with the
reader's language and one ETag serves everyone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from centres.models import (
    Centre,
    ContactPerson,
    County,
    OfferingType,
    ServiceArea,
    TargetGroup,
)
from offerings.models import Offering, OfferingSession

Document = dict[str, Any]
Term = ServiceArea | TargetGroup | OfferingType

HSDS_VERSION = "3.0"
TERM_LANGUAGE = "nb"
# Offerings are only ever shown when published, which HSDS calls "active".
ACTIVE = "active"
CURRENCY = "NOK"


@dataclass(frozen=True)
class Taxonomy:
    id: str
    name: str
    description: str


TAXONOMIES = {
    taxonomy.id: taxonomy
    for taxonomy in (
        Taxonomy(
            "topic",
            "Topics",
            "Fields the centres work in (fagområder); a parent includes its children.",
        ),
        Taxonomy(
            "target-group",
            "Target groups",
            "Populations and municipal services an offering or centre is meant for.",
        ),
        Taxonomy(
            "offering-type",
            "Offering types",
            "Kinds of offering: courses, supervision, networks and more.",
        ),
    )
}


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def api_url(name: str, **kwargs: Any) -> str:
    return absolute(reverse(f"api:{name}", kwargs=kwargs or None))


def _text_or_none(value: str) -> str | None:
    return value or None


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment)


def _date(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _clock(moment: datetime) -> str:
    """HH:MM with the UTC offset, as HSDS wants opening times ("09:00+02:00")."""
    return _local(moment).isoformat(timespec="minutes").split("T", 1)[1]


# Vocabularies -----------------------------------------------------------------------------------


def taxonomy(described: Taxonomy) -> Document:
    return {
        "id": described.id,
        "name": described.name,
        "description": described.description,
        "uri": api_url("taxonomy-detail", id=described.id),
    }


def taxonomy_term(taxonomy_id: str, term: Term) -> Document:
    parent = term.parent if isinstance(term, ServiceArea) else None
    return {
        "id": term.slug,
        "code": term.slug,
        "name": term.name_nb,
        "names": {"nb": term.name_nb, "nn": term.name_nn, "en": term.name_en},
        "parent_id": parent.slug if parent else None,
        "taxonomy": taxonomy_id,
        "taxonomy_id": taxonomy_id,
        "language": TERM_LANGUAGE,
        "term_uri": api_url("taxonomy-term-detail", id=term.slug),
    }


def _attribute(link_entity: str, link_id: str, taxonomy_id: str, term: Term) -> Document:
    return {
        "id": f"{link_entity}/{link_id}/{taxonomy_id}/{term.slug}",
        "link_id": link_id,
        "link_type": taxonomy_id,
        "link_entity": link_entity,
        "taxonomy_term_id": term.slug,
        "taxonomy_term": taxonomy_term(taxonomy_id, term),
    }


def _attributes(link_entity: str, link_id: str, **terms: Iterable[Term]) -> list[Document]:
    """Attributes for each term; keyword names are taxonomy ids with `_` for `-`."""
    return [
        _attribute(link_entity, link_id, name.replace("_", "-"), term)
        for name, group in terms.items()
        for term in group
    ]


# Places and people ------------------------------------------------------------------------------


def county(place: County) -> Document:
    return {"county_number": place.number, "name": place.full_name}


def _phones(owner_id: str, number: str) -> list[Document]:
    return [{"id": f"{owner_id}/phone", "number": number}] if number else []


def contact(person: ContactPerson) -> Document:
    contact_id = str(person.pk)
    return {
        "id": contact_id,
        "organization_id": person.centre.slug,
        "name": person.name,
        "title": person.role,
        "email": person.email,
        "phones": _phones(f"contact/{contact_id}", person.phone),
        "is_general_contact": person.is_general_contact,
        "counties": [county(c) for c in person.counties.all()],
        "attributes": _attributes("contact", contact_id, topic=person.topics.all()),
        "uri": api_url("contact-detail", id=person.pk),
    }


def organization(centre: Centre) -> Document:
    return {
        "id": centre.slug,
        "name": centre.name,
        "alternate_name": centre.short_name,
        "description": centre.description,
        "email": _text_or_none(centre.email),
        "website": _text_or_none(centre.website),
        "uri": absolute(centre.get_absolute_url()),
        "phones": _phones(f"organization/{centre.slug}", centre.phone),
        "network": centre.network,
        "is_national": centre.is_national,
        "host_organisation": centre.host_organisation,
        "accepts_requests": centre.accepts_requests,
        "catchment": [county(c) for c in centre.catchment.all()],
        "contacts": [contact(person) for person in centre.contacts.all()],
        "attributes": _attributes(
            "organization",
            centre.slug,
            topic=centre.service_areas.all(),
            target_group=centre.target_groups.all(),
        ),
    }


# Offerings --------------------------------------------------------------------------------------


def _location(session: OfferingSession) -> Document | None:
    if session.is_online or session.municipality is None:
        return None
    return {
        "location_type": "physical",
        "name": session.venue,
        "city": session.municipality.name,
        "municipality_number": session.municipality.number,
        "county_number": session.municipality.county.number,
    }


def schedule(session: OfferingSession, service_id: str, link: str) -> Document:
    starts, ends = _local(session.starts_at), _local(session.ends_at)
    return {
        "id": str(session.pk),
        "service_id": service_id,
        "valid_from": starts.date().isoformat(),
        "valid_to": ends.date().isoformat(),
        "dtstart": starts.date().isoformat(),
        "until": ends.date().isoformat(),
        "opens_at": _clock(session.starts_at),
        "closes_at": _clock(session.ends_at),
        "schedule_link": link,
        # The meeting link of an online session is left out: the pages give it to nobody either.
        "attending_type": "online" if session.is_online else "in-person",
        "starts_at": starts.isoformat(),
        "ends_at": ends.isoformat(),
        "status": "cancelled" if session.is_cancelled else "scheduled",
        "location": _location(session),
        "registration_deadline": _date(session.registration_deadline),
        "capacity": session.capacity,
        "places_left": session.places_left,
    }


def _cost_option(offering: Offering, service_id: str) -> Document:
    return {
        "id": f"{service_id}/price",
        "service_id": service_id,
        "currency": CURRENCY,
        "amount": int(offering.price),
        "amount_description": _text_or_none(offering.price_note),
    }


def _service_area(place: County, service_id: str) -> Document:
    return {
        "id": f"{service_id}/{place.number}",
        "service_id": service_id,
        "name": place.full_name,
        "county_number": place.number,
    }


@dataclass(frozen=True)
class ServiceWriter:
    """Writes service documents. Holds every county, for the counties each service is open to
    (read by `OfferingQuerySet.with_open_to` in the same query as the services)."""

    counties: list[County]

    def open_to(self, offering: Offering) -> list[County]:
        return [county for county in self.counties if getattr(offering, f"open_to_{county.pk}")]

    def service(self, offering: Offering) -> Document:
        service_id = str(offering.pk)
        url = absolute(offering.get_absolute_url())
        verified = offering.last_verified_at
        return {
            "id": service_id,
            "organization_id": offering.centre.slug,
            "name": offering.title,
            "summary": offering.summary,
            "description": offering.description,
            "url": url,
            "email": _service_email(offering),
            "status": ACTIVE,
            "fees_description": _fees_description(offering),
            "cost_options": [_cost_option(offering, service_id)],
            "assured_date": _local(verified).date().isoformat() if verified else None,
            "last_modified": _local(offering.updated_at).isoformat(),
            "format": offering.format,
            "registration_url": _text_or_none(offering.registration_url),
            "co_organization_ids": [centre.slug for centre in offering.co_hosts.all()],
            "schedules": [
                schedule(session, service_id, offering.registration_url or url)
                for session in offering.sessions.all()
            ],
            "service_areas": [_service_area(c, service_id) for c in self.open_to(offering)],
            "contacts": [contact(offering.contact)] if _public_contact(offering) else [],
            "attributes": _attributes(
                "service",
                service_id,
                offering_type=[offering.offering_type],
                topic=offering.service_areas.all(),
                target_group=offering.target_groups.all(),
            ),
        }


def _public_contact(offering: Offering) -> bool:
    return offering.contact is not None and offering.contact.is_public


def _service_email(offering: Offering) -> str | None:
    # As the offering page: the contact person if shown publicly, else the centre.
    if _public_contact(offering):
        return offering.contact.email
    return _text_or_none(offering.centre.email)


def _fees_description(offering: Offering) -> str:
    price = "Gratis" if offering.is_free else f"{int(offering.price)} kr"
    return f"{price}. {offering.price_note}" if offering.price_note else price


# The index --------------------------------------------------------------------------------------

ENDPOINTS = ("organizations", "services", "contacts", "taxonomies", "taxonomy_terms")


def index() -> Document:
    return {
        "version": HSDS_VERSION,
        "description": "Open data from Kompetanseportalen: the Norwegian regional and national "
        "competence centres, their public contacts, and their published offerings and "
        "sessions, shaped after Open Referral HSDS 3.",
        "openapi_url": api_url("openapi"),
        "publisher": {"name": "Kompetanseportalen", "website": absolute("/")},
        "endpoints": {name: api_url(name.replace("_", "-") + "-list") for name in ENDPOINTS},
    }
