"""Every email leaves through the outbox: queued with its change, sent after commit, retried."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from portal.core.models import OutboxEmail
from portal.core.outbox import (
    MAX_ATTEMPTS,
    RenderedEmail,
    deliver,
    forget_emails_about,
    prune_sent,
    queue_email,
)
from requests.notifications import outbox_key
from tests.factories import HelpRequestFactory

pytestmark = pytest.mark.django_db

FAILING_BACKEND = "tests.portal.core.test_outbox.RefusingBackend"


class BrokenMailServer(Exception):
    pass


class RefusingBackend:
    """A mail server that refuses everything."""

    def __init__(self, *args, **kwargs) -> None:
        pass

    def send_messages(self, messages):
        raise BrokenMailServer("connection refused")


@pytest.fixture
def failing_mail(settings):
    settings.EMAIL_BACKEND = FAILING_BACKEND


def test_a_failed_send_keeps_the_request_and_the_email_for_a_retry(
    failing_mail, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        help_request = HelpRequestFactory(requester_email="kari@time.example.no")
    help_request.refresh_from_db()
    receipt = OutboxEmail.objects.about(outbox_key(help_request)).get(
        recipient="kari@time.example.no"
    )
    assert receipt.sent_at is None
    assert receipt.attempts == 1
    assert receipt.last_error == "BrokenMailServer"
    assert receipt.next_attempt_at > timezone.now()
    assert "could not be sent" in caplog.text
    assert "kari@time.example.no" not in caplog.text


def test_the_retry_command_sends_what_is_due(
    failing_mail, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        HelpRequestFactory(requester_email="kari@time.example.no")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboxEmail.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    out = StringIO()
    call_command("send_emails", stdout=out)
    assert "Sent 1, failed 0" in out.getvalue()
    assert [m.to for m in mail.outbox] == [["kari@time.example.no"]]
    assert OutboxEmail.objects.get().sent_at is not None


def test_a_retry_waits_longer_after_each_failure(failing_mail):
    HelpRequestFactory()
    email = OutboxEmail.objects.get()
    delays = []
    for _ in range(3):
        before = timezone.now()
        deliver([email])
        delays.append(email.next_attempt_at - before)
    assert delays[0] < delays[1] < delays[2]


def test_after_the_last_attempt_the_email_is_no_longer_retried(failing_mail):
    HelpRequestFactory()
    OutboxEmail.objects.update(attempts=MAX_ATTEMPTS, next_attempt_at=timezone.now())
    out = StringIO()
    call_command("send_emails", stdout=out)
    assert "Sent 0, failed 0" in out.getvalue()


def test_an_email_is_never_sent_twice(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        HelpRequestFactory()
    deliver(OutboxEmail.objects.all())
    call_command("send_emails", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_the_retry_command_leaves_fresh_emails_to_the_send_after_commit():
    HelpRequestFactory()  # queued, its after-commit send not yet run
    out = StringIO()
    call_command("send_emails", stdout=out)
    assert "Sent 0, failed 0" in out.getvalue()
    assert mail.outbox == []


GREETING = RenderedEmail(subject="Hei", body="Hei på deg")


def test_a_rolled_back_change_sends_nothing(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue_email(to=["kari@example.no"], email=GREETING)
        raise RuntimeError("the change failed")
    assert OutboxEmail.objects.count() == 0
    assert mail.outbox == []


def test_each_address_gets_one_email_with_the_headers_and_attachments_as_queued(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(
            to=["kari@example.no", "ola@example.no", "kari@example.no", ""],
            email=GREETING,
            headers={"List-Unsubscribe": "<https://example.no/avmeld/>"},
            attachments=[
                {"filename": "kurs.ics", "content": "BEGIN:VCALENDAR", "mimetype": "text/calendar"}
            ],
        )
    assert sorted(message.to[0] for message in mail.outbox) == ["kari@example.no", "ola@example.no"]
    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe"] == "<https://example.no/avmeld/>"
    assert message.attachments[0][0] == "kurs.ics"


def test_emails_about_a_record_can_be_forgotten_and_old_sent_ones_are_pruned():
    queue_email(to=["kari@example.no"], email=GREETING, about="helprequest:1")
    queue_email(to=["ola@example.no"], email=GREETING, about="helprequest:2")
    assert forget_emails_about(["helprequest:1"]) == 1
    OutboxEmail.objects.update(sent_at=timezone.now() - timedelta(days=31))
    assert prune_sent() == 1
    assert OutboxEmail.objects.count() == 0
