"""The OpenAPI 3.1 description served at `/api/v1/openapi.json`.

Every object schema lists all its properties as required and allows no others, so a field added
to or dropped from a document without updating this file fails the schema test.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from centres.choices import Network, Scale
from offerings.choices import OfferingFormat

from .documents import HSDS_VERSION, TAXONOMIES
from .parameters import DEFAULT_PER_PAGE, MAX_PER_PAGE

Schema = dict[str, Any]

STRING: Schema = {"type": "string"}
TEXT_OR_NULL: Schema = {"type": ["string", "null"]}
BOOLEAN: Schema = {"type": "boolean"}
INTEGER: Schema = {"type": "integer"}
URI: Schema = {"type": "string", "format": "uri"}
DATE: Schema = {"type": "string", "format": "date"}
DATE_TIME: Schema = {"type": "string", "format": "date-time"}
EMAIL: Schema = {"type": "string", "format": "email"}


def _nullable(schema: Schema) -> Schema:
    return {**schema, "type": [schema["type"], "null"]}


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def array_of(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def closed_object(description: str, /, **properties: Schema) -> Schema:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _described(schema: Schema, description: str) -> Schema:
    return {**schema, "description": description}


# Documents --------------------------------------------------------------------------------------

PAGE_FIELDS: dict[str, Schema] = {
    "total_items": _described(INTEGER, "How many entries match, on all pages."),
    "total_pages": _described(INTEGER, "How many pages there are (1 when nothing matches)."),
    "page_number": _described(INTEGER, "The number of this page, from 1."),
    "size": _described(INTEGER, "How many entries this page holds."),
    "first_page": BOOLEAN,
    "last_page": BOOLEAN,
    "empty": _described(BOOLEAN, "True when nothing matches."),
}


def page(item: str) -> Schema:
    return closed_object(
        f"One page of {item} entries (HSDS page envelope).",
        **PAGE_FIELDS,
        contents=array_of(ref(item)),
    )


SCHEMAS: dict[str, Schema] = {
    "Index": closed_object(
        "What this API is and where its endpoints are.",
        version=_described(STRING, "The HSDS version the documents follow."),
        description=STRING,
        openapi_url=URI,
        publisher=closed_object("Who publishes the data.", name=STRING, website=URI),
        endpoints={
            "type": "object",
            "description": "Absolute URL of each list endpoint, by name.",
            "additionalProperties": URI,
        },
    ),
    "Errors": closed_object(
        "What was wrong: messages keyed by the parameter (or `id`, `path`, `method`).",
        errors={"type": "object", "additionalProperties": array_of(STRING)},
    ),
    "Phone": closed_object("A telephone number.", id=STRING, number=STRING),
    "County": closed_object(
        "A county (fylke) by its two-digit SSB number.",
        county_number={"type": "string", "pattern": "^[0-9]{2}$"},
        name=STRING,
    ),
    "Taxonomy": closed_object(
        "One of the portal's three vocabularies.",
        id={"type": "string", "enum": list(TAXONOMIES)},
        name=STRING,
        description=STRING,
        uri=URI,
    ),
    "TaxonomyTerm": closed_object(
        "A topic, target group or offering type. `id` and `code` are its stable slug, the one "
        "the filter parameters take.",
        id=STRING,
        code=STRING,
        name=_described(STRING, "The Bokmål name."),
        names=closed_object(
            "The name in Bokmål, Nynorsk and English.", nb=STRING, nn=STRING, en=STRING
        ),
        parent_id=_described(TEXT_OR_NULL, "The parent topic's id; topics only."),
        taxonomy=STRING,
        taxonomy_id={"type": "string", "enum": list(TAXONOMIES)},
        language=STRING,
        term_uri=URI,
    ),
    "Attribute": closed_object(
        "Links an organization, service or contact to a taxonomy term.",
        id=STRING,
        link_id=STRING,
        link_type={"type": "string", "enum": list(TAXONOMIES)},
        link_entity={"type": "string", "enum": ["organization", "service", "contact"]},
        taxonomy_term_id=STRING,
        taxonomy_term=ref("TaxonomyTerm"),
    ),
    "Contact": closed_object(
        "A person a centre names publicly as a contact. Extensions: `is_general_contact`, "
        "`counties` (the counties they answer for; empty means the whole catchment), `uri`.",
        id=STRING,
        organization_id=STRING,
        name=STRING,
        title=_described(STRING, "Their role."),
        email=EMAIL,
        phones=array_of(ref("Phone")),
        is_general_contact=BOOLEAN,
        counties=array_of(ref("County")),
        attributes=array_of(ref("Attribute")),
        uri=URI,
    ),
    "Organization": closed_object(
        "A competence centre. `id` is its slug; `alternate_name` its short name; `uri` its page "
        "in the portal. Extensions: `network`, `is_national`, `host_organisation`, "
        "`accepts_requests`, `catchment` (empty for national centres, which serve every county).",
        id=STRING,
        name=STRING,
        alternate_name=STRING,
        description=STRING,
        email=_nullable(EMAIL),
        website=_nullable(URI),
        uri=URI,
        phones=array_of(ref("Phone")),
        network={"type": "string", "enum": list(Network.values)},
        is_national=BOOLEAN,
        host_organisation=STRING,
        accepts_requests=BOOLEAN,
        catchment=array_of(ref("County")),
        contacts=array_of(ref("Contact")),
        attributes=array_of(ref("Attribute")),
    ),
    "Location": closed_object(
        "Where a session is held in person.",
        location_type={"type": "string", "enum": ["physical"]},
        name=_described(STRING, "The venue."),
        city=_described(STRING, "The municipality's name."),
        municipality_number={"type": "string", "pattern": "^[0-9]{4}$"},
        county_number={"type": "string", "pattern": "^[0-9]{2}$"},
    ),
    "Schedule": closed_object(
        "One dated session of a service. HSDS dates and times are local (Europe/Oslo), "
        "`opens_at`/`closes_at` with their UTC offset. Extensions: `starts_at`, `ends_at`, "
        "`status`, `location` (null online), `registration_deadline`, `capacity`, "
        "`places_left`.",
        id=STRING,
        service_id=STRING,
        valid_from=DATE,
        valid_to=DATE,
        dtstart=DATE,
        until=DATE,
        opens_at={"type": "string", "pattern": "^[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})$"},
        closes_at={"type": "string", "pattern": "^[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})$"},
        schedule_link=_described(URI, "Where to register, or else the offering's page."),
        attending_type={"type": "string", "enum": ["in-person", "online"]},
        starts_at=DATE_TIME,
        ends_at=DATE_TIME,
        status={"type": "string", "enum": ["scheduled", "cancelled"]},
        location={"oneOf": [ref("Location"), {"type": "null"}]},
        registration_deadline=_nullable(DATE),
        capacity=_nullable(INTEGER),
        places_left=_nullable(INTEGER),
    ),
    "ServiceArea": closed_object(
        "A county the service is open to. Extension: `county_number`.",
        id=STRING,
        service_id=STRING,
        name=STRING,
        county_number={"type": "string", "pattern": "^[0-9]{2}$"},
    ),
    "CostOption": closed_object(
        "The price; an amount of 0 means free of charge.",
        id=STRING,
        service_id=STRING,
        currency={"type": "string", "enum": ["NOK"]},
        amount={"type": "integer", "minimum": 0},
        amount_description=TEXT_OR_NULL,
    ),
    "Service": closed_object(
        "A published offering (course, supervision, network ...). `organization_id` is the "
        "hosting centre; `url` the offering's page; `email` its public contact. Extensions: "
        "`summary`, `format`, `registration_url`, `co_organization_ids` (co-hosting centres). "
        "`service_areas` are the counties one can take part from, as the `county` filter "
        "reads it; `attributes` carry its type, topics and target groups.",
        id=STRING,
        organization_id=STRING,
        name=STRING,
        summary=STRING,
        description=STRING,
        url=URI,
        email=_nullable(EMAIL),
        status={"type": "string", "enum": ["active"]},
        fees_description=STRING,
        cost_options=array_of(ref("CostOption")),
        assured_date=_described(_nullable(DATE), "When the centre last confirmed it."),
        last_modified=DATE_TIME,
        format={"type": "string", "enum": list(OfferingFormat.values)},
        registration_url=_nullable(URI),
        co_organization_ids=array_of(STRING),
        schedules=array_of(ref("Schedule")),
        service_areas=array_of(ref("ServiceArea")),
        contacts=array_of(ref("Contact")),
        attributes=array_of(ref("Attribute")),
    ),
}
for _entity in ("Organization", "Service", "Contact", "Taxonomy", "TaxonomyTerm"):
    SCHEMAS[f"{_entity}Page"] = page(_entity)


# Parameters -------------------------------------------------------------------------------------


def query_parameter(name: str, description: str, schema: Schema | None = None) -> Schema:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or STRING,
    }


PARAMETERS: dict[str, Schema] = {
    "page": query_parameter("page", "The page number, from 1.", {"type": "integer", "minimum": 1}),
    "per_page": query_parameter(
        "per_page",
        f"Entries per page (default {DEFAULT_PER_PAGE}).",
        {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
    ),
    "q": query_parameter("q", "Free-text search; every word must match."),
    "region": query_parameter("region", "A region's slug: nord, midt, vest, sor or ost."),
    "county": query_parameter(
        "county", "A county's two-digit number.", {"type": "string", "pattern": "^[0-9]{2}$"}
    ),
    "topic": query_parameter(
        "topic",
        "The slug of a topic (see /taxonomy_terms/?taxonomy_id=topic); a parent topic includes "
        "its children.",
    ),
    "target_group": query_parameter(
        "target_group",
        "The slug of a target group (see /taxonomy_terms/?taxonomy_id=target-group).",
    ),
    "organization_id": query_parameter("organization_id", "A centre's id (its slug)."),
}
SERVICE_PARAMETERS: dict[str, Schema] = {
    "q": PARAMETERS["q"],
    "municipality": query_parameter(
        "municipality",
        "A municipality's four-digit number or its name: services open to it (its county lies in "
        "the service's eligible area), or held in it with `held`.",
    ),
    "county": _described(
        PARAMETERS["county"],
        "A county's two-digit number: services open to it, or held in it with `held`.",
    ),
    "region": _described(
        PARAMETERS["region"],
        "A region's slug: services open to one of its counties, or held in it with `held`. Use "
        "only one of municipality, county and region.",
    ),
    "held": query_parameter(
        "held",
        "Instead of services open to the chosen place: services with a session in a room in the "
        "municipality, the county or the region around it.",
        {"type": "string", "enum": list(Scale.values)},
    ),
    "topic": PARAMETERS["topic"],
    "target_group": PARAMETERS["target_group"],
    "type": query_parameter(
        "type", "The slug of an offering type (see /taxonomy_terms/?taxonomy_id=offering-type)."
    ),
    "format": query_parameter(
        "format",
        "How it is given (not HSDS's response format).",
        {"type": "string", "enum": list(OfferingFormat.values)},
    ),
    "free": query_parameter("free", "`true` (or `on`) for free offerings only; `false` for all."),
    "from": query_parameter("from", "Only services with a session on or after this day.", DATE),
    "to": query_parameter("to", "Only services with a session on or before this day.", DATE),
    "organization_id": _described(
        PARAMETERS["organization_id"], "Services a centre hosts or co-hosts (its slug)."
    ),
}
ORGANIZATION_PARAMETERS: dict[str, Schema] = {
    "q": PARAMETERS["q"],
    "region": _described(PARAMETERS["region"], "Centres covering a county of this region."),
    "county": _described(PARAMETERS["county"], "Centres covering this county (national ones too)."),
    "topic": PARAMETERS["topic"],
    "target_group": PARAMETERS["target_group"],
    "network": query_parameter(
        "network", "The centre network.", {"type": "string", "enum": list(Network.values)}
    ),
}
CONTACT_PARAMETERS = {"organization_id": PARAMETERS["organization_id"]}
TAXONOMY_TERM_PARAMETERS = {
    "taxonomy_id": query_parameter(
        "taxonomy_id", "Only terms of this taxonomy.", {"type": "string", "enum": list(TAXONOMIES)}
    )
}
# What each list accepts besides page and per_page (tests compare these with the filter sets).
LIST_FILTERS: dict[str, dict[str, Schema]] = {
    "/organizations/": ORGANIZATION_PARAMETERS,
    "/services/": SERVICE_PARAMETERS,
    "/contacts/": CONTACT_PARAMETERS,
    "/taxonomies/": {},
    "/taxonomy_terms/": TAXONOMY_TERM_PARAMETERS,
}


# Operations -------------------------------------------------------------------------------------


def _json(description: str, schema: Schema) -> Schema:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


NOT_MODIFIED = {"description": "Not modified: the ETag still holds."}


def list_operation(path: str, entity: str, summary: str) -> Schema:
    filters = LIST_FILTERS[path]
    return {
        "summary": summary,
        "operationId": f"list{entity}s",
        "parameters": [PARAMETERS["page"], PARAMETERS["per_page"], *filters.values()],
        "responses": {
            "200": _json(f"A page of {entity} entries.", ref(f"{entity}Page")),
            "304": NOT_MODIFIED,
            "400": _json("A parameter is malformed or unknown.", ref("Errors")),
            "404": _json("The page is past the last one.", ref("Errors")),
        },
    }


def detail_operation(entity: str, id_description: str) -> Schema:
    return {
        "summary": f"One {entity}.",
        "operationId": f"get{entity}",
        "parameters": [
            {
                "name": "id",
                "in": "path",
                "required": True,
                "description": id_description,
                "schema": STRING,
            }
        ],
        "responses": {
            "200": _json(f"The {entity}.", ref(entity)),
            "304": NOT_MODIFIED,
            "404": _json(f"No such {entity}.", ref("Errors")),
        },
    }


def _paths() -> dict[str, Schema]:
    return {
        "/": {
            "get": {
                "summary": "What this API is and where its endpoints are.",
                "operationId": "getIndex",
                "responses": {"200": _json("The index.", ref("Index")), "304": NOT_MODIFIED},
            }
        },
        "/openapi.json": {
            "get": {
                "summary": "This description.",
                "operationId": "getOpenAPI",
                "responses": {
                    "200": _json("OpenAPI 3.1.", {"type": "object"}),
                    "304": NOT_MODIFIED,
                },
            }
        },
        "/organizations/": {
            "get": list_operation(
                "/organizations/", "Organization", "Centres, as the centre list filters them."
            )
        },
        "/organizations/{id}/": {"get": detail_operation("Organization", "The centre's slug.")},
        "/services/": {
            "get": list_operation(
                "/services/",
                "Service",
                "Published offerings as the calendar (/tilbud/) lists them: those with a session "
                "still to come (in the period, with from/to) by their next date, then those "
                "without dates.",
            )
        },
        "/services/{id}/": {
            "get": detail_operation(
                "Service", "The offering's number; drafts and withdrawn offerings are 404."
            )
        },
        "/contacts/": {
            "get": list_operation(
                "/contacts/", "Contact", "The contact persons the centres show publicly."
            )
        },
        "/contacts/{id}/": {"get": detail_operation("Contact", "The contact's number.")},
        "/taxonomies/": {"get": list_operation("/taxonomies/", "Taxonomy", "The vocabularies.")},
        "/taxonomies/{id}/": {
            "get": detail_operation("Taxonomy", "topic, target-group or offering-type.")
        },
        "/taxonomy_terms/": {
            "get": list_operation(
                "/taxonomy_terms/", "TaxonomyTerm", "Topics, target groups and offering types."
            )
        },
        "/taxonomy_terms/{id}/": {"get": detail_operation("TaxonomyTerm", "The term's slug.")},
    }


def openapi_description() -> Schema:
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Kompetanseportalen open data",
            "version": "1.0.0",
            "summary": f"Centres, contacts, offerings and vocabularies after HSDS {HSDS_VERSION}.",
            "description": "Read-only (GET and HEAD; other methods answer 405). Responses carry "
            "an ETag and Cache-Control: public, max-age=300, and answer 304 to If-None-Match. "
            'Errors are JSON: {"errors": {parameter: [messages]}}. '
            "Filter parameters are those of the portal's pages; an invalid value is a 400.",
        },
        "servers": [{"url": f"{settings.SITE_URL}/api/v1"}],
        "paths": _paths(),
        "components": {"schemas": SCHEMAS},
    }
