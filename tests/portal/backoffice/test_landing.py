"""After logging in, each role lands where its work is; only safe `next` addresses are followed."""

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse

from portal.backoffice.landing import landing_url, safe_next_url
from tests.factories import UserFactory, adviser, portal_editor, staff_member

pytestmark = pytest.mark.django_db


def test_centre_staff_land_on_the_back_office_start_page_with_their_queues():
    assert landing_url(staff_member("rvts-nord")) == "/admin/"


def test_county_governor_advisers_land_on_the_overview():
    assert landing_url(adviser("vestland")) == "/oversikt/"


def test_portal_editors_land_on_the_back_office():
    assert landing_url(portal_editor()) == "/admin/"


def test_someone_without_a_role_yet_lands_on_the_front_page():
    assert landing_url(UserFactory()) == "/"


def test_an_inactive_adviser_is_no_adviser():
    assert landing_url(adviser("vestland", is_active=False)) == "/"


def request_from(host: str = "testserver", secure: bool = False):
    return RequestFactory().get("/", HTTP_HOST=host, secure=secure)


@pytest.mark.parametrize(
    "address",
    ["/admin/offerings/offering/", "/oversikt/?county=46", "/sentre/rvts-nord/"],
)
def test_an_address_on_this_site_is_followed(address):
    assert safe_next_url(request_from(), address) == address


@pytest.mark.parametrize(
    "address",
    [
        "https://evil.example/",
        "//evil.example/admin/",
        "///evil.example",
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "http://testserver.evil.example/",
        "\\\\evil.example",
        "",
        None,
    ],
)
def test_an_address_elsewhere_or_a_script_is_not_followed(address):
    assert safe_next_url(request_from(), address) is None


def test_a_plain_http_address_is_not_followed_from_a_secure_page():
    assert safe_next_url(request_from(secure=True), "http://testserver/admin/") is None


@pytest.mark.parametrize("name", ["login", "logout", "admin:login", "admin:logout"])
def test_the_login_and_logout_pages_are_not_somewhere_to_land(name):
    assert safe_next_url(request_from(), reverse(name)) is None


def test_the_settings_never_send_anyone_to_accounts_profile():
    assert reverse(settings.LOGIN_URL) == "/konto/logg-inn/"
    assert reverse(settings.LOGIN_REDIRECT_URL) == "/konto/"
    assert reverse(settings.LOGOUT_REDIRECT_URL) == "/konto/logg-inn/"
