"""Bokmål unless the person chooses another language; the choice is remembered."""

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

BOKMAL_HEADING = "Finn kompetansesentre for kommunen din"


@pytest.mark.parametrize("browser_language", ["en", "en-GB,en;q=0.9", "nn", "de", "sv,en;q=0.5"])
def test_a_browser_in_another_language_gets_bokmal(browser_language):
    response = Client(HTTP_ACCEPT_LANGUAGE=browser_language).get("/")

    html = response.content.decode()
    assert '<html lang="nb">' in html
    assert BOKMAL_HEADING in html
    assert response["Content-Language"] == "nb"


def test_pages_do_not_vary_on_the_browsers_language():
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/")

    assert "Accept-Language" not in response.get("Vary", "")


@pytest.mark.parametrize(
    ("language", "heading"),
    [("nn", "Finn kompetansesenter for kommunen din"), ("en", "Find competence centres")],
)
def test_the_language_switch_changes_the_language_and_it_is_remembered(language, heading):
    client = Client(HTTP_ACCEPT_LANGUAGE="nb")

    response = client.post("/i18n/setlang/", {"language": language, "next": "/"})

    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == language
    assert int(cookie["max-age"]) >= 365 * 24 * 60 * 60
    html = client.get("/").content.decode()
    assert f'<html lang="{language}">' in html
    assert heading in html


@pytest.mark.parametrize("cookie", ["xx", "", "de"])
def test_an_unknown_language_in_the_cookie_means_bokmal(cookie):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie

    assert '<html lang="nb">' in client.get("/").content.decode()


def test_a_regional_variant_in_the_cookie_picks_its_language():
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en-gb"

    assert '<html lang="en">' in client.get("/").content.decode()
