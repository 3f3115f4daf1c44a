from itertools import groupby

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from offerings.models import Offering
from portal.urls_helpers import query_without_empty_values

from .filters import CentreFilter
from .models import Centre, ContactPerson, County, Region

UPCOMING_ON_CENTRE_PAGE = 10


def _with_catchment_regions(centres):
    return centres.prefetch_related(
        Prefetch("catchment", queryset=County.objects.select_related("region"))
    )


def _regions_to_show(criteria: dict) -> list[Region]:
    """Group under the region asked for (or the county's region), else under every region."""
    if criteria.get("region"):
        return [criteria["region"]]
    if criteria.get("county"):
        return [criteria["county"].region]
    return list(Region.objects.all())


def centre_list(request: HttpRequest) -> HttpResponse:
    if cleaned := query_without_empty_values(request):
        return redirect(cleaned)
    filterset = CentreFilter(
        request.GET,
        queryset=_with_catchment_regions(Centre.objects.prefetch_related("service_areas")),
    )
    valid = filterset.is_valid()
    centres = list(filterset.qs) if valid else []
    national = [centre for centre in centres if centre.is_national]
    by_region = []
    for region in _regions_to_show(filterset.form.cleaned_data) if valid else []:
        members = [
            centre
            for centre in centres
            if not centre.is_national
            and any(county.region_id == region.pk for county in centre.catchment.all())
        ]
        if members:
            by_region.append((region, members))
    return render(
        request,
        "centres/centre_list.html",
        {
            "filter": filterset,
            "form_is_valid": valid,
            "centre_count": len(centres),
            "national_centres": national,
            "centres_by_region": by_region,
        },
    )


def centre_detail(request: HttpRequest, slug: str) -> HttpResponse:
    public_contacts = ContactPerson.objects.public().prefetch_related("topics", "counties")
    centre = get_object_or_404(
        _with_catchment_regions(Centre.objects).prefetch_related(
            "service_areas",
            "target_groups",
            Prefetch("contacts", queryset=public_contacts),
        ),
        slug=slug,
    )
    calendar = (
        Offering.objects.published()
        .by_centre_or_co_host([centre.pk])
        .in_calendar()
        .with_card_data()
    )
    dated = list(calendar.filter(next_starts_at__isnull=False)[:UPCOMING_ON_CENTRE_PAGE])
    undated = list(calendar.filter(next_starts_at__isnull=True))
    catchment_by_region = [
        (region, list(counties))
        for region, counties in groupby(
            sorted(centre.catchment.all(), key=lambda c: (c.region.position, c.number)),
            key=lambda county: county.region,
        )
    ]
    return render(
        request,
        "centres/centre_detail.html",
        {
            "centre": centre,
            "catchment_by_region": catchment_by_region,
            "upcoming_offerings": dated,
            "on_request_offerings": undated,
        },
    )
