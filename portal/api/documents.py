"""The JSON documents of the API, shaped after Open Referral HSDS 3, each declared once.

Each declaration below both builds its document (`SERVICE.build(...)`) and describes it in
openapi.json (see declarations.py). HSDS field names are used where they fit; the portal's own
facts that HSDS has no field for are added under plain names (listed as extensions in the
descriptions). Names of vocabulary terms are the Bokmål ones, with all three languages under
`names`, so that a document does not change with the reader's language and one ETag serves
everyone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from centres.choices import Network
from centres.models import Centre, ServiceArea
from offerings.choices import OfferingFormat
from offerings.models import Offering, OfferingSession

from .declarations import Document, Field, constant, many, one
from .schemas import (
    BOOLEAN,
    COUNTY_NUMBER,
    DATE,
    DATE_TIME,
    EMAIL,
    INTEGER,
    MUNICIPALITY_NUMBER,
    STRING,
    TEXT_OR_NULL,
    URI,
    Schema,
    array_of,
    nullable,
    one_of,
)
from .sources import InTaxonomy, Link, OpenCounty, Phone, ServiceSource, Term

HSDS_VERSION = "3.0"
TERM_LANGUAGE = "nb"
# Offerings are only ever shown when published, which HSDS calls "active".
ACTIVE = "active"
CURRENCY = "NOK"
# opens_at/closes_at: HH:MM with the UTC offset, as HSDS wants opening times ("09:00+02:00").
CLOCK: Schema = {
    "type": "string",
    "pattern": "^[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})$",
}


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
TAXONOMY_ID = one_of(*TAXONOMIES)


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def api_url(name: str, **kwargs: Any) -> str:
    return absolute(reverse(f"api:{name}", kwargs=kwargs or None))


def _text_or_none(value: str) -> str | None:
    return value or None


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment)


def _day(moment: datetime) -> str:
    return _local(moment).date().isoformat()


def _date(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _clock(moment: datetime) -> str:
    return _local(moment).isoformat(timespec="minutes").split("T", 1)[1]


def _phones(owner_id: str, number: str) -> list[Phone]:
    return [Phone(owner_id, number)] if number else []


def _links(entity: str, link_id: str, **terms: Iterable[Term]) -> list[Link]:
    """A link for each term; keyword names are taxonomy ids with `_` for `-`."""
    return [
        Link(entity, link_id, name.replace("_", "-"), term)
        for name, group in terms.items()
        for term in group
    ]


# Vocabularies -----------------------------------------------------------------------------------

TAXONOMY = Document(
    "Taxonomy",
    "One of the portal's three vocabularies.",
    Field("id", TAXONOMY_ID, "id"),
    Field("name", STRING, "name"),
    Field("description", STRING, "description"),
    Field("uri", URI, lambda taxonomy: api_url("taxonomy-detail", id=taxonomy.id)),
)

NAMES = Document(
    "Names",
    "The name in Bokmål, Nynorsk and English.",
    Field("nb", STRING, "name_nb"),
    Field("nn", STRING, "name_nn"),
    Field("en", STRING, "name_en"),
    inline=True,
)


def _parent_slug(term: Term) -> str | None:
    parent = term.parent if isinstance(term, ServiceArea) else None
    return parent.slug if parent else None


TAXONOMY_TERM = Document(
    "TaxonomyTerm",
    "A topic, target group or offering type. `id` and `code` are its stable slug, the one the "
    "filter parameters take.",
    Field("id", STRING, "term.slug"),
    Field("code", STRING, "term.slug"),
    Field("name", STRING, "term.name_nb", "The Bokmål name."),
    one("names", NAMES, "term"),
    Field(
        "parent_id",
        TEXT_OR_NULL,
        lambda entry: _parent_slug(entry.term),
        "The parent topic's id; topics only.",
    ),
    Field("taxonomy", STRING, "taxonomy_id"),
    Field("taxonomy_id", TAXONOMY_ID, "taxonomy_id"),
    Field("language", STRING, constant(TERM_LANGUAGE)),
    Field("term_uri", URI, lambda entry: api_url("taxonomy-term-detail", id=entry.term.slug)),
)

ATTRIBUTE = Document(
    "Attribute",
    "Links an organization, service or contact to a taxonomy term.",
    Field(
        "id",
        STRING,
        lambda link: f"{link.entity}/{link.link_id}/{link.taxonomy_id}/{link.term.slug}",
    ),
    Field("link_id", STRING, "link_id"),
    Field("link_type", TAXONOMY_ID, "taxonomy_id"),
    Field("link_entity", one_of("organization", "service", "contact"), "entity"),
    Field("taxonomy_term_id", STRING, "term.slug"),
    one("taxonomy_term", TAXONOMY_TERM, lambda link: InTaxonomy(link.taxonomy_id, link.term)),
)


# Places and people ------------------------------------------------------------------------------

PHONE = Document(
    "Phone",
    "A telephone number.",
    Field("id", STRING, lambda phone: f"{phone.owner_id}/phone"),
    Field("number", STRING, "number"),
)

COUNTY = Document(
    "County",
    "A county (fylke) by its two-digit SSB number.",
    Field("county_number", COUNTY_NUMBER, "number"),
    Field("name", STRING, "full_name"),
)

CONTACT = Document(
    "Contact",
    "A person a centre names publicly as a contact. Extensions: `is_general_contact`, "
    "`counties` (the counties they answer for; empty means the whole catchment), `uri`.",
    Field("id", STRING, lambda person: str(person.pk)),
    Field("organization_id", STRING, "centre.slug"),
    Field("name", STRING, "name"),
    Field("title", STRING, "role", "Their role."),
    Field("email", EMAIL, "email"),
    many("phones", PHONE, lambda person: _phones(f"contact/{person.pk}", person.phone)),
    Field("is_general_contact", BOOLEAN, "is_general_contact"),
    many("counties", COUNTY, lambda person: person.counties.all()),
    many(
        "attributes",
        ATTRIBUTE,
        lambda person: _links("contact", str(person.pk), topic=person.topics.all()),
    ),
    Field("uri", URI, lambda person: api_url("contact-detail", id=person.pk)),
)


def _centre_links(centre: Centre) -> list[Link]:
    return _links(
        "organization",
        centre.slug,
        topic=centre.service_areas.all(),
        target_group=centre.target_groups.all(),
    )


ORGANIZATION = Document(
    "Organization",
    "A competence centre. `id` is its slug; `alternate_name` its short name; `uri` its page in "
    "the portal. Extensions: `network`, `is_national`, `host_organisation`, `accepts_requests`, "
    "`catchment` (empty for national centres, which serve every county).",
    Field("id", STRING, "slug"),
    Field("name", STRING, "name"),
    Field("alternate_name", STRING, "short_name"),
    Field("description", STRING, "description"),
    Field("email", nullable(EMAIL), lambda centre: _text_or_none(centre.email)),
    Field("website", nullable(URI), lambda centre: _text_or_none(centre.website)),
    Field("uri", URI, lambda centre: absolute(centre.get_absolute_url())),
    many("phones", PHONE, lambda centre: _phones(f"organization/{centre.slug}", centre.phone)),
    Field("network", one_of(*Network.values), "network"),
    Field("is_national", BOOLEAN, "is_national"),
    Field("host_organisation", STRING, "host_organisation"),
    Field("accepts_requests", BOOLEAN, "accepts_requests"),
    many("catchment", COUNTY, lambda centre: centre.catchment.all()),
    many("contacts", CONTACT, lambda centre: centre.contacts.all()),
    many("attributes", ATTRIBUTE, _centre_links),
)


# Offerings --------------------------------------------------------------------------------------

LOCATION = Document(
    "Location",
    "Where a session is held in person.",
    Field("location_type", one_of("physical"), constant("physical")),
    Field("name", STRING, "venue", "The venue."),
    Field("city", STRING, "municipality.name", "The municipality's name."),
    Field("municipality_number", MUNICIPALITY_NUMBER, "municipality.number"),
    Field("county_number", COUNTY_NUMBER, "municipality.county.number"),
)


def _held_in_a_room(session: OfferingSession) -> OfferingSession | None:
    return None if session.is_online or session.municipality is None else session


def _registration_or_page(offering: Offering) -> str:
    return offering.registration_url or absolute(offering.get_absolute_url())


# A session reads its offering through `session.offering`, which the sessions' prefetch in
# queries.services fills in without a query of its own.
SCHEDULE = Document(
    "Schedule",
    "One dated session of a service. HSDS dates and times are local (Europe/Oslo), "
    "`opens_at`/`closes_at` with their UTC offset. Extensions: `starts_at`, `ends_at`, "
    "`status`, `location` (null online), `registration_deadline`, `capacity`, `places_left`.",
    Field("id", STRING, lambda session: str(session.pk)),
    Field("service_id", STRING, lambda session: str(session.offering_id)),
    Field("valid_from", DATE, lambda session: _day(session.starts_at)),
    Field("valid_to", DATE, lambda session: _day(session.ends_at)),
    Field("dtstart", DATE, lambda session: _day(session.starts_at)),
    Field("until", DATE, lambda session: _day(session.ends_at)),
    Field("opens_at", CLOCK, lambda session: _clock(session.starts_at)),
    Field("closes_at", CLOCK, lambda session: _clock(session.ends_at)),
    Field(
        "schedule_link",
        URI,
        lambda session: _registration_or_page(session.offering),
        "Where to register, or else the offering's page.",
    ),
    # The meeting link of an online session is left out: the pages give it to nobody either.
    Field(
        "attending_type",
        one_of("in-person", "online"),
        lambda session: "online" if session.is_online else "in-person",
    ),
    Field("starts_at", DATE_TIME, lambda session: _local(session.starts_at).isoformat()),
    Field("ends_at", DATE_TIME, lambda session: _local(session.ends_at).isoformat()),
    Field(
        "status",
        one_of("scheduled", "cancelled"),
        lambda session: "cancelled" if session.is_cancelled else "scheduled",
    ),
    one("location", LOCATION, _held_in_a_room, optional=True),
    Field(
        "registration_deadline",
        nullable(DATE),
        lambda session: _date(session.registration_deadline),
    ),
    Field("capacity", nullable(INTEGER), "capacity"),
    Field("places_left", nullable(INTEGER), "places_left"),
)

SERVICE_AREA = Document(
    "ServiceArea",
    "A county the service is open to. Extension: `county_number`.",
    Field("id", STRING, lambda area: f"{area.service_id}/{area.county.number}"),
    Field("service_id", STRING, "service_id"),
    Field("name", STRING, "county.full_name"),
    Field("county_number", COUNTY_NUMBER, "county.number"),
)

COST_OPTION = Document(
    "CostOption",
    "The price; an amount of 0 means free of charge.",
    Field("id", STRING, lambda offering: f"{offering.pk}/price"),
    Field("service_id", STRING, lambda offering: str(offering.pk)),
    Field("currency", one_of(CURRENCY), constant(CURRENCY)),
    Field("amount", {"type": "integer", "minimum": 0}, lambda offering: int(offering.price)),
    Field("amount_description", TEXT_OR_NULL, lambda offering: offering.price_note or None),
)


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


def _assured_date(offering: Offering) -> str | None:
    verified = offering.last_verified_at
    return _day(verified) if verified else None


def _open_counties(service: ServiceSource) -> list[OpenCounty]:
    return [OpenCounty(str(service.offering.pk), county) for county in service.open_to]


def _offering_links(offering: Offering) -> list[Link]:
    return _links(
        "service",
        str(offering.pk),
        offering_type=[offering.offering_type],
        topic=offering.service_areas.all(),
        target_group=offering.target_groups.all(),
    )


SERVICE = Document(
    "Service",
    "A published offering (course, supervision, network ...). `organization_id` is the hosting "
    "centre; `url` the offering's page; `email` its public contact. Extensions: `summary`, "
    "`format`, `registration_url`, `co_organization_ids` (co-hosting centres). `service_areas` "
    "are the counties one can take part from, as the `county` filter reads it; `attributes` "
    "carry its type, topics and target groups.",
    Field("id", STRING, lambda service: str(service.offering.pk)),
    Field("organization_id", STRING, "offering.centre.slug"),
    Field("name", STRING, "offering.title"),
    Field("summary", STRING, "offering.summary"),
    Field("description", STRING, "offering.description"),
    Field("url", URI, lambda service: absolute(service.offering.get_absolute_url())),
    Field("email", nullable(EMAIL), lambda service: _service_email(service.offering)),
    Field("status", one_of(ACTIVE), constant(ACTIVE)),
    Field("fees_description", STRING, lambda service: _fees_description(service.offering)),
    many("cost_options", COST_OPTION, lambda service: [service.offering]),
    Field(
        "assured_date",
        nullable(DATE),
        lambda service: _assured_date(service.offering),
        "When the centre last confirmed it.",
    ),
    Field(
        "last_modified", DATE_TIME, lambda service: _local(service.offering.updated_at).isoformat()
    ),
    Field("format", one_of(*OfferingFormat.values), "offering.format"),
    Field(
        "registration_url",
        nullable(URI),
        lambda service: _text_or_none(service.offering.registration_url),
    ),
    Field(
        "co_organization_ids",
        array_of(STRING),
        lambda service: [centre.slug for centre in service.offering.co_hosts.all()],
    ),
    many("schedules", SCHEDULE, lambda service: service.offering.sessions.all()),
    many("service_areas", SERVICE_AREA, _open_counties),
    many(
        "contacts",
        CONTACT,
        lambda service: [service.offering.contact] if _public_contact(service.offering) else [],
    ),
    many("attributes", ATTRIBUTE, lambda service: _offering_links(service.offering)),
)


# Pages, the index and errors --------------------------------------------------------------------


def paged(document: Document) -> Document:
    """HSDS's page envelope around `document`, built from a `sources.Listing`."""
    return Document(
        f"{document.name}Page",
        f"One page of {document.name} entries (HSDS page envelope).",
        Field(
            "total_items", INTEGER, "page.paginator.count", "How many entries match, on all pages."
        ),
        Field(
            "total_pages",
            INTEGER,
            "page.paginator.num_pages",
            "How many pages there are (1 when nothing matches).",
        ),
        Field("page_number", INTEGER, "page.number", "The number of this page, from 1."),
        Field(
            "size",
            INTEGER,
            lambda listing: len(listing.entries),
            "How many entries this page holds.",
        ),
        Field("first_page", BOOLEAN, lambda listing: not listing.page.has_previous()),
        Field("last_page", BOOLEAN, lambda listing: not listing.page.has_next()),
        Field(
            "empty",
            BOOLEAN,
            lambda listing: listing.page.paginator.count == 0,
            "True when nothing matches.",
        ),
        many("contents", document, "entries"),
    )


ORGANIZATION_PAGE = paged(ORGANIZATION)
SERVICE_PAGE = paged(SERVICE)
CONTACT_PAGE = paged(CONTACT)
TAXONOMY_PAGE = paged(TAXONOMY)
TAXONOMY_TERM_PAGE = paged(TAXONOMY_TERM)

ENDPOINTS = ("organizations", "services", "contacts", "taxonomies", "taxonomy_terms")

PUBLISHER = Document(
    "Publisher",
    "Who publishes the data.",
    Field("name", STRING, constant("Kompetanseportalen")),
    Field("website", URI, lambda _: absolute("/")),
    inline=True,
)

# The index is the same for everyone: it is built from nothing (`INDEX.build(None)`).
INDEX = Document(
    "Index",
    "What this API is and where its endpoints are.",
    Field("version", STRING, constant(HSDS_VERSION), "The HSDS version the documents follow."),
    Field(
        "description",
        STRING,
        constant(
            "Open data from Kompetanseportalen: the Norwegian regional and national competence "
            "centres, their public contacts, and their published offerings and sessions, "
            "shaped after Open Referral HSDS 3."
        ),
    ),
    Field("openapi_url", URI, lambda _: api_url("openapi")),
    one("publisher", PUBLISHER, lambda nothing: nothing),
    Field(
        "endpoints",
        {"type": "object", "additionalProperties": URI},
        lambda _: {name: api_url(name.replace("_", "-") + "-list") for name in ENDPOINTS},
        "Absolute URL of each list endpoint, by name.",
    ),
)

# Built from the messages keyed by parameter (see responses.ApiError).
ERRORS = Document(
    "Errors",
    "What was wrong: messages keyed by the parameter (or `id`, `path`, `method`).",
    Field(
        "errors",
        {"type": "object", "additionalProperties": array_of(STRING)},
        lambda errors: errors,
    ),
)
