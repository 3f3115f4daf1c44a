"""The offerings for other programs: calendar subscriptions (iCalendar), news readers (Atom)
and search engines (schema.org JSON-LD)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.syndication.views import Feed
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.http import content_disposition_header
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from icalendar import Calendar, Event, vDuration

from .choices import OfferingFormat
from .filters import OfferingFilter, chosen_place, held_area
from .models import Offering, OfferingSession
from .querysets import OfferingSessionQuerySet, end_of_day, start_of_day

# UIDs and Atom ids name the portal, not the host that served them, so that a calendar
# subscribed through a test or a renamed host still replaces its events instead of doubling them.
STABLE_DOMAIN = "kompetanseportalen.no"
CALENDAR_TIME_ZONE = ZoneInfo("Europe/Oslo")
PRODID = f"-//Kompetanseportalen//{STABLE_DOMAIN}//NB"
# A subscribed calendar keeps the last month, so a session moved or cancelled just after it was
# meant to start is still updated in the subscribers' calendars.
PAST_DAYS = 30
# Bounds the work one anonymous request can cause; far more than the centres hold in a year.
MAX_EVENTS = 2000
MAX_FEED_ENTRIES = 50
# How often calendar programs should fetch the subscription again.
REFRESH_INTERVAL = timedelta(hours=12)
CALENDAR_FILENAME = "kompetanseportalen.ics"

FILTER_VOCABULARIES = ("topic", "target_group", "type")


class InvalidFilter(Exception):
    def __init__(self, filterset: OfferingFilter) -> None:
        super().__init__("invalid filter")
        self.filterset = filterset


class SubscriptionFilter(OfferingFilter):
    """The list page's filters without its calendar view, which keeps only offerings with a
    coming session: a subscription also carries the past month and cancelled sessions."""

    def filter_queryset(self, queryset):
        # Skips OfferingFilter.filter_queryset (the calendar ordering), keeps every filter.
        filtered = super(OfferingFilter, self).filter_queryset(queryset)
        return self.filter_by_place(filtered, self.form.cleaned_data)


# The metaclass rebuilt the filters from their declarations; keep the public names ("from",
# "to") that OfferingFilter gave its own.
SubscriptionFilter.base_filters = OfferingFilter.base_filters


def valid_filterset(filter_class: type[OfferingFilter], params: QueryDict) -> OfferingFilter:
    filterset = filter_class(params, queryset=Offering.objects.published())
    if not filterset.is_valid():
        raise InvalidFilter(filterset)
    return filterset


def invalid_filter_response(filterset: OfferingFilter) -> HttpResponse:
    """A short plain-text answer: feeds are read by programs, and people read it in a browser."""
    lines = [gettext("The filter is not valid:")]
    for name, messages in filterset.form.errors.items():
        prefix = "" if name == "__all__" else f"{name}: "
        lines.extend(f"{prefix}{message}" for message in messages)
    return HttpResponseBadRequest("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def describe_filter(criteria: dict) -> str:
    """A title naming the filter, e.g. "Offerings open to Time: Substance use"."""
    place = chosen_place(criteria)
    if area := held_area(criteria):
        title = gettext("Offerings held in %(place)s") % {"place": area.place.name}
    elif place:
        title = gettext("Offerings open to %(place)s") % {"place": place.name}
    else:
        title = gettext("Courses and offerings")
    details = [criteria[name].name for name in FILTER_VOCABULARIES if criteria.get(name)]
    if criteria.get("format"):
        details.append(str(OfferingFormat(criteria["format"]).label))
    if criteria.get("free"):
        details.append(gettext("Free"))
    if criteria.get("q"):
        details.append(f"“{criteria['q']}”")
    return f"{title}: {', '.join(details)}" if details else title


def filter_query(params: QueryDict) -> str:
    """The filter's query string, without paging, for links between the list and its feeds."""
    query = params.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else ""


# iCalendar


def with_calendar_data(sessions: OfferingSessionQuerySet) -> OfferingSessionQuerySet:
    """What an event needs, in a fixed number of queries: the offering with its centre and
    topics, and from the change history a revision count (SEQUENCE) and time (LAST-MODIFIED)."""
    session_history = OfferingSession.history.model.objects.filter(id=OuterRef("pk")).order_by()
    offering_history = Offering.history.model.objects.filter(id=OuterRef("offering_id")).order_by()
    return (
        sessions.select_related("offering__centre", "municipality")
        .prefetch_related("offering__service_areas")
        .annotate(
            session_revisions=Coalesce(Subquery(_count(session_history)), 0),
            offering_revisions=Coalesce(Subquery(_count(offering_history)), 0),
            session_changed_at=Subquery(
                session_history.order_by("-history_date").values("history_date")[:1]
            ),
        )
    )


def _count(history: QuerySet) -> QuerySet:
    return history.values("id").annotate(revisions=Count("history_id")).values("revisions")


def subscribed_sessions(filterset: SubscriptionFilter) -> OfferingSessionQuerySet:
    """The sessions of the filtered offerings from a month ago, within the chosen period and,
    when the question is where things are held, those held there (as on the list page)."""
    criteria = filterset.form.cleaned_data
    earliest = timezone.now() - timedelta(days=PAST_DAYS)
    if criteria.get("from"):
        earliest = max(earliest, start_of_day(criteria["from"]))
    sessions = OfferingSession.objects.filter(
        offering__in=filterset.qs.values("pk"), starts_at__gte=earliest
    )
    if criteria.get("to"):
        sessions = sessions.filter(starts_at__lte=end_of_day(criteria["to"]))
    if area := held_area(criteria):
        sessions = sessions.held_in(area)
    return with_calendar_data(sessions).order_by("starts_at", "pk")[:MAX_EVENTS]


def session_uid(session: OfferingSession) -> str:
    return f"session-{session.pk}@{STABLE_DOMAIN}"


def session_location(session: OfferingSession) -> str:
    # The meeting link is not public (the page does not show it either): only say "online".
    if session.is_online:
        return gettext("Online")
    return ", ".join(part for part in (session.venue, session.municipality.name) if part)


def session_changed_at(session: OfferingSession) -> datetime:
    offering_changed = session.offering.updated_at
    changed = session.session_changed_at
    return max(changed, offering_changed) if changed else offering_changed


def session_sequence(session: OfferingSession) -> int:
    """Raised by every saved change to the session or its offering (the first save creates)."""
    return max(session.session_revisions - 1, 0) + max(session.offering_revisions - 1, 0)


def session_event(session: OfferingSession, request: HttpRequest) -> Event:
    offering = session.offering
    page_url = request.build_absolute_uri(offering.get_absolute_url())
    changed_at = session_changed_at(session)
    return Event.new(
        uid=session_uid(session),
        summary=offering.title,
        description=f"{offering.summary}\n\n{page_url}",
        start=timezone.localtime(session.starts_at, CALENDAR_TIME_ZONE),
        end=timezone.localtime(session.ends_at, CALENDAR_TIME_ZONE),
        # Without a METHOD, DTSTAMP means the same as LAST-MODIFIED (RFC 5545, 3.8.7.2).
        stamp=changed_at,
        last_modified=changed_at,
        sequence=session_sequence(session),
        status="CANCELLED" if session.is_cancelled else "CONFIRMED",
        location=session_location(session),
        url=page_url,
        categories=[area.name for area in offering.service_areas.all()],
    )


def build_calendar(title: str, uid_source: str, events: list[Event]) -> Calendar:
    calendar = Calendar.new(
        prodid=PRODID,
        name=title,
        uid=uuid.uuid5(uuid.NAMESPACE_URL, f"https://{STABLE_DOMAIN}{uid_source}"),
        calscale="GREGORIAN",
    )
    # RFC 7986 wants VALUE=DURATION spelled out; Outlook reads X-PUBLISHED-TTL instead.
    refresh = {"VALUE": "DURATION"}
    calendar.add("REFRESH-INTERVAL", vDuration(REFRESH_INTERVAL), parameters=refresh)
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL))
    for event in events:
        calendar.add_component(event)
    # The VTIMEZONE for Europe/Oslo; its default span (1970–2037) covers every session.
    calendar.add_missing_timezones()
    return calendar


def calendar_response(calendar: Calendar, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response


def subscription_calendar(filterset: SubscriptionFilter, request: HttpRequest) -> Calendar:
    events = [session_event(session, request) for session in subscribed_sessions(filterset)]
    return build_calendar(
        describe_filter(filterset.form.cleaned_data),
        reverse("offerings:calendar") + filter_query(request.GET),
        events,
    )


def session_calendar(session: OfferingSession, request: HttpRequest) -> Calendar:
    """One session, for "Add to calendar"; the same UID as in subscriptions."""
    return build_calendar(
        session.offering.title,
        f"/tilbud/kalender/session-{session.pk}",
        [session_event(session, request)],
    )


def session_filename(session: OfferingSession) -> str:
    day = timezone.localtime(session.starts_at, CALENDAR_TIME_ZONE).date()
    return f"{session.offering.slug}-{day.isoformat()}.ics"


# Atom


@dataclass(frozen=True)
class FeedSource:
    filterset: OfferingFilter
    query: str
    title: str


class OfferingFeed(Feed):
    """The newest offerings of a filtered list. One instance serves every request, so what a
    request asks for travels in the FeedSource, never on `self`."""

    feed_type = Atom1Feed
    item_guid_is_permalink = False
    subtitle = _("New courses and offerings from the competence centres in Kompetanseportalen.")

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return super().__call__(request, *args, **kwargs)
        except InvalidFilter as invalid:
            return invalid_filter_response(invalid.filterset)

    def get_object(self, request: HttpRequest, *args, **kwargs) -> FeedSource:
        filterset = valid_filterset(OfferingFilter, request.GET)
        return FeedSource(
            filterset=filterset,
            query=filter_query(request.GET),
            title=describe_filter(filterset.form.cleaned_data),
        )

    def title(self, source: FeedSource) -> str:
        return source.title

    def link(self, source: FeedSource) -> str:
        return reverse("offerings:list") + source.query

    def feed_url(self, source: FeedSource) -> str:
        return reverse("offerings:feed") + source.query

    def items(self, source: FeedSource) -> list[Offering]:
        offerings = source.filterset.qs.prefetch_related(None)
        return list(
            offerings.select_related("centre")
            .prefetch_related("service_areas")
            .order_by(F("published_at").desc(nulls_last=True), "-created_at", "-pk")[
                :MAX_FEED_ENTRIES
            ]
        )

    def item_title(self, item: Offering) -> str:
        # An Atom title is plain text: the XML writer escapes it once, and that is enough.
        return item.title

    def item_description(self, item: Offering) -> str:
        # Django writes the summary as type="html"; escaping shows markup as the text it is.
        return escape(item.summary)

    def item_link(self, item: Offering) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Offering) -> str:
        # Not the link: that changes with the title's slug, and readers would show it twice.
        return f"tag:{STABLE_DOMAIN},2025:offering-{item.pk}"

    def item_pubdate(self, item: Offering) -> datetime:
        return item.published_at or item.created_at

    def item_updateddate(self, item: Offering) -> datetime:
        return item.updated_at

    def item_author_name(self, item: Offering) -> str:
        return item.centre.name

    def item_categories(self, item: Offering) -> list[str]:
        return [area.name for area in item.service_areas.all()]


# schema.org JSON-LD

# schema.org courseMode, and the matching eventAttendanceMode (a CourseInstance is an Event).
ATTENDANCE_MODES = {
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "onsite": "https://schema.org/OfflineEventAttendanceMode",
    "blended": "https://schema.org/MixedEventAttendanceMode",
}
# Like Django's json_script: no "</script>" or "<!--" can end the data block early.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def course_json_ld(
    offering: Offering, sessions: list[OfferingSession], request: HttpRequest
) -> SafeString:
    """A schema.org Course with a CourseInstance per given session, for a script element."""
    page_url = request.build_absolute_uri(offering.get_absolute_url())
    offer = _offer(offering, page_url)
    course = {
        "@context": "https://schema.org",
        "@type": "Course",
        "@id": page_url,
        "url": page_url,
        "name": offering.title,
        "description": offering.summary,
        "provider": _provider(offering, request),
        "isAccessibleForFree": offering.is_free,
        "offers": offer,
        "hasCourseInstance": [_course_instance(offering, session, offer) for session in sessions],
    }
    data = json.dumps(course, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(data.translate(_JSON_SCRIPT_ESCAPES))


def _provider(offering: Offering, request: HttpRequest) -> dict:
    centre = offering.centre
    provider = {
        "@type": "Organization",
        "name": centre.name,
        "alternateName": centre.short_name,
        "url": request.build_absolute_uri(centre.get_absolute_url()),
    }
    if centre.website:
        provider["sameAs"] = centre.website
    return provider


def _offer(offering: Offering, page_url: str) -> dict:
    return {
        "@type": "Offer",
        "price": int(offering.price),
        "priceCurrency": "NOK",
        "category": "Free" if offering.is_free else "Paid",
        # The page, not the registration link: the page shows that link only while it is open.
        "url": page_url,
    }


def _course_instance(offering: Offering, session: OfferingSession, offer: dict) -> dict:
    mode = course_mode(offering, session)
    return {
        "@type": "CourseInstance",
        "courseMode": mode,
        "eventAttendanceMode": ATTENDANCE_MODES[mode],
        "eventStatus": "https://schema.org/EventCancelled"
        if session.is_cancelled
        else "https://schema.org/EventScheduled",
        "startDate": timezone.localtime(session.starts_at, CALENDAR_TIME_ZONE).isoformat(),
        "endDate": timezone.localtime(session.ends_at, CALENDAR_TIME_ZONE).isoformat(),
        "location": _location(session),
        "offers": offer,
        "isAccessibleForFree": offering.is_free,
    }


def course_mode(offering: Offering, session: OfferingSession) -> str:
    if session.is_online:
        return "online"
    # A hybrid offering's session in a room can also be joined online.
    return "blended" if offering.format == OfferingFormat.HYBRID else "onsite"


def _location(session: OfferingSession) -> dict:
    if session.is_online:
        return {"@type": "VirtualLocation", "name": gettext("Online")}
    municipality = session.municipality
    return {
        "@type": "Place",
        "name": session.venue or municipality.name,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": municipality.name,
            "addressRegion": municipality.county.name,
            "addressCountry": "NO",
        },
    }
