"""No address or link secret in the logs, whatever happens along the way."""

import logging
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from portal.core.models import OutboxEmail
from portal.digest.emails import unsubscribe_url
from portal.digest.models import DigestSubscription

from .helpers import CONFIRM_LINK, published_offering

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

EMAIL = "kari.nordmann@time.kommune.no"
FORM = {"email": EMAIL, "municipality": "1121", "topics": ["rus"]}


def path_of(url: str) -> str:
    return url[url.index("/nyhetsbrev/") :]


def test_no_address_or_token_is_logged_from_subscribing_to_unsubscribing(
    client, settings, caplog, mailoutbox, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    settings.DIGEST_RATE_LIMIT = 3

    # Refused by the honeypot, refused as bad input, received, then refused by the rate limit.
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/nyhetsbrev/", {**FORM, "website": "spam"})
        client.post("/nyhetsbrev/", {**FORM, "municipality": "Atlantis"})
        assert client.post("/nyhetsbrev/", FORM).status_code == 302
        assert client.post("/nyhetsbrev/", FORM).status_code == 429
    confirm_path = path_of(CONFIRM_LINK.search(mailoutbox[0].body).group())
    client.post(confirm_path)
    subscription = DigestSubscription.objects.get()
    published_offering(published_at=timezone.now())

    # The mail server is down when the digest is first sent and back for the retry.
    settings.EMAIL_BACKEND = "tests.portal.digest.helpers.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digest", stdout=StringIO(), stderr=StringIO())
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboxEmail.objects.update(next_attempt_at=timezone.now())
    call_command("send_emails", stdout=StringIO())
    digest = OutboxEmail.objects.get(subject__contains="Time")
    unsubscribe_path = path_of(unsubscribe_url(subscription))
    client.post(unsubscribe_path)

    assert len(mailoutbox) == 2
    assert not DigestSubscription.objects.exists()
    assert not OutboxEmail.objects.exists()  # the address left with the subscription
    assert f"Email {digest.pk} could not be sent (attempt 1 of 8): SMTPException" in caplog.text
    assert "Too Many Requests: /nyhetsbrev/" in caplog.text
    confirm_token, unsubscribe_token = confirm_path.split("/")[-2], unsubscribe_path.split("/")[-2]
    for secret in (EMAIL, "kari.nordmann", confirm_token, unsubscribe_token):
        assert secret not in caplog.text
