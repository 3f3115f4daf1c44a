from itertools import groupby

from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from offerings.models import Offering
from portal.core.http import query_without_empty_values
from portal.core.query_values import is_slug

from .choices import DocumentKind
from .coverage import TopicVocabulary, public_contacts, responsible_contact
from .documents import download_name
from .filters import CentreFilter
from .models import Centre, CentreDocument, ContactPerson, County, Forum, Region
from .remembered import remembered_municipality

UPCOMING_ON_CENTRE_PAGE = 10
JOINT_ON_FORUM_PAGE = 10
UPCOMING_ON_FORUM_PAGE = 20


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


def _your_contact(request: HttpRequest, centre: Centre, municipality) -> ContactPerson | None:
    """The person the finder named for the remembered municipality and the topic in the link."""
    if municipality is None:
        return None
    slug = request.GET.get("topic", "")
    vocabulary = TopicVocabulary()
    topics = [topic for topic in vocabulary.topics if topic.slug == slug] if is_slug(slug) else []
    return responsible_contact(centre, municipality, topics, vocabulary=vocabulary)


def centre_detail(request: HttpRequest, slug: str) -> HttpResponse:
    centre = get_object_or_404(
        _with_catchment_regions(Centre.objects).prefetch_related(
            "service_areas",
            "target_groups",
            Prefetch("contacts", queryset=public_contacts()),
            Prefetch("documents", queryset=CentreDocument.objects.order_by("-year", "title")),
            "forums",
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
    remembered = remembered_municipality(request)
    response = render(
        request,
        "centres/centre_detail.html",
        {
            "remembered": remembered,
            "your_contact": _your_contact(request, centre, remembered),
            "centre": centre,
            "catchment_by_region": catchment_by_region,
            "upcoming_offerings": dated,
            "on_request_offerings": undated,
            "documents_by_kind": _documents_by_kind(centre.documents.all()),
        },
    )
    # The feed links follow the finder's municipality cookie.
    patch_vary_headers(response, ["Cookie"])
    return response


def _documents_by_kind(documents) -> list[tuple[str, list[CentreDocument]]]:
    """Grant letters, then annual reports, then strategies (the order of `Kind`), each newest
    year first as fetched; kinds without documents are left out."""
    by_kind: dict[str, list[CentreDocument]] = {}
    for document in documents:
        by_kind.setdefault(document.kind, []).append(document)
    return [(label, by_kind[kind]) for kind, label in DocumentKind.choices if kind in by_kind]


@require_safe
def centre_document(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """A published document as a download. The slug must be the document's own centre, so a
    document id is not reachable under another centre's address."""
    document = get_object_or_404(CentreDocument, pk=pk, centre__slug=slug)
    try:
        handle = document.file.storage.open(document.file.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(title=document.title, year=document.year),
        content_type="application/pdf",
    )
    # Never let a browser guess another type from the bytes, whatever was uploaded.
    response["X-Content-Type-Options"] = "nosniff"
    # Should a browser ever render it anyway, the file runs in a sandbox, not as our site.
    response["Content-Security-Policy"] = "sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


def forum_list(request: HttpRequest) -> HttpResponse:
    forums = Forum.objects.select_related("region").prefetch_related("member_centres", "offices")
    return render(request, "centres/forum_list.html", {"forums": forums})


def forum_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A forum, its members and their coming offerings.

    The member centres are regional centres of the forum's region, so "their offerings" are
    already the region's: no further place filter. Offerings listed are published, with a
    coming session (on-request offerings are on each centre's page), by a member centre as
    organiser or co-host. "Joint" ones are organised by a member with another member co-hosting.
    """
    forum = get_object_or_404(
        Forum.objects.select_related("region").prefetch_related("member_centres", "offices"),
        slug=slug,
    )
    member_ids = [centre.pk for centre in forum.member_centres.all()]
    upcoming = (
        Offering.objects.published()
        .by_centre_or_co_host(member_ids)
        .in_calendar()
        .filter(next_starts_at__isnull=False)
        .with_card_data()
    )
    co_hosted_by_members = Offering.co_hosts.through.objects.filter(centre_id__in=member_ids)
    joint = upcoming.filter(
        centre_id__in=member_ids, pk__in=co_hosted_by_members.values("offering_id")
    )
    return render(
        request,
        "centres/forum_detail.html",
        {
            "forum": forum,
            "joint_offerings": list(joint[:JOINT_ON_FORUM_PAGE]),
            "upcoming_offerings": list(upcoming[:UPCOMING_ON_FORUM_PAGE]),
            "upcoming_limit": UPCOMING_ON_FORUM_PAGE,
        },
    )
