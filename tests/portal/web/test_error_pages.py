"""403, 404 and 500 are the site's own pages, in the reader's language; `make run` shows no
technical pages."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from tests.factories import adviser, staff_member

HEADINGS = {
    403: {
        "nb": "Du har ikke tilgang til denne siden",
        "nn": "Du har ikkje tilgang til denne sida",
        "en": "You do not have access to this page",
    },
    404: {"nb": "Fant ikke siden", "nn": "Fann ikkje sida", "en": "Page not found"},
    500: {"nb": "Noe gikk galt", "nn": "Noko gjekk gale", "en": "Something went wrong"},
}


def client_in(language: str) -> Client:
    client = Client(raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def assert_site_page(html: str, language: str) -> None:
    assert f'<html lang="{language}">' in html
    assert 'class="site-header"' in html
    assert 'class="site-footer"' in html
    assert "portal.css" in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_a_missing_page_is_the_sites_own_404(language):
    response = client_in(language).get("/finnes-ikke/")

    assert response.status_code == 404
    html = response.content.decode()
    assert_site_page(html, language)
    assert HEADINGS[404][language] in html


@pytest.mark.django_db
@pytest.mark.urls("tests.portal.web.error_urls")
@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_a_refusal_is_the_sites_own_403_with_a_way_to_log_in(language):
    response = client_in(language).get("/nektet/")

    assert response.status_code == 403
    html = response.content.decode()
    assert_site_page(html, language)
    assert HEADINGS[403][language] in html
    assert 'href="/konto/logg-inn/?next=/nektet/"' in html


@pytest.mark.django_db
def test_an_adviser_refused_in_the_back_office_is_told_who_they_are_and_where_to_go():
    client = client_in("nb")
    client.force_login(adviser("vestland", username="radgiver-x"))

    response = client.get("/admin/centres/county/")

    assert response.status_code == 403
    html = response.content.decode()
    assert_site_page(html, "nb")
    assert "radgiver-x" in html
    assert 'href="/konto/"' in html


@pytest.mark.django_db
@pytest.mark.urls("tests.portal.web.error_urls")
@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_an_error_is_the_sites_own_500(language, django_assert_num_queries):
    client = client_in(language)

    with django_assert_num_queries(0):
        response = client.get("/feil/")

    assert response.status_code == 500
    html = response.content.decode()
    assert_site_page(html, language)
    assert HEADINGS[500][language] in html
    assert "Traceback" not in html


def test_the_500_page_renders_without_a_database_or_a_request():
    # No django_db mark: any query here fails the test.
    with translation.override("nn"):
        html = render_to_string("500.html")

    assert HEADINGS[500]["nn"] in html
    assert "csrfmiddlewaretoken" not in html


@pytest.mark.django_db
def test_a_failed_csrf_check_is_the_sites_own_page():
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nn"

    response = client.post("/konto/logg-inn/", {"username": "x", "password": "y"})

    assert response.status_code == 403
    html = response.content.decode()
    assert_site_page(html, "nn")
    assert "Skjemaet kunne ikkje sendast" in html


@pytest.mark.django_db
def test_a_logged_in_person_gets_the_404_page_with_their_header(client):
    client.force_login(staff_member("rvts-nord", first_name="Kari", last_name="Nordmann"))

    response = client.get("/tilbud/999999-finnes-ikke/")

    assert response.status_code == 404
    assert "Kari Nordmann" in response.content.decode()


# `make run` and `make dev`

RUN_SCRIPT = """
import django
django.setup()
from django.conf import settings
from django.test import Client
print("DEBUG", settings.DEBUG)
response = Client(HTTP_HOST="127.0.0.1").get("/finnes-ikke/")
print("STATUS", response.status_code)
print("TECHNICAL", "URLconf" in response.content.decode())
print("STATIC", "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE,
      settings.WHITENOISE_USE_FINDERS)
"""


def test_make_run_shows_what_production_shows(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.run",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'run.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", RUN_SCRIPT],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "DEBUG False" in result.stdout
    assert "STATUS 404" in result.stdout
    assert "TECHNICAL False" in result.stdout
    assert "STATIC True True" in result.stdout


def test_make_run_uses_those_settings_and_make_dev_keeps_debug():
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text()
    run_recipe = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    dev_recipe = makefile.split("\ndev:", 1)[1].split("\n\n", 1)[0]

    assert "DJANGO_SETTINGS_MODULE=portal.settings.run" in run_recipe
    assert "DJANGO_SETTINGS_MODULE=portal.settings.dev" in dev_recipe
