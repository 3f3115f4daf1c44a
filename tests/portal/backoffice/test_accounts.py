"""Logging in from the public header and out again, for each role."""

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from portal.backoffice.models import FailedLogin
from tests.factories import TEST_PASSWORD, UserFactory, adviser, portal_editor, staff_member

pytestmark = pytest.mark.django_db

LOGIN = "/konto/logg-inn/"


def log_in(client, user, **extra):
    return client.post(LOGIN, {"username": user.username, "password": TEST_PASSWORD, **extra})


@pytest.mark.parametrize(
    ("make_user", "landing"),
    [
        (lambda: staff_member("rvts-nord"), "/admin/"),
        (lambda: adviser("vestland"), "/oversikt/"),
        (portal_editor, "/admin/"),
    ],
    ids=["centre staff", "adviser", "portal editor"],
)
def test_each_role_lands_where_its_work_is(client, make_user, landing):
    response = log_in(client, make_user())

    assert response.status_code == 302
    assert response["Location"] == landing
    assert client.get(landing).status_code == 200


def test_an_adviser_never_sees_the_empty_back_office(client):
    client.force_login(adviser("vestland"))

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/oversikt/"


def test_a_safe_next_address_is_followed(client):
    response = log_in(client, staff_member("rvts-nord"), next="/admin/offerings/offering/")

    assert response["Location"] == "/admin/offerings/offering/"


@pytest.mark.parametrize(
    "next_address",
    ["https://evil.example/", "//evil.example", "javascript:alert(1)", "/konto/logg-inn/"],
)
def test_an_unsafe_next_address_falls_back_to_the_roles_landing_page(client, next_address):
    response = log_in(client, adviser("vestland"), next=next_address)

    assert response["Location"] == "/oversikt/"


def test_the_next_address_of_the_link_is_kept_in_the_form(client):
    html = client.get(LOGIN, {"next": "/oversikt/?county=46"}).content.decode()

    assert 'name="next" value="/oversikt/?county=46"' in html


def test_an_unsafe_next_address_is_not_even_put_in_the_form(client):
    form = client.get(LOGIN, {"next": "https://evil.example/"}).context["form"]

    assert form["next"].value() == ""


def test_a_wrong_password_shows_an_error_summary_and_logs_nobody_in(client):
    user = staff_member("rvts-nord")

    response = client.post(LOGIN, {"username": user.username, "password": "feil-passord-123"})

    assert response.status_code == 200
    assert "ds-error-summary" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_login_page_is_throttled_like_the_admin_login(client):
    user = staff_member("rvts-nord")
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        client.post(LOGIN, {"username": user.username, "password": "feil-passord-123"})

    response = log_in(client, user)

    assert response.status_code == 200
    assert response.context["form"].has_error("__all__", code="locked_out")
    assert "_auth_user_id" not in client.session
    assert FailedLogin.objects.filter(username=user.username).exists()


def test_the_admin_login_address_leads_to_the_login_page_with_its_next_address(client):
    response = client.get("/admin/login/", {"next": "/admin/centres/centre/"})

    assert response.status_code == 302
    assert response["Location"] == "/konto/logg-inn/?next=%2Fadmin%2Fcentres%2Fcentre%2F"


def test_a_form_posted_to_the_admin_login_address_still_logs_in(client):
    user = staff_member("rvts-nord")

    response = client.post(
        "/admin/login/", {"username": user.username, "password": TEST_PASSWORD, "next": "/admin/"}
    )

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_an_account_without_staff_status_cannot_log_in(client):
    user = UserFactory(is_staff=False)

    response = log_in(client, user)

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_logging_out_takes_a_post_and_ends_on_the_login_page_with_a_message(client):
    client.force_login(staff_member("rvts-nord"))

    assert client.get("/konto/logg-ut/").status_code == 405
    response = client.post("/konto/logg-ut/")

    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert "_auth_user_id" not in client.session
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["success"]


def test_logging_out_is_protected_against_forged_requests():
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_member("rvts-nord"))

    response = client.post("/konto/logg-ut/")

    assert response.status_code == 403
    assert "_auth_user_id" in client.session


def test_the_admin_log_out_is_the_same_log_out(client):
    client.force_login(staff_member("rvts-nord"))

    response = client.post("/admin/logout/")

    assert response["Location"] == LOGIN
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("make_user", "landing"),
    [(lambda: staff_member("rvts-nord"), "/admin/"), (lambda: adviser("vestland"), "/oversikt/")],
)
def test_the_start_page_address_sends_each_role_to_its_landing_page(client, make_user, landing):
    client.force_login(make_user())

    assert client.get(reverse("landing"))["Location"] == landing


def test_the_start_page_address_asks_an_anonymous_visitor_to_log_in(client):
    response = client.get(reverse("landing"))

    assert response["Location"] == "/konto/logg-inn/?next=/konto/"


# The public header


def test_an_anonymous_visitor_sees_log_in_in_the_header(client):
    html = client.get("/").content.decode()

    assert f'href="{LOGIN}"' in html
    assert "/konto/logg-ut/" not in html


def test_a_logged_in_person_sees_their_name_and_a_log_out_form(client):
    user = staff_member("rvts-nord", first_name="Kari", last_name="Nordmann")
    client.force_login(user)

    html = client.get("/sentre/").content.decode()

    assert "Kari Nordmann" in html
    assert 'action="/konto/logg-ut/" method="post"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'href="/admin/"' in html


def test_without_a_full_name_the_header_shows_the_username(client):
    user = adviser("vestland", username="radgiver-test")
    client.force_login(user)

    html = client.get("/").content.decode()

    assert "radgiver-test" in html
    assert 'href="/oversikt/"' in html


def test_an_anonymous_page_does_not_depend_on_a_session(client):
    response = client.get("/sentre/")

    assert "private" not in response.get("Cache-Control", "")
    assert response.wsgi_request.session.accessed is False


def test_a_logged_in_persons_page_is_private_and_varies_on_the_cookie(client):
    client.force_login(staff_member("rvts-nord"))

    response = client.get("/sentre/")

    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_a_leftover_session_cookie_without_a_login_is_still_anonymous(client):
    client.cookies[settings.SESSION_COOKIE_NAME] = "utgatt-okt"

    response = client.get("/")

    assert f'href="{LOGIN}"' in response.content.decode()
    assert "private" not in response.get("Cache-Control", "")
