from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from offerings.choices import OfferingFormat, OfferingStatus
from offerings.models import Offering
from offerings.services import change_offering_status, duplicate_offering
from tests.factories import OfferingFactory, OfferingSessionFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
Status = OfferingStatus


@pytest.mark.parametrize(
    ("start", "end", "allowed"),
    [
        (Status.DRAFT, Status.PUBLISHED, True),
        (Status.DRAFT, Status.ARCHIVED, True),
        (Status.DRAFT, Status.CANCELLED, False),
        (Status.PUBLISHED, Status.DRAFT, True),
        (Status.PUBLISHED, Status.CANCELLED, True),
        (Status.PUBLISHED, Status.ARCHIVED, True),
        (Status.CANCELLED, Status.PUBLISHED, False),
        (Status.CANCELLED, Status.DRAFT, True),
        (Status.ARCHIVED, Status.PUBLISHED, False),
        (Status.ARCHIVED, Status.DRAFT, True),
    ],
)
def test_status_changes_follow_the_allowed_flow(start, end, allowed):
    offering = OfferingFactory(status=start)
    OfferingSessionFactory(offering=offering)
    user = UserFactory()
    if allowed:
        change_offering_status(offering=offering, status=end, by=user)
        offering.refresh_from_db()
        assert offering.status == end
    else:
        with pytest.raises(ValidationError):
            change_offering_status(offering=offering, status=end, by=user)
        offering.refresh_from_db()
        assert offering.status == start


def test_publishing_counts_as_verifying_and_is_in_the_history():
    offering = OfferingFactory(status=Status.DRAFT, last_verified_at=None)
    OfferingSessionFactory(offering=offering)
    user = UserFactory()
    change_offering_status(offering=offering, status=Status.PUBLISHED, by=user)
    offering.refresh_from_db()
    assert offering.last_verified_by == user
    latest = offering.history.first()
    assert latest.history_user == user
    assert latest.diff_against(latest.prev_record).changed_fields == [
        "last_verified_at",
        "last_verified_by",
        "published_at",
        "status",
    ]


def test_an_offering_with_dates_cannot_be_published_without_a_session():
    offering = OfferingFactory(status=Status.DRAFT, format=OfferingFormat.IN_PERSON)
    with pytest.raises(ValidationError, match="no dates"):
        change_offering_status(offering=offering, status=Status.PUBLISHED, by=UserFactory())


def test_an_offering_on_request_can_be_published_without_sessions():
    offering = OfferingFactory(status=Status.DRAFT, format=OfferingFormat.ON_REQUEST)
    change_offering_status(offering=offering, status=Status.PUBLISHED, by=UserFactory())
    assert Offering.objects.published().filter(pk=offering.pk).exists()


def test_a_duplicate_is_a_draft_with_sessions_moved_and_places_reset():
    original = OfferingFactory(title="Grunnkurs", status=Status.PUBLISHED, price=500)
    session = OfferingSessionFactory(
        offering=original,
        capacity=40,
        places_left=3,
        registration_deadline=date(2030, 1, 1),
    )
    copy = duplicate_offering(offering=original, shift=timedelta(weeks=26), by=UserFactory())
    assert copy.pk != original.pk
    assert copy.status == Status.DRAFT
    assert (copy.title, copy.price, copy.centre) == ("Grunnkurs", 500, original.centre)
    assert list(copy.service_areas.all()) == list(original.service_areas.all())
    [copied] = copy.sessions.all()
    assert copied.starts_at == session.starts_at + timedelta(weeks=26)
    assert copied.ends_at == session.ends_at + timedelta(weeks=26)
    assert copied.registration_deadline == date(2030, 1, 1) + timedelta(weeks=26)
    assert copied.places_left == 40
    assert original.sessions.count() == 1
