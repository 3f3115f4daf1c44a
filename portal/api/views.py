"""Read-only JSON views. Lists take the same filters as the pages they mirror."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse

from centres.filters import CentreFilter
from centres.models import Centre, ContactPerson
from offerings.filters import OfferingFilter
from offerings.models import Offering

from . import documents, queries
from .openapi import openapi_description
from .parameters import OrganizationForm, PageForm, TaxonomyForm, page_of, require_valid
from .responses import ApiError, api_view, cached_json
from .sources import ServiceSource

M = TypeVar("M", bound=Model)


def _found(queryset: QuerySet[M], entity: str, **lookup: object) -> M:
    if found := queryset.filter(**lookup).first():
        return found
    raise ApiError(404, {"id": [f"There is no {entity} with this id."]})


@api_view
def index(request: HttpRequest) -> HttpResponse:
    return cached_json(request, documents.INDEX.build(None))


@api_view
def openapi(request: HttpRequest) -> HttpResponse:
    return cached_json(request, openapi_description())


@api_view
def not_found(request: HttpRequest) -> HttpResponse:
    raise ApiError(404, {"path": ["There is no such endpoint; see the index at /api/v1/."]})


@api_view
def organization_list(request: HttpRequest) -> HttpResponse:
    pages = PageForm(request.GET)
    filterset = CentreFilter(request.GET, queryset=Centre.objects.all())
    require_valid(pages, filterset.form)
    centres = queries.organizations(filterset.qs)
    return cached_json(request, documents.ORGANIZATION_PAGE.build(page_of(pages, centres)))


@api_view
def organization_detail(request: HttpRequest, id: str) -> HttpResponse:
    centre = _found(queries.organizations(Centre.objects.all()), "organization", slug=id)
    return cached_json(request, documents.ORGANIZATION.build(centre))


@api_view
def service_list(request: HttpRequest) -> HttpResponse:
    pages, by_organization = PageForm(request.GET), OrganizationForm(request.GET)
    filterset = OfferingFilter(request.GET, queryset=Offering.objects.published())
    require_valid(pages, by_organization, filterset.form)
    offerings = filterset.qs
    if by_organization.centre:
        offerings = offerings.by_centre_or_co_host([by_organization.centre.pk])
    counties = queries.counties()
    services = queries.services(offerings, counties)
    listing = page_of(pages, services, lambda offering: ServiceSource(offering, counties))
    # No Last-Modified: a service shows its sessions, contact and centre too, whose changes no
    # single date follows; the ETag (a hash of the body) is always exact.
    return cached_json(request, documents.SERVICE_PAGE.build(listing))


@api_view
def service_detail(request: HttpRequest, id: int) -> HttpResponse:
    # Published only: a draft's id answers 404 like an id that never existed.
    counties = queries.counties()
    offering = _found(queries.services(Offering.objects.published(), counties), "service", pk=id)
    return cached_json(request, documents.SERVICE.build(ServiceSource(offering, counties)))


@api_view
def contact_list(request: HttpRequest) -> HttpResponse:
    pages, by_organization = PageForm(request.GET), OrganizationForm(request.GET)
    require_valid(pages, by_organization)
    people = ContactPerson.objects.all()
    if by_organization.centre:
        people = people.filter(centre=by_organization.centre)
    listing = page_of(pages, queries.contacts(people))
    return cached_json(request, documents.CONTACT_PAGE.build(listing))


@api_view
def contact_detail(request: HttpRequest, id: int) -> HttpResponse:
    person = _found(queries.contacts(ContactPerson.objects.all()), "contact", pk=id)
    return cached_json(request, documents.CONTACT.build(person))


@api_view
def taxonomy_list(request: HttpRequest) -> HttpResponse:
    pages = PageForm(request.GET)
    require_valid(pages)
    listing = page_of(pages, list(documents.TAXONOMIES.values()))
    return cached_json(request, documents.TAXONOMY_PAGE.build(listing))


@api_view
def taxonomy_detail(request: HttpRequest, id: str) -> HttpResponse:
    if id not in documents.TAXONOMIES:
        raise ApiError(404, {"id": ["There is no taxonomy with this id."]})
    return cached_json(request, documents.TAXONOMY.build(documents.TAXONOMIES[id]))


@api_view
def taxonomy_term_list(request: HttpRequest) -> HttpResponse:
    pages, by_taxonomy = PageForm(request.GET), TaxonomyForm(request.GET)
    require_valid(pages, by_taxonomy)
    listing = page_of(pages, queries.taxonomy_terms(by_taxonomy.taxonomy_ids))
    return cached_json(request, documents.TAXONOMY_TERM_PAGE.build(listing))


@api_view
def taxonomy_term_detail(request: HttpRequest, id: str) -> HttpResponse:
    found = queries.taxonomy_term(id, tuple(documents.TAXONOMIES))
    if found is None:
        raise ApiError(404, {"id": ["There is no taxonomy term with this id."]})
    return cached_json(request, documents.TAXONOMY_TERM.build(found))
