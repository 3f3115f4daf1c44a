"""The accessibility statement and the page about the service, linked from every page."""

import re

import pytest
from django.conf import settings
from django.test import Client

from portal.web.views import ACCESSIBILITY_LAST_TESTED, ACCESSIBILITY_STATEMENT_DATE

pytestmark = pytest.mark.django_db


def page_in(language: str, path: str) -> str:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def headings(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html)]


@pytest.mark.parametrize("path", ["/", "/sentre/", "/tilbud/", "/personvern/"])
def test_every_page_links_to_the_statement_and_the_about_page_in_its_footer(client, path):
    html = client.get(path).content.decode()
    footer = html.split('<footer class="site-footer">', 1)[1]

    assert 'href="/tilgjengelighet/"' in footer
    assert 'href="/om-tjenesten/"' in footer


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "nb",
            [
                "Kravene",
                "Status",
                "Dette fungerer ikke ennå",
                "Slik er tjenesten testet",
                "Tilbakemelding og kontakt",
                "Klage og tilsyn",
                "Datoer",
            ],
        ),
        (
            "nn",
            [
                "Krava",
                "Status",
                "Dette fungerer ikkje enno",
                "Slik er tenesta testa",
                "Tilbakemelding og kontakt",
                "Klage og tilsyn",
                "Datoar",
            ],
        ),
        (
            "en",
            [
                "The requirements",
                "Status",
                "What does not work yet",
                "How the service was tested",
                "Feedback and contact",
                "Complaints and enforcement",
                "Dates",
            ],
        ),
    ],
)
def test_the_accessibility_statement_has_the_parts_the_authority_asks_for(language, expected):
    html = page_in(language, "/tilgjengelighet/")

    assert headings(html) == expected
    assert "WCAG" in html and "2.1" in html
    assert "axe-core" in html
    assert 'href="https://www.uutilsynet.no/"' in html
    assert f'href="mailto:{settings.SERVICE_CONTACT_EMAIL}"' in html


def test_the_statement_names_the_law_the_regulation_and_its_status_in_bokmal():
    html = page_in("nb", "/tilgjengelighet/")

    assert "likestillings- og diskrimineringsloven" in html
    assert (
        "forskrift om universell utforming av informasjons- og kommunikasjonsteknologiske" in html
    )
    assert "Tjenesten oppfyller kravene delvis." in html
    assert "Tilsynet for universell utforming av ikt" in html


def test_the_statement_lists_its_known_gaps():
    html = page_in("en", "/tilgjengelighet/")
    gaps = html.split("What does not work yet", 1)[1].split("</ul>", 1)[0]

    assert gaps.count("<li>") >= 4
    assert "1.4.10" in gaps


def test_the_statement_is_dated_and_says_when_it_was_last_tested():
    html = page_in("en", "/tilgjengelighet/")

    assert ACCESSIBILITY_STATEMENT_DATE.strftime("%-d %b %Y") in html
    assert ACCESSIBILITY_LAST_TESTED.strftime("%-d %b %Y") in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "nb",
            [
                "Hva tjenesten er til",
                "Hvem som driver tjenesten",
                "Hvor opplysningene kommer fra",
                "Kontakt",
            ],
        ),
        (
            "nn",
            [
                "Kva tenesta er til",
                "Kven som driv tenesta",
                "Kvar opplysningane kjem frå",
                "Kontakt",
            ],
        ),
        (
            "en",
            [
                "What the service is for",
                "Who runs the service",
                "Where the information comes from",
                "Contact",
            ],
        ),
    ],
)
def test_the_about_page_says_who_runs_the_service_why_and_from_which_sources(language, expected):
    html = page_in(language, "/om-tjenesten/")

    assert headings(html) == expected
    assert "SSB" in html
    assert f'href="mailto:{settings.SERVICE_CONTACT_EMAIL}"' in html


def test_the_about_page_says_plainly_that_the_organisation_is_a_placeholder():
    html = page_in("nb", "/om-tjenesten/")

    assert "Plassholder: Virksomheten som eier og driver tjenesten, er ikke bestemt ennå." in html
