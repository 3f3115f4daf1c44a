"""The OpenAPI 3.1 description served at `/api/v1/openapi.json`.

Nothing here repeats a document or a filter: the component schemas come from the declarations in
documents.py, and each list's query parameters from the forms and filter sets its view validates
(query_parameters.py). What is written here by hand is what only the API says: the paths, their
summaries, and notes on parameters that the pages' labels leave unsaid.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings

from centres.filters import CentreFilter
from offerings.filters import OfferingFilter

from . import documents
from .declarations import Document, components
from .parameters import OrganizationForm, PageForm, TaxonomyForm
from .query_parameters import Readable, query_parameters
from .schemas import STRING, Schema, ref

# Notes on parameters, by list and parameter name: optional, so a filter added to a page is
# described from its label alone. (A test keeps every note on a parameter the list has.)
TOPIC = (
    "A parent topic includes its children. The slugs are listed at "
    "/taxonomy_terms/?taxonomy_id=topic."
)
TARGET_GROUP = "The slugs are listed at /taxonomy_terms/?taxonomy_id=target-group."
TEXT_SEARCH = "Free text: each word must begin a word of the entry, so `rus` finds `rusmidler`."
ORGANIZATION_NOTES = {
    "q": TEXT_SEARCH,
    "region": "Centres covering a county of this region.",
    "county": "Centres covering this county (national ones too).",
    "topic": TOPIC,
    "target_group": TARGET_GROUP,
}
SERVICE_NOTES = {
    "q": TEXT_SEARCH,
    "municipality": "A four-digit number or a name: services open to it (its county lies in the "
    "service's eligible area), or held in it with `held`.",
    "county": "Services open to it, or held in it with `held`.",
    "region": "Services open to one of its counties, or held in it with `held`. Use only one of "
    "municipality, county and region.",
    "held": "How far around the chosen place a session must be held: in the municipality, "
    "its county or its region.",
    "topic": TOPIC,
    "target_group": TARGET_GROUP,
    "type": "The slugs are listed at /taxonomy_terms/?taxonomy_id=offering-type.",
    "format": "How it is given (not HSDS's response format).",
    "from": "Only services with a session on or after this day.",
    "to": "Only services with a session on or before this day.",
    "organization_id": "Services a centre hosts or co-hosts.",
}
CONTACT_NOTES = {"organization_id": "Contacts of this centre."}


def _json(description: str, schema: Schema) -> Schema:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


NOT_MODIFIED = {"description": "Not modified: the ETag still holds."}


def list_operation(
    page: Document, summary: str, *readables: Readable, notes: Mapping[str, str] | None = None
) -> Schema:
    """A list's GET: paging and then `readables`, the forms and filter sets its view checks."""
    entity = page.name.removesuffix("Page")
    parameters = [
        parameter
        for readable in (PageForm, *readables)
        for parameter in query_parameters(readable, notes or {})
    ]
    return {
        "get": {
            "summary": summary,
            "operationId": f"list{entity}s",
            "parameters": parameters,
            "responses": {
                "200": _json(f"A page of {entity} entries.", page.reference()),
                "304": NOT_MODIFIED,
                "400": _json("A parameter is malformed or unknown.", ref("Errors")),
                "404": _json("The page is past the last one.", ref("Errors")),
            },
        }
    }


def detail_operation(document: Document, id_description: str) -> Schema:
    entity = document.name
    return {
        "get": {
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
                "200": _json(f"The {entity}.", document.reference()),
                "304": NOT_MODIFIED,
                "404": _json(f"No such {entity}.", ref("Errors")),
            },
        }
    }


def _paths() -> dict[str, Schema]:
    return {
        "/": {
            "get": {
                "summary": "What this API is and where its endpoints are.",
                "operationId": "getIndex",
                "responses": {
                    "200": _json("The index.", documents.INDEX.reference()),
                    "304": NOT_MODIFIED,
                },
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
        "/organizations/": list_operation(
            documents.ORGANIZATION_PAGE,
            "Centres, as the centre list filters them.",
            CentreFilter,
            notes=ORGANIZATION_NOTES,
        ),
        "/organizations/{id}/": detail_operation(documents.ORGANIZATION, "The centre's slug."),
        "/services/": list_operation(
            documents.SERVICE_PAGE,
            "Published offerings as the calendar (/tilbud/) lists them: those with a session "
            "still to come (in the period, with from/to) by their next date, then those without "
            "dates.",
            OfferingFilter,
            OrganizationForm,
            notes=SERVICE_NOTES,
        ),
        "/services/{id}/": detail_operation(
            documents.SERVICE, "The offering's number; drafts and withdrawn offerings are 404."
        ),
        "/contacts/": list_operation(
            documents.CONTACT_PAGE,
            "The contact persons the centres show publicly.",
            OrganizationForm,
            notes=CONTACT_NOTES,
        ),
        "/contacts/{id}/": detail_operation(documents.CONTACT, "The contact's number."),
        "/taxonomies/": list_operation(documents.TAXONOMY_PAGE, "The vocabularies."),
        "/taxonomies/{id}/": detail_operation(
            documents.TAXONOMY, "topic, target-group or offering-type."
        ),
        "/taxonomy_terms/": list_operation(
            documents.TAXONOMY_TERM_PAGE,
            "Topics, target groups and offering types.",
            TaxonomyForm,
        ),
        "/taxonomy_terms/{id}/": detail_operation(documents.TAXONOMY_TERM, "The term's slug."),
    }


def openapi_description() -> Schema:
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Kompetanseportalen open data",
            "version": "1.0.0",
            "summary": "Centres, contacts, offerings and vocabularies after HSDS "
            f"{documents.HSDS_VERSION}.",
            "description": "Read-only (GET and HEAD; other methods answer 405). Responses carry "
            "an ETag and Cache-Control: public, max-age=300, and answer 304 to If-None-Match. "
            'Errors are JSON: {"errors": {parameter: [messages]}}. '
            "Filter parameters are those of the portal's pages; an invalid value is a 400.",
        },
        "servers": [{"url": f"{settings.SITE_URL}/api/v1"}],
        "paths": _paths(),
        "components": {"schemas": _schemas()},
    }


def _schemas() -> dict[str, Schema]:
    # Every document the endpoints answer with, and every document inside them.
    return components(
        documents.INDEX,
        documents.ERRORS,
        documents.ORGANIZATION_PAGE,
        documents.SERVICE_PAGE,
        documents.CONTACT_PAGE,
        documents.TAXONOMY_PAGE,
        documents.TAXONOMY_TERM_PAGE,
    )
