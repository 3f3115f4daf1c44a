import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests.factories import (
    OfferingFactory,
    OfferingSessionFactory,
    centre,
    municipality,
    topic,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

ATOM = {"atom": "http://www.w3.org/2005/Atom"}
TRICKY_TITLE = 'Kurs <b>"&</b>\nlinje 2'


def calendar_for(client, path: str = "/tilbud/kalender.ics", params: dict | None = None):
    response = client.get(path, params or {})
    assert response.status_code == 200, response.content
    return Calendar.from_ical(response.content)


def events_by_uid(calendar: Calendar) -> dict:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def uid(session) -> str:
    return f"session-{session.pk}@kompetanseportalen.no"


def atom_for(client, params: dict | None = None) -> ET.Element:
    response = client.get("/tilbud/feed/", params or {})
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def entry_titles(feed: ET.Element) -> list[str]:
    return [entry.findtext("atom:title", namespaces=ATOM) for entry in entry_elements(feed)]


def entry_elements(feed: ET.Element) -> list[ET.Element]:
    return feed.findall("atom:entry", ATOM)


def json_ld_on(client, offering) -> dict:
    html = client.get(offering.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(blocks) == 1
    return json.loads(blocks[0])


# The calendar subscription


def test_the_calendar_has_one_event_per_session_with_stable_uids(client):
    offering = OfferingFactory(title="Grunnkurs i MI")
    first = OfferingSessionFactory(offering=offering)
    second = OfferingSessionFactory(
        offering=offering, starts_at=timezone.now() + timedelta(days=60)
    )
    events = events_by_uid(calendar_for(client))
    assert set(events) == {uid(first), uid(second)}
    assert set(events_by_uid(calendar_for(client))) == set(events)


def test_uids_stay_when_the_offering_is_edited_and_the_sequence_goes_up(client):
    session = OfferingSessionFactory(offering__title="Gammel tittel")
    before = events_by_uid(calendar_for(client))[uid(session)]
    session.offering.title = "Ny tittel"
    session.offering.save()
    after = events_by_uid(calendar_for(client))[uid(session)]
    assert str(after["SUMMARY"]) == "Ny tittel"
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after["LAST-MODIFIED"].dt >= before["LAST-MODIFIED"].dt
    assert after["DTSTAMP"].dt == after["LAST-MODIFIED"].dt


def test_editing_a_session_raises_its_sequence_only(client):
    moved, untouched = OfferingSessionFactory.create_batch(2)
    moved.starts_at += timedelta(hours=1)
    moved.ends_at += timedelta(hours=1)
    moved.save()
    events = events_by_uid(calendar_for(client))
    assert events[uid(moved)]["SEQUENCE"] == 1
    assert events[uid(untouched)]["SEQUENCE"] == 0


def test_event_times_are_the_sessions_times_in_oslo(client):
    summer = timezone.make_aware(timezone.datetime(2031, 6, 3, 9, 30))
    winter = timezone.make_aware(timezone.datetime(2031, 12, 2, 12, 0))
    sessions = [OfferingSessionFactory(starts_at=start) for start in (summer, winter)]
    calendar = calendar_for(client)
    events = events_by_uid(calendar)
    for session in sessions:
        event = events[uid(session)]
        assert event["DTSTART"].params["TZID"] == "Europe/Oslo"
        assert event["DTSTART"].dt == session.starts_at
        assert event["DTEND"].dt == session.ends_at
    assert events[uid(sessions[0])]["DTSTART"].dt.hour == 9
    assert events[uid(sessions[0])]["DTSTART"].dt.utcoffset() == timedelta(hours=2)
    assert events[uid(sessions[1])]["DTSTART"].dt.utcoffset() == timedelta(hours=1)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]


def test_a_cancelled_session_is_sent_as_cancelled(client):
    offering = OfferingFactory()
    cancelled = OfferingSessionFactory(offering=offering, is_cancelled=True)
    held = OfferingSessionFactory(offering=offering)
    events = events_by_uid(calendar_for(client))
    assert events[uid(cancelled)]["STATUS"] == "CANCELLED"
    assert events[uid(held)]["STATUS"] == "CONFIRMED"


def test_an_offering_with_only_cancelled_sessions_still_sends_the_cancellation(client):
    cancelled = OfferingSessionFactory(is_cancelled=True)
    assert events_by_uid(calendar_for(client))[uid(cancelled)]["STATUS"] == "CANCELLED"


def test_the_calendar_keeps_the_last_month_but_not_older_sessions(client):
    now = timezone.now()
    recent = OfferingSessionFactory(starts_at=now - timedelta(days=20))
    old = OfferingSessionFactory(starts_at=now - timedelta(days=40))
    events = events_by_uid(calendar_for(client))
    assert uid(recent) in events
    assert uid(old) not in events


def test_the_calendar_shows_only_published_offerings(client):
    published = OfferingSessionFactory()
    hidden = [
        OfferingSessionFactory(offering__status=status)
        for status in ("draft", "cancelled", "archived")
    ]
    events = events_by_uid(calendar_for(client))
    assert uid(published) in events
    assert not {uid(session) for session in hidden} & set(events)


@pytest.mark.parametrize(
    ("params", "expected", "unexpected"),
    [
        ({"municipality": "1121"}, "stavanger", "bodo"),
        ({"county": "18"}, "bodo", "stavanger"),
        ({"topic": "folkehelse"}, "folkehelse", "stavanger"),
        ({"format": "digital"}, "digital", "stavanger"),
        ({"free": "on"}, "stavanger", "paid"),
    ],
)
def test_the_calendar_follows_the_list_filters(client, params, expected, unexpected):
    sessions = {
        "stavanger": OfferingSessionFactory(municipality=municipality("1103")),
        "bodo": OfferingSessionFactory(
            offering__centre=centre("korus-nord"), municipality=municipality("1804")
        ),
        "folkehelse": OfferingSessionFactory(offering__topics=[topic("folkehelse")]),
        "digital": OfferingSessionFactory(offering__format="digital", online=True),
        "paid": OfferingSessionFactory(offering__price=1500),
    }
    events = events_by_uid(calendar_for(client, params=params))
    assert uid(sessions[expected]) in events
    assert uid(sessions[unexpected]) not in events


def test_the_calendar_follows_the_period(client):
    soon = timezone.now() + timedelta(days=10)
    inside = OfferingSessionFactory(starts_at=soon)
    later = OfferingSessionFactory(starts_at=soon + timedelta(days=100))
    params = {"from": soon.date().isoformat(), "to": (soon + timedelta(days=5)).date().isoformat()}
    events = events_by_uid(calendar_for(client, params=params))
    assert set(events) == {uid(inside)}
    assert uid(later) not in events


def test_the_calendar_is_named_after_the_filter(client):
    calendar = calendar_for(client, params={"municipality": "1121", "topic": "rus"})
    assert calendar.calendar_name == f"Offerings open to Time: {topic('rus').name_en}"
    assert str(calendar["X-WR-CALNAME"]) == calendar.calendar_name


def test_the_calendar_response_is_an_inline_utf8_calendar(client):
    OfferingSessionFactory()
    response = client.get("/tilbud/kalender.ics", {"topic": "rus"})
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="kompetanseportalen.ics"'
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert "Kompetanseportalen" in str(calendar["PRODID"])
    assert "METHOD" not in calendar
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in response.content
    assert b"X-PUBLISHED-TTL:PT12H\r\n" in response.content
    assert calendar.uid == calendar_for(client, params={"topic": "rus"}).uid
    assert calendar.uid != calendar_for(client, params={"topic": "vold-og-traumer"}).uid


def test_markup_and_line_breaks_are_escaped_in_the_calendar(client):
    session = OfferingSessionFactory(offering__title=TRICKY_TITLE, offering__summary="A;b,\nc")
    response = client.get("/tilbud/kalender.ics")
    assert b'SUMMARY:Kurs <b>"&</b>\\nlinje 2\r\n' in response.content
    event = events_by_uid(Calendar.from_ical(response.content))[uid(session)]
    page_url = f"http://testserver{session.offering.get_absolute_url()}"
    assert str(event["SUMMARY"]) == TRICKY_TITLE
    assert str(event["DESCRIPTION"]) == f"A;b,\nc\n\n{page_url}"
    assert str(event["URL"]) == page_url


def test_the_location_is_the_venue_and_municipality_or_online(client):
    in_person = OfferingSessionFactory(venue="Kulturhuset", municipality=municipality("1103"))
    online = OfferingSessionFactory(online=True, offering__format="digital")
    events = events_by_uid(calendar_for(client))
    assert str(events[uid(in_person)]["LOCATION"]) == "Kulturhuset, Stavanger"
    assert str(events[uid(online)]["LOCATION"]) == "Online"
    assert b"moete.example.no" not in client.get("/tilbud/kalender.ics").content


def test_topics_are_the_event_categories(client):
    session = OfferingSessionFactory(offering__topics=[topic("rus"), topic("folkehelse")])
    categories = events_by_uid(calendar_for(client))[uid(session)]["CATEGORIES"]
    assert set(categories.cats) == {topic("rus").name_en, topic("folkehelse").name_en}


# Add one session to a calendar


def session_path(session, slug: str | None = None) -> str:
    offering = session.offering
    return f"/tilbud/{offering.pk}-{slug or offering.slug}/kalender/{session.pk}.ics"


def test_a_single_session_calendar_has_the_subscriptions_uid(client):
    session = OfferingSessionFactory(offering__title="Grunnkurs i MI")
    response = client.get(session_path(session))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    day = timezone.localdate(session.starts_at).isoformat()
    assert response["Content-Disposition"] == f'inline; filename="grunnkurs-i-mi-{day}.ics"'
    calendar = Calendar.from_ical(response.content)
    assert list(events_by_uid(calendar)) == [uid(session)]
    assert calendar.calendar_name == "Grunnkurs i MI"
    assert calendar.walk("VTIMEZONE")


def test_a_single_session_calendar_redirects_to_the_current_slug(client):
    session = OfferingSessionFactory(offering__title="Grunnkurs i MI")
    response = client.get(session_path(session, slug="gammel-tittel"))
    assert response.status_code == 302
    assert response["Location"] == session_path(session)


def test_a_session_of_another_offering_is_not_found(client):
    session = OfferingSessionFactory()
    other = OfferingFactory()
    path = f"/tilbud/{other.pk}-{other.slug}/kalender/{session.pk}.ics"
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("status", ["draft", "cancelled", "archived"])
def test_a_session_of_an_unpublished_offering_is_not_found(client, status):
    session = OfferingSessionFactory(offering__status=status)
    assert client.get(session_path(session)).status_code == 404


def test_the_offering_page_links_each_coming_session_to_its_calendar_file(client):
    session = OfferingSessionFactory()
    cancelled = OfferingSessionFactory(offering=session.offering, is_cancelled=True)
    html = client.get(session.offering.get_absolute_url()).content.decode()
    assert f'href="{session_path(session)}">Add to calendar' in html
    assert session_path(cancelled) not in html


# Invalid filters


@pytest.mark.parametrize("path", ["/tilbud/kalender.ics", "/tilbud/feed/"])
@pytest.mark.parametrize(
    "params",
    [
        {"municipality": "abc"},
        {"from": "2026-13-45"},
        {"from": "2026-06-01", "to": "2026-05-01"},
        {"topic": "<script>"},
        {"format": "papir"},
        {"municipality": "1121", "county": "11"},
        {"q": "x" * 10_000},
        {"municipality": "a\x00b"},
    ],
)
def test_an_invalid_filter_is_a_short_plain_text_400(client, path, params):
    response = client.get(path, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("The filter is not valid:\n")
    assert "<form" not in text
    assert len(text) < 2000


def test_the_invalid_filter_message_names_the_parameter(client):
    text = client.get("/tilbud/kalender.ics", {"topic": "finnes-ikke"}).content.decode()
    assert "\ntopic: " in text


def test_empty_and_unknown_parameters_are_no_filter(client):
    session = OfferingSessionFactory()
    params = {"municipality": "", "topic": "", "page": "3", "utm_source": "x"}
    assert uid(session) in events_by_uid(calendar_for(client, params=params))
    assert entry_titles(atom_for(client, params)) == [session.offering.title]


# The Atom feed


def test_the_atom_feed_lists_published_offerings_newest_first(client):
    older = OfferingSessionFactory(offering__title="Eldre").offering
    newer = OfferingSessionFactory(offering__title="Nyere").offering
    OfferingSessionFactory(offering__title="Utkast", offering__status="draft")
    type(older).objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=3))
    feed = atom_for(client)
    assert entry_titles(feed) == [newer.title, older.title]


def test_an_atom_entry_has_link_summary_dates_author_and_topics(client):
    offering = OfferingSessionFactory(offering__topics=[topic("rus"), topic("folkehelse")]).offering
    (entry,) = entry_elements(atom_for(client))
    link = entry.find("atom:link", ATOM).get("href")
    assert link == f"http://testserver{offering.get_absolute_url()}"
    assert entry.findtext("atom:id", namespaces=ATOM) == (
        f"tag:kompetanseportalen.no,2025:offering-{offering.pk}"
    )
    assert entry.findtext("atom:summary", namespaces=ATOM) == offering.summary
    assert entry.findtext("atom:updated", namespaces=ATOM)
    assert entry.findtext("atom:published", namespaces=ATOM)
    assert entry.findtext("atom:author/atom:name", namespaces=ATOM) == offering.centre.name
    terms = {category.get("term") for category in entry.findall("atom:category", ATOM)}
    assert terms == {topic("rus").name_en, topic("folkehelse").name_en}


def test_the_atom_feed_escapes_markup_and_keeps_line_breaks_as_text(client):
    OfferingSessionFactory(offering__title=TRICKY_TITLE, offering__summary="<b>Fet</b> & mer")
    response = client.get("/tilbud/feed/")
    assert b"<b>" not in response.content
    (entry,) = entry_elements(ET.fromstring(response.content))
    assert entry.findtext("atom:title", namespaces=ATOM) == TRICKY_TITLE
    summary = entry.find("atom:summary", ATOM)
    assert summary.get("type") == "html"
    # The summary is HTML: the reader shows "<b>Fet</b> & mer" as written, not bold.
    assert summary.text == "&lt;b&gt;Fet&lt;/b&gt; &amp; mer"


def test_the_atom_feed_follows_the_filter_and_says_so_in_its_title(client):
    OfferingSessionFactory(offering__title="I Stavanger", municipality=municipality("1103"))
    OfferingSessionFactory(
        offering__title="I Bodø",
        offering__centre=centre("korus-nord"),
        municipality=municipality("1804"),
    )
    feed = atom_for(client, {"municipality": "1121"})
    assert feed.findtext("atom:title", namespaces=ATOM) == "Offerings open to Time"
    assert entry_titles(feed) == ["I Stavanger"]
    links = {link.get("rel"): link.get("href") for link in feed.findall("atom:link", ATOM)}
    assert links["alternate"] == "http://testserver/tilbud/?municipality=1121"
    assert links["self"] == "http://testserver/tilbud/feed/?municipality=1121"


def test_the_atom_feed_has_at_most_50_entries(client):
    OfferingSessionFactory.create_batch(52)
    assert len(entry_elements(atom_for(client))) == 50


def test_an_empty_atom_feed_is_valid(client):
    feed = atom_for(client, {"topic": "rus"})
    assert entry_elements(feed) == []
    assert feed.findtext("atom:updated", namespaces=ATOM)


# Links to the feeds


def test_the_list_page_links_its_feeds_with_the_current_filter(client):
    html = client.get("/tilbud/", {"municipality": "1121", "topic": "rus", "page": "1"}).content
    html = html.decode()
    query = "?municipality=1121&amp;topic=rus"
    assert f'href="/tilbud/kalender.ics{query}">calendar (.ics)</a>' in html
    assert f'href="/tilbud/feed/{query}">Atom feed</a>' in html
    head_link = '<link rel="alternate" type="application/atom+xml" title="Atom feed"'
    assert f'{head_link} href="/tilbud/feed/{query}">' in html


def test_the_list_page_offers_no_feed_for_an_invalid_filter(client):
    html = client.get("/tilbud/", {"municipality": "abc"}).content.decode()
    assert "/tilbud/feed/" not in html
    assert "/tilbud/kalender.ics" not in html


def test_the_finder_offers_the_feeds_for_the_municipality(client):
    html = client.get("/", {"municipality": "1121", "topic": "rus"}).content.decode()
    assert 'href="/tilbud/kalender.ics?municipality=1121">calendar (.ics)</a>' in html
    assert 'href="/tilbud/feed/?municipality=1121">Atom feed</a>' in html


# schema.org JSON-LD


def test_the_offering_page_describes_the_course_in_json_ld(client):
    offering = OfferingFactory(price=1500, format="hybrid")
    session = OfferingSessionFactory(offering=offering, municipality=municipality("1103"))
    OfferingSessionFactory(offering=offering, starts_at=timezone.now() - timedelta(days=3))
    course = json_ld_on(client, offering)
    assert course["@context"] == "https://schema.org"
    assert course["@type"] == "Course"
    assert course["name"] == offering.title
    assert course["url"] == f"http://testserver{offering.get_absolute_url()}"
    assert course["provider"]["@type"] == "Organization"
    assert course["provider"]["name"] == offering.centre.name
    assert course["provider"]["url"] == f"http://testserver{offering.centre.get_absolute_url()}"
    assert course["isAccessibleForFree"] is False
    (instance,) = course["hasCourseInstance"]
    assert instance["@type"] == "CourseInstance"
    assert instance["courseMode"] == "blended"
    assert instance["startDate"] == timezone.localtime(session.starts_at).isoformat()
    assert instance["endDate"] == timezone.localtime(session.ends_at).isoformat()
    assert instance["location"]["address"]["addressLocality"] == "Stavanger"
    assert instance["offers"]["price"] == 1500
    assert instance["offers"]["priceCurrency"] == "NOK"
    assert instance["isAccessibleForFree"] is False


@pytest.mark.parametrize(
    ("session_fields", "mode"),
    [({"online": True, "offering__format": "digital"}, "online"), ({}, "onsite")],
)
def test_json_ld_course_mode_follows_the_session(client, session_fields, mode):
    session = OfferingSessionFactory(**session_fields)
    course = json_ld_on(client, session.offering)
    assert course["isAccessibleForFree"] is True
    assert [instance["courseMode"] for instance in course["hasCourseInstance"]] == [mode]


def test_json_ld_cannot_be_ended_by_a_title(client):
    title = "Kurs </script><script>alert(1)</script> & <!-- co"
    offering = OfferingSessionFactory(offering__title=title).offering
    html = client.get(offering.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html
    assert "\\u003C/script\\u003E" in html
    assert json_ld_on(client, offering)["name"] == title
