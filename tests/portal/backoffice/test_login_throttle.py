"""Password guessing on the admin login is throttled per username and address."""

import logging
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.utils import timezone

from portal.backoffice.login_throttle import (
    ThrottledAdminAuthenticationForm,
    client_ip,
    is_locked_out,
    record_failure,
    reserve_attempt,
)
from portal.backoffice.models import FailedLogin

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

PASSWORD = "riktig-hest-batteri-stift"
WRONG_PASSWORD = "hemmelig-gjetning-42"
ADDRESS = "203.0.113.7"
OTHER_ADDRESS = "198.51.100.9"
LOCKOUT_TEXT = "Too many failed attempts."


@pytest.fixture
def staff_user():
    return get_user_model().objects.create_user(username="kari", password=PASSWORD, is_staff=True)


def attempt(username: str, password: str, *, ip: str = ADDRESS) -> ThrottledAdminAuthenticationForm:
    """One try with the admin login form, validated as the login view would."""
    request = RequestFactory().post("/admin/login/", REMOTE_ADDR=ip)
    form = ThrottledAdminAuthenticationForm(
        request, data={"username": username, "password": password}
    )
    form.is_valid()
    return form


def fail_until_locked_out(username: str = "kari", *, ip: str = ADDRESS) -> None:
    for _ in range(django_settings.LOGIN_FAILURE_LIMIT):
        assert not attempt(username, WRONG_PASSWORD, ip=ip).is_valid()


def is_refused_as_locked_out(form: ThrottledAdminAuthenticationForm) -> bool:
    return form.has_error("__all__", code="locked_out")


def test_the_correct_password_works_before_any_failures(staff_user):
    assert attempt("kari", PASSWORD).is_valid()


def test_four_wrong_passwords_do_not_lock_anyone_out(staff_user):
    for _ in range(django_settings.LOGIN_FAILURE_LIMIT - 1):
        attempt("kari", WRONG_PASSWORD)

    assert not is_locked_out(username="kari", ip=ADDRESS)
    assert attempt("kari", PASSWORD).is_valid()


def test_five_wrong_passwords_lock_the_username_and_address_out(staff_user):
    fail_until_locked_out()

    assert is_locked_out(username="kari", ip=ADDRESS)


def test_the_correct_password_is_then_refused_with_the_lockout_message(staff_user):
    fail_until_locked_out()

    form = attempt("kari", PASSWORD)

    assert not form.is_valid()
    assert is_refused_as_locked_out(form)
    assert form.get_user() is None
    assert form.non_field_errors() == [
        "Too many failed attempts. For your security, logging in with this username is paused "
        "for 15 minutes. Try again later or ask a portal editor for help."
    ]


def test_a_locked_out_attempt_does_not_even_check_the_password(staff_user):
    fail_until_locked_out()

    with mock.patch("django.contrib.auth.forms.authenticate") as authenticate:
        attempt("kari", PASSWORD)

    authenticate.assert_not_called()


def test_the_lockout_message_gives_the_minutes_from_the_setting(staff_user, settings):
    settings.LOGIN_LOCKOUT_SECONDS = 60
    fail_until_locked_out()

    message = attempt("kari", PASSWORD).non_field_errors()[0]

    assert "paused for 1 minute." in message


def test_the_failure_limit_comes_from_the_setting(staff_user, settings):
    settings.LOGIN_FAILURE_LIMIT = 2

    attempt("kari", WRONG_PASSWORD)
    attempt("kari", WRONG_PASSWORD)

    assert is_refused_as_locked_out(attempt("kari", PASSWORD))


def test_another_address_is_not_locked_out(staff_user):
    fail_until_locked_out(ip=ADDRESS)

    assert attempt("kari", PASSWORD, ip=OTHER_ADDRESS).is_valid()


def test_another_username_is_not_locked_out(staff_user):
    get_user_model().objects.create_user(username="ola", password=PASSWORD, is_staff=True)
    fail_until_locked_out("kari")

    assert attempt("ola", PASSWORD).is_valid()


def test_case_variants_of_a_username_count_as_one_username(staff_user):
    for username in ["kari", "KARI", "Kari", "kArI", " kari"]:
        attempt(username, WRONG_PASSWORD)

    assert is_refused_as_locked_out(attempt("kari", PASSWORD))


def test_login_works_again_after_the_lockout_window(staff_user, settings):
    fail_until_locked_out()
    long_ago = timezone.now() - timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS + 1)
    FailedLogin.objects.update(attempted_at=long_ago)

    assert not is_locked_out(username="kari", ip=ADDRESS)
    assert attempt("kari", PASSWORD).is_valid()


def test_a_successful_login_clears_earlier_failures(staff_user, client):
    for _ in range(django_settings.LOGIN_FAILURE_LIMIT - 1):
        attempt("kari", WRONG_PASSWORD)

    client.post("/admin/login/", {"username": "kari", "password": PASSWORD}, REMOTE_ADDR=ADDRESS)

    assert "_auth_user_id" in client.session
    assert not FailedLogin.objects.filter(username="kari", ip_address=ADDRESS).exists()
    attempt("kari", WRONG_PASSWORD)
    assert not is_locked_out(username="kari", ip=ADDRESS)


def test_a_successful_login_leaves_failures_from_other_addresses_alone(staff_user, client):
    fail_until_locked_out(ip=OTHER_ADDRESS)

    client.post("/admin/login/", {"username": "kari", "password": PASSWORD}, REMOTE_ADDR=ADDRESS)

    assert is_locked_out(username="kari", ip=OTHER_ADDRESS)


def test_failures_are_logged_with_the_username_and_never_the_password(staff_user, caplog):
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        attempt("kari", WRONG_PASSWORD)

    [record] = caplog.records
    assert record.name == "portal.security"
    assert record.levelno == logging.WARNING
    assert "kari" in record.getMessage()
    assert ADDRESS in record.getMessage()
    assert WRONG_PASSWORD not in caplog.text


def test_the_lockout_and_refused_attempts_are_logged_without_the_password(staff_user, caplog):
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        fail_until_locked_out()
        attempt("kari", PASSWORD)

    messages = [record.getMessage() for record in caplog.records]
    assert any(message.startswith("Login locked out for username 'kari'") for message in messages)
    assert messages[-1] == f"Refused login for locked-out username 'kari' from {ADDRESS}"
    assert all(record.levelno == logging.WARNING for record in caplog.records)
    assert PASSWORD not in caplog.text
    assert WRONG_PASSWORD not in caplog.text


def test_a_username_cannot_forge_log_lines(caplog):
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        record_failure(username="kari\nLogin succeeded for admin", ip=ADDRESS)

    assert "\n" not in caplog.records[0].getMessage()


def test_failures_older_than_a_day_are_pruned_when_a_new_one_is_recorded():
    FailedLogin.objects.create(
        username="old", ip_address=ADDRESS, attempted_at=timezone.now() - timedelta(days=2)
    )

    record_failure(username="kari", ip=ADDRESS)

    assert list(FailedLogin.objects.values_list("username", flat=True)) == ["kari"]


def test_an_overlong_username_is_recorded_without_error():
    record_failure(username="x" * 1000, ip=ADDRESS)

    assert is_locked_out(username="x" * 1000, ip=ADDRESS) is False
    assert FailedLogin.objects.get().username == "x" * 150


def test_the_client_address_ignores_x_forwarded_for():
    request = RequestFactory().get("/", REMOTE_ADDR=ADDRESS, HTTP_X_FORWARDED_FOR=OTHER_ADDRESS)

    assert client_ip(request) == ADDRESS


def test_a_missing_or_malformed_client_address_is_none():
    assert client_ip(None) is None
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR="")) is None
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR="not-an-address")) is None


def test_the_admin_login_page_shows_the_lockout_message(staff_user, client):
    for _ in range(django_settings.LOGIN_FAILURE_LIMIT):
        client.post(
            "/admin/login/", {"username": "kari", "password": WRONG_PASSWORD}, REMOTE_ADDR=ADDRESS
        )

    response = client.post(
        "/admin/login/",
        {"username": "kari", "password": PASSWORD},
        REMOTE_ADDR=ADDRESS,
    )

    assert response.status_code == 200
    assert LOCKOUT_TEXT in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_back_office_session_ends_after_an_hour_without_a_request():
    assert django_settings.SESSION_COOKIE_AGE == 60 * 60
    assert django_settings.SESSION_SAVE_EVERY_REQUEST is True


def test_every_admin_response_renews_the_session_cookie_for_the_full_hour(staff_user, client):
    client.force_login(staff_user)

    for _ in range(2):
        response = client.get("/admin/")
        cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
        assert response.status_code == 200
        assert int(cookie["max-age"]) == django_settings.SESSION_COOKIE_AGE


def test_each_failed_attempt_is_counted_once(staff_user):
    attempt("kari", WRONG_PASSWORD)
    assert FailedLogin.objects.count() == 1


def test_attempts_are_counted_before_the_password_is_checked(staff_user):
    # Parallel guesses each take a place first, so no more than the limit get their password
    # checked, however many arrive at once.
    places = [
        reserve_attempt(username="kari", ip=ADDRESS)
        for _ in range(django_settings.LOGIN_FAILURE_LIMIT + 3)
    ]
    assert places.count(True) == django_settings.LOGIN_FAILURE_LIMIT
    assert FailedLogin.objects.count() == django_settings.LOGIN_FAILURE_LIMIT


def test_the_addresses_of_one_ipv6_subscriber_share_a_quota():
    first = RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:2::17")
    second = RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:2:ffff::1")
    assert client_ip(first) == client_ip(second) == "2001:db8:1:2::"


def test_behind_a_proxy_the_address_comes_from_the_header_the_proxy_sets(settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP=ADDRESS, HTTP_X_FORWARDED_FOR="1.2.3.4"
    )
    assert client_ip(request) == ADDRESS
