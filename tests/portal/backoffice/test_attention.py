from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from centres.models import Centre
from offerings.choices import OfferingStatus
from offerings.models import Offering
from tests.factories import OfferingFactory, UserFactory, centre, staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def everything_fresh():
    """Reference centres start unverified; make them all fresh so each test sets its own."""
    Centre.objects.update(last_verified_at=timezone.now())


def months_ago(months: int):
    return timezone.now() - timedelta(days=30 * months)


def test_entries_unverified_for_six_months_need_verification(everything_fresh):
    stale = OfferingFactory(centre=centre("rvts-nord"), last_verified_at=months_ago(7))
    never = OfferingFactory(centre=centre("rvts-nord"), last_verified_at=None)
    fresh = OfferingFactory(centre=centre("rvts-nord"), last_verified_at=months_ago(2))
    archived = OfferingFactory(
        centre=centre("rvts-nord"), last_verified_at=None, status=OfferingStatus.ARCHIVED
    )
    flagged = set(Offering.objects.needs_verification())
    assert {stale, never} <= flagged
    assert fresh not in flagged
    assert archived not in flagged


def test_the_admin_front_page_lists_the_users_stale_entries_only(client, everything_fresh):
    Centre.objects.filter(slug="rvts-nord").update(last_verified_at=months_ago(8))
    own = OfferingFactory(centre=centre("rvts-nord"), title="Gammelt kurs", last_verified_at=None)
    OfferingFactory(
        centre=centre("korus-vest-stavanger"), title="Andres kurs", last_verified_at=None
    )
    client.force_login(staff_member("rvts-nord"))
    response = client.get("/admin/")
    stale = response.context["needs_attention"]
    assert stale.offerings == [own]
    assert [c.slug for c in stale.centres] == ["rvts-nord"]
    assert "Gammelt kurs" in response.content.decode()
    assert "Andres kurs" not in response.content.decode()


def test_the_changelist_flags_and_filters_stale_offerings(client, everything_fresh):
    stale = OfferingFactory(centre=centre("rvts-nord"), last_verified_at=months_ago(9))
    fresh = OfferingFactory(centre=centre("rvts-nord"), last_verified_at=timezone.now())
    client.force_login(staff_member("rvts-nord"))
    response = client.get("/admin/offerings/offering/", {"verification": "stale"})
    assert list(response.context["cl"].result_list) == [stale]
    assert fresh not in response.context["cl"].result_list
    assert "needs-verification" in response.content.decode()


def test_marking_offerings_verified_records_who_and_when(client, everything_fresh):
    offering = OfferingFactory(centre=centre("rvts-nord"), last_verified_at=months_ago(9))
    user = staff_member("rvts-nord")
    client.force_login(user)
    client.post(
        "/admin/offerings/offering/",
        {"action": "mark_verified", "_selected_action": [offering.pk]},
    )
    offering.refresh_from_db()
    assert offering.last_verified_by == user
    assert timezone.now() - offering.last_verified_at < timedelta(minutes=1)
    assert offering.history.first().history_user == user


def test_reminders_go_to_each_centres_active_staff_with_their_own_entries(
    everything_fresh, django_capture_on_commit_callbacks
):
    OfferingFactory(centre=centre("rvts-nord"), title="Gammelt kurs i nord", last_verified_at=None)
    OfferingFactory(
        centre=centre("korus-vest-stavanger"), title="Gammelt kurs i vest", last_verified_at=None
    )
    staff_member("rvts-nord", email="nord@example.no")
    staff_member("rvts-nord", email="sluttet@example.no", is_active=False)
    staff_member("korus-vest-stavanger", email="vest@example.no")
    UserFactory(email="ingen@example.no")

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_verification_reminders")

    by_recipient = {tuple(message.to): message for message in mail.outbox}
    assert set(by_recipient) == {("nord@example.no",), ("vest@example.no",)}
    north = by_recipient[("nord@example.no",)]
    assert "Gammelt kurs i nord" in north.body
    assert "Gammelt kurs i vest" not in north.body
    assert "/admin/offerings/offering/" in north.body


def test_no_reminders_when_everything_is_fresh(everything_fresh):
    staff_member("rvts-nord")
    OfferingFactory(centre=centre("rvts-nord"), last_verified_at=timezone.now())
    call_command("send_verification_reminders")
    assert mail.outbox == []
