from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from portal.core.models import OutboxEmail
from requests import services
from requests.models import Event, HelpRequest
from requests.notifications import outbox_key
from tests.factories import HelpRequestFactory, UserFactory, centre

pytestmark = pytest.mark.django_db

PERSONAL_FIELDS = ("requester_name", "requester_role", "requester_email", "requester_phone")


def completed_request(*, closed_days_ago: int) -> HelpRequest:
    help_request = HelpRequestFactory(
        requester_phone="51 00 00 00", description="Fritekst om behovet"
    )
    staff, stavanger = UserFactory(), centre("korus-vest-stavanger")
    services.set_priority(
        help_request=help_request, centre=stavanger, by=staff, priority="high", rationale="Haster"
    )
    services.take_lead(help_request=help_request, centre=stavanger, by=staff)
    services.add_note(help_request=help_request, centre=stavanger, by=staff, text="Notat")
    services.reply_to_requester(
        help_request=help_request, centre=stavanger, by=staff, text="Svartekst fra senteret"
    )
    services.start_work(help_request=help_request, centre=stavanger, by=staff)
    services.complete(help_request=help_request, centre=stavanger, by=staff, message="Takk")
    closed = timezone.now() - timedelta(days=closed_days_ago)
    HelpRequest.objects.filter(pk=help_request.pk).update(closed_at=closed)
    help_request.refresh_from_db()
    return help_request


def test_requests_closed_longer_than_the_retention_period_lose_personal_data_and_free_text():
    old = completed_request(closed_days_ago=400)
    assert OutboxEmail.objects.about(outbox_key(old)).exists()
    call_command("anonymise_requests", stdout=StringIO())
    old.refresh_from_db()
    for field in (*PERSONAL_FIELDS, "description", "priority_rationale"):
        assert getattr(old, field) == "", field
    assert old.anonymised_at is not None
    assert set(Event.objects.filter(help_request=old).values_list("text", flat=True)) == {""}
    assert not OutboxEmail.objects.about(outbox_key(old)).exists()


def test_the_history_rows_are_erased_too():
    old = completed_request(closed_days_ago=400)
    assert old.history.filter(requester_name__startswith="Synne").exists()
    call_command("anonymise_requests", stdout=StringIO())
    for row in old.history.all():
        assert (row.requester_name, row.requester_email, row.description) == ("", "", "")
        assert row.priority_rationale == ""


def test_the_statistics_fields_stay():
    old = completed_request(closed_days_ago=400)
    before = (old.municipality_id, old.status, old.submitted_at, old.first_response_at)
    topics = set(old.topics.all())
    call_command("anonymise_requests", stdout=StringIO())
    old.refresh_from_db()
    assert (old.municipality_id, old.status, old.submitted_at, old.first_response_at) == before
    assert set(old.topics.all()) == topics
    assert old.lead_centre.slug == "korus-vest-stavanger"
    assert old.events.count() > 0


def test_recently_closed_and_open_requests_are_kept(settings):
    settings.HELP_REQUEST_RETENTION_DAYS = 365
    recent = completed_request(closed_days_ago=300)
    still_open = HelpRequestFactory()
    HelpRequest.objects.filter(pk=still_open.pk).update(
        submitted_at=timezone.now() - timedelta(days=800)
    )
    call_command("anonymise_requests", stdout=StringIO())
    for help_request in (recent, still_open):
        help_request.refresh_from_db()
        assert help_request.requester_name.startswith("Synne")
        assert help_request.anonymised_at is None


def test_the_retention_period_is_a_setting(settings):
    settings.HELP_REQUEST_RETENTION_DAYS = 30
    old = completed_request(closed_days_ago=31)
    call_command("anonymise_requests", stdout=StringIO())
    old.refresh_from_db()
    assert old.requester_name == ""


def test_an_anonymised_requests_status_page_still_shows_its_status(client):
    old = completed_request(closed_days_ago=400)
    call_command("anonymise_requests", stdout=StringIO())
    response = client.get(f"/henvendelse/status/{old.status_token}/")
    assert response.status_code == 200
    assert "Svartekst fra senteret" not in response.content.decode().split("<main", 1)[1]


def test_the_daily_clean_up_forgets_the_network_addresses_of_the_rate_limit(settings):
    from portal.core.models import RateLimitHit

    settings.HELP_REQUEST_RATE_WINDOW_SECONDS = 3600
    old = RateLimitHit.objects.create(
        scope="help-request", client="192.0.2.1", hit_at=timezone.now() - timedelta(hours=2)
    )
    recent = RateLimitHit.objects.create(scope="help-request", client="192.0.2.2")
    call_command("anonymise_requests", stdout=StringIO())
    assert list(RateLimitHit.objects.all()) == [recent]
    assert not RateLimitHit.objects.filter(pk=old.pk).exists()
