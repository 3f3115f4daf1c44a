from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from centres.models import Municipality
from portal.core.http import query_without_empty_values

from . import feeds
from .filters import OfferingFilter
from .models import Offering, OfferingSession
from .querysets import OfferingQuerySet, OfferingSessionQuerySet

PAGE_SIZE = 20


def offering_list(request: HttpRequest) -> HttpResponse:
    if cleaned := query_without_empty_values(request):
        return redirect(cleaned)
    filterset = OfferingFilter(request.GET, queryset=Offering.objects.published())
    valid = filterset.is_valid()
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page")) if valid else None
    return render(
        request,
        "offerings/offering_list.html",
        {
            "filter": filterset,
            "form_is_valid": valid,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(
                page.number, on_each_side=2, on_ends=1
            )
            if page
            else [],
            "ellipsis": Paginator.ELLIPSIS,
            "municipalities": Municipality.objects.only("name", "number"),
        },
    )


def offering_page_queryset() -> OfferingQuerySet:
    return Offering.objects.select_related("centre", "offering_type", "contact").prefetch_related(
        Prefetch(
            "sessions",
            queryset=OfferingSession.objects.select_related("municipality__county"),
        ),
        "co_hosts",
        "service_areas",
        "target_groups",
        "eligible_counties",
    )


def offering_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    offering = get_object_or_404(offering_page_queryset().published(), pk=pk)
    if slug != offering.slug:
        return redirect(offering, permanent=True)
    return render_offering_page(request, offering)


def render_offering_page(
    request: HttpRequest, offering: Offering, *, preview_of_status: str = ""
) -> HttpResponse:
    """The public page; the back-office shows unpublished offerings on it as a preview."""
    now = timezone.now()
    sessions = list(offering.sessions.all())
    upcoming = [s for s in sessions if s.starts_at >= now]
    return render(
        request,
        "offerings/offering_detail.html",
        {
            "offering": offering,
            "preview_of_status": preview_of_status,
            "course_json_ld": feeds.course_json_ld(offering, upcoming, request),
            "upcoming_sessions": upcoming,
            "past_sessions": [s for s in sessions if s.starts_at < now],
            "registration_open": not sessions
            or any(not (s.registration_closed or s.is_full) for s in sessions),
        },
    )


def offering_calendar(request: HttpRequest) -> HttpResponse:
    """The filtered list as an iCalendar subscription: one event per session."""
    try:
        filterset = feeds.valid_filterset(feeds.SubscriptionFilter, request.GET)
    except feeds.InvalidFilter as invalid:
        return feeds.invalid_filter_response(invalid.filterset)
    calendar = feeds.subscription_calendar(filterset, request)
    return feeds.calendar_response(calendar, feeds.CALENDAR_FILENAME)


def published_session_queryset(offering_pk: int) -> OfferingSessionQuerySet:
    return feeds.with_calendar_data(
        OfferingSession.objects.filter(
            offering__in=Offering.objects.published().filter(pk=offering_pk)
        )
    )


def session_calendar(request: HttpRequest, pk: int, slug: str, session_pk: int) -> HttpResponse:
    """One session of a published offering as a calendar file ("Add to calendar")."""
    session = get_object_or_404(published_session_queryset(pk), pk=session_pk)
    if slug != session.offering.slug:
        return redirect(
            "offerings:session-calendar", pk=pk, slug=session.offering.slug, session_pk=session_pk
        )
    calendar = feeds.session_calendar(session, request)
    return feeds.calendar_response(calendar, feeds.session_filename(session))
