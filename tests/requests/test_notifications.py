from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from requests.models import Notification
from requests.notifications import MAX_ATTEMPTS, deliver
from tests.factories import HelpRequestFactory

pytestmark = pytest.mark.django_db


class BrokenMailServer(Exception):
    pass


@pytest.fixture
def failing_mail(monkeypatch):
    def fail(*args, **kwargs):
        raise BrokenMailServer("connection refused")

    monkeypatch.setattr("requests.notifications.send_mail", fail)


def test_a_failed_send_keeps_the_request_and_the_email_for_a_retry(
    failing_mail, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        help_request = HelpRequestFactory(requester_email="kari@time.example.no")
    help_request.refresh_from_db()
    receipt = Notification.objects.get(help_request=help_request)
    assert receipt.sent_at is None
    assert receipt.attempts == 1
    assert receipt.last_error == "BrokenMailServer"
    assert receipt.next_attempt_at > timezone.now()
    assert "could not be sent" in caplog.text
    assert "kari@time.example.no" not in caplog.text


def test_the_retry_command_sends_what_is_due(
    failing_mail, django_capture_on_commit_callbacks, monkeypatch
):
    with django_capture_on_commit_callbacks(execute=True):
        HelpRequestFactory(requester_email="kari@time.example.no")
    monkeypatch.undo()
    Notification.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    out = StringIO()
    call_command("send_notifications", stdout=out)
    assert "Sent 1, failed 0" in out.getvalue()
    assert [m.to for m in mail.outbox] == [["kari@time.example.no"]]
    assert Notification.objects.get().sent_at is not None


def test_a_retry_waits_longer_after_each_failure(failing_mail):
    HelpRequestFactory()
    notification = Notification.objects.get()
    delays = []
    for _ in range(3):
        before = timezone.now()
        deliver([notification])
        delays.append(notification.next_attempt_at - before)
    assert delays[0] < delays[1] < delays[2]


def test_after_the_last_attempt_the_email_is_no_longer_retried(failing_mail):
    HelpRequestFactory()
    Notification.objects.update(attempts=MAX_ATTEMPTS, next_attempt_at=timezone.now())
    out = StringIO()
    call_command("send_notifications", stdout=out)
    assert "Sent 0, failed 0" in out.getvalue()


def test_an_email_is_never_sent_twice(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        HelpRequestFactory()
    deliver(Notification.objects.all())
    call_command("send_notifications", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_the_retry_command_leaves_fresh_emails_to_the_send_after_commit():
    HelpRequestFactory()  # queued, its after-commit send not yet run
    out = StringIO()
    call_command("send_notifications", stdout=out)
    assert "Sent 0, failed 0" in out.getvalue()
    assert mail.outbox == []
