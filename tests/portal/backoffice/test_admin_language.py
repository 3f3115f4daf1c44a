"""The back-office reads as Bokmål or Nynorsk throughout: Django's own words included, no English
left for the eye or the screen reader, no Bokmål on Nynorsk pages, and history in words."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from centres.models import County, ServiceArea
from requests import services
from tests.centres.test_documents import publish_document
from tests.factories import (
    ContactPersonFactory,
    HelpRequestFactory,
    OfferingFactory,
    OfferingSessionFactory,
    centre,
    municipality,
    portal_editor,
    staff_member,
)

pytestmark = pytest.mark.django_db

# English that Django's admin, django.contrib.auth or django-simple-history show when the
# Norwegian catalogues lack a message, and raw values the history pages used to print.
ENGLISH = [
    "Show counts",
    "Hide counts",
    "Start typing to filter",
    "Toggle theme",
    "Model name",
    "Add link",
    "Change or view list link",
    "Select this object for an action",
    "Select all objects on this page",
    "View selected",
    "Breadcrumbs",
    "Sidebar",
    "Filter navigation items",
    "entry",
    "entries",
    "True",
    "False",
    "None",
    "Unknown",
    "Search",
    "Skip to main content",
    "Added:",
    "Changed:",
    "Deleted:",
    "Date/time",
    "Changed by",
    "Change reason",
    "Comment",
    "Object",
    "History",
    "Home",
    "Welcome",
    "View site",
    "Log out",
    "Recent actions",
    "Change password",
    "Save",
    "Delete",
    "Add",
    "Change",
    "Yes",
    "No",
    "Action",
    "Clear all filters",
    "Password-based authentication",
    "Enabled",
    "Disabled",
    "Reset password",
    "Raw passwords",
    "received",
    "accepted",
    "in-triage",
]
# Bokmål that reached the Nynorsk admin through Django's fallback to the default language.
BOKMAL_ON_NYNORSK_PAGES = [
    "Opprettet",
    "Endret",
    "Slettet",
    "Endringer",
    "Endringsårsak",
    "valgte",
    "Velg",
    "Legg til ny",
    "ønskar",
    "Begynn å skrive",
    "Henvendelse",
    "henvendelse",
    "Sorteringspriorite:",
]
RAW_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")


def visible_words(html: str) -> str:
    """Text a reader sees or a screen reader reads: text, alternatives, labels and buttons."""
    html = re.sub(r"<(script|style|textarea)\b.*?</\1>", " ", html, flags=re.S)
    attributes = re.findall(r'\s(?:aria-label|title|alt|placeholder)="([^"]*)"', html)
    buttons = re.findall(r'<input[^>]*type="(?:submit|button)"[^>]*value="([^"]*)"', html)
    text = re.sub(r"<[^>]+>", "\n", html)
    return "\n".join([text, *attributes, *buttons])


def leftovers(html: str, words: list[str]) -> list[str]:
    text = visible_words(html)
    return [word for word in words if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)]


@pytest.fixture
def world():
    own = centre("rvts-nord")
    editor = staff_member("rvts-nord")
    contact = ContactPersonFactory(centre=own, is_public=True)
    contact.is_public = False
    contact.save()
    offering = OfferingFactory(centre=own, contact=contact)
    OfferingSessionFactory(offering=offering)
    offering.title = "Traumebevisst praksis – nytt navn"
    offering.last_verified_at = timezone.now() - timedelta(days=3)
    offering.service_areas.set(ServiceArea.objects.filter(slug="vold-og-traumer"))
    offering.save()
    help_request = HelpRequestFactory(municipality=municipality("5501"), topics=["vold-og-traumer"])
    services.take_lead(help_request=help_request, centre=own, by=editor)
    document = publish_document(own)
    return {
        "editor": editor,
        "portal_editor": portal_editor(),
        "centre": own,
        "contact": contact,
        "offering": offering,
        "request": help_request,
        "document": document,
    }


def pages_for(world, role: str) -> list[str]:
    c, o, r = world["centre"].pk, world["offering"].pk, world["request"].pk
    version = world["offering"].history.earliest("history_date").history_id
    pages = [
        "/admin/",
        "/admin/offerings/offering/",
        "/admin/offerings/offering/?status__exact=published",
        "/admin/offerings/offering/add/",
        f"/admin/offerings/offering/{o}/change/",
        f"/admin/offerings/offering/{o}/history/",
        f"/admin/offerings/offering/{o}/history/{version}/",
        "/admin/helprequests/helprequest/",
        f"/admin/helprequests/helprequest/{r}/change/",
        f"/admin/helprequests/helprequest/{r}/history/",
        "/admin/centres/centre/",
        f"/admin/centres/centre/{c}/change/",
        f"/admin/centres/centre/{c}/history/",
        "/admin/centres/contactperson/",
        "/admin/centres/contactperson/add/",
        f"/admin/centres/contactperson/{world['contact'].pk}/change/",
        f"/admin/centres/contactperson/{world['contact'].pk}/history/",
        "/admin/centres/centredocument/",
        f"/admin/centres/centredocument/{world['document'].pk}/change/",
    ]
    if role == "portal_editor":
        county = County.objects.get(number="55").pk
        pages += [
            "/admin/centres/county/",
            f"/admin/centres/county/{county}/change/",
            f"/admin/centres/county/{county}/history/",
            "/admin/centres/municipality/",
            "/admin/centres/servicearea/",
            "/admin/centres/centremembership/",
            "/admin/centres/adviserassignment/",
            "/admin/centres/forum/",
            "/admin/centres/centre/add/",
            f"/admin/centres/centre/{c}/delete/",
        ]
    return pages


def render_all(world, role: str, language: str) -> dict[str, str]:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(world[role])
    pages = {}
    for path in pages_for(world, role):
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = response.content.decode()
    return pages


@pytest.mark.parametrize("role", ["editor", "portal_editor"])
@pytest.mark.parametrize("language", ["nb", "nn"])
def test_the_admin_shows_no_english(world, role, language):
    found = {
        path: words
        for path, html in render_all(world, role, language).items()
        if (words := leftovers(html, ENGLISH))
    }

    assert found == {}


@pytest.mark.parametrize("role", ["editor", "portal_editor"])
def test_the_nynorsk_admin_shows_no_bokmal(world, role):
    found = {
        path: words
        for path, html in render_all(world, role, "nn").items()
        if (words := leftovers(html, BOKMAL_ON_NYNORSK_PAGES))
    }

    assert found == {}


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_add_has_no_adjective_that_disagrees_with_the_noun(world, language):
    pages = render_all(world, "editor", language)

    assert "Legg til ny" not in visible_words(pages["/admin/offerings/offering/add/"])
    expected = {"nb": "Legg til tilbud", "nn": "Opprett tilbod"}[language]
    assert expected in pages["/admin/offerings/offering/add/"]


@pytest.mark.parametrize(
    ("language", "transition"),
    [("nb", "Mottatt → Akseptert"), ("nn", "Motteke → Akseptert")],
)
def test_the_history_of_a_request_reads_in_words(world, language, transition):
    html = render_all(world, "editor", language)[
        f"/admin/helprequests/helprequest/{world['request'].pk}/history/"
    ]

    assert transition in html
    assert not RAW_TIMESTAMP.search(html)


def test_the_history_of_an_offering_shows_labels_local_times_and_empty_values(world):
    html = render_all(world, "editor", "nb")[
        f"/admin/offerings/offering/{world['offering'].pk}/history/"
    ]
    changes = visible_words(html)

    assert "Traumebevisst praksis – nytt navn" in changes
    assert "Sist kontrollert:" in changes
    assert "(tomt) →" in changes
    assert not RAW_TIMESTAMP.search(changes)
    assert "2 oppføringer" in changes


def test_yes_and_no_are_read_out_in_the_pages_language(world):
    html = render_all(world, "editor", "nn")["/admin/centres/contactperson/"]

    assert 'alt="Nei"' in html
    assert 'alt="Ja"' in html or "icon-yes" not in html
    assert 'alt="False"' not in html and 'alt="True"' not in html


def test_the_history_of_a_contact_shows_a_yes_no_change_in_words(world):
    html = render_all(world, "editor", "nb")[
        f"/admin/centres/contactperson/{world['contact'].pk}/history/"
    ]

    assert "Ja → Nei" in visible_words(html)


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_messages_after_saving_use_norwegian_quotation_marks(world, language):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(world["editor"])
    contact = world["contact"]

    response = client.post(
        f"/admin/centres/contactperson/{contact.pk}/change/",
        {
            "centre": contact.centre_id,
            "name": contact.name,
            "role": "Seniorrådgiver",
            "email": contact.email,
            "position": 0,
        },
        follow=True,
    )

    message = str(next(iter(response.context["messages"])))
    quoted = re.search(r"«<a [^>]*>(.*?)</a>»", message)
    assert quoted is not None, message
    assert quoted.group(1) == str(contact)
    assert "“" not in message
