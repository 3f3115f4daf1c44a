from django.core.paginator import Paginator
from django.db.models import F, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from centres.models import Municipality

from .filters import OfferingFilter
from .models import Offering, OfferingSession

PAGE_SIZE = 20


def offering_list(request: HttpRequest) -> HttpResponse:
    filterset = OfferingFilter(request.GET or None, queryset=Offering.objects.published())
    valid = not filterset.is_bound or filterset.is_valid()
    page = None
    if valid:
        criteria = filterset.form.cleaned_data if filterset.is_bound else {}
        offerings = filterset.qs.in_calendar(criteria.get("from"), criteria.get("to"))
        if criteria.get("q"):
            offerings = offerings.order_by(
                F("search_rank").desc(), F("next_starts_at").asc(nulls_last=True), "pk"
            )
        offerings = offerings.with_listing_data().prefetch_related(
            Prefetch(
                "sessions",
                queryset=OfferingSession.objects.upcoming().select_related("municipality"),
                to_attr="upcoming_sessions",
            )
        )
        page = Paginator(offerings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "offerings/offering_list.html",
        {
            "filter": filterset,
            "form_is_valid": valid,
            "page": page,
            "municipalities": Municipality.objects.only("name", "number"),
        },
    )


def offering_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    offering = get_object_or_404(
        Offering.objects.published()
        .select_related("centre", "offering_type", "contact")
        .prefetch_related(
            Prefetch(
                "sessions",
                queryset=OfferingSession.objects.select_related("municipality__county"),
            ),
            "co_hosts",
            "service_areas",
            "target_groups",
            "eligible_counties",
        ),
        pk=pk,
    )
    if slug != offering.slug:
        return redirect(offering, permanent=True)
    now = timezone.now()
    sessions = list(offering.sessions.all())
    return render(
        request,
        "offerings/offering_detail.html",
        {
            "offering": offering,
            "upcoming_sessions": [s for s in sessions if s.starts_at >= now],
            "past_sessions": [s for s in sessions if s.starts_at < now],
        },
    )
