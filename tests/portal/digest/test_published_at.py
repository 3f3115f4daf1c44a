"""`published_at` records when an offering first went out, which is what the digest sends."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from offerings.choices import OfferingStatus
from offerings.models import Offering
from offerings.services import change_offering_status, duplicate_offering
from tests.factories import OfferingFactory, OfferingSessionFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = OfferingStatus


@pytest.fixture
def draft():
    offering = OfferingFactory(status=Status.DRAFT)
    OfferingSessionFactory(offering=offering)
    return offering


def test_publishing_for_the_first_time_sets_published_at(draft):
    before = timezone.now()

    change_offering_status(offering=draft, status=Status.PUBLISHED, by=UserFactory())

    draft.refresh_from_db()
    assert before <= draft.published_at <= timezone.now()
    assert draft.published_at == draft.last_verified_at


def test_publishing_again_after_unpublishing_keeps_the_first_date(draft):
    user = UserFactory()
    change_offering_status(offering=draft, status=Status.PUBLISHED, by=user)
    first = Offering.objects.get(pk=draft.pk).published_at

    for status in (Status.DRAFT, Status.PUBLISHED, Status.CANCELLED, Status.DRAFT):
        change_offering_status(offering=draft, status=status, by=user)
    change_offering_status(offering=draft, status=Status.PUBLISHED, by=user)

    draft.refresh_from_db()
    assert draft.published_at == first
    assert draft.last_verified_at > first


@pytest.mark.parametrize("status", [Status.ARCHIVED])
def test_other_status_changes_leave_published_at_empty(draft, status):
    change_offering_status(offering=draft, status=status, by=UserFactory())

    draft.refresh_from_db()
    assert draft.published_at is None


def test_a_duplicate_is_a_new_draft_that_was_never_published(draft):
    user = UserFactory()
    change_offering_status(offering=draft, status=Status.PUBLISHED, by=user)

    copy = duplicate_offering(offering=draft, shift=timedelta(days=180), by=user)

    assert copy.published_at is None


def test_the_migration_dates_offerings_already_published_or_cancelled_to_their_creation():
    published = OfferingFactory(status=Status.PUBLISHED)
    cancelled = OfferingFactory(status=Status.CANCELLED)
    draft = OfferingFactory(status=Status.DRAFT)
    already = OfferingFactory(status=Status.PUBLISHED, published_at=timezone.now())
    Offering.objects.exclude(pk=already.pk).update(
        created_at=timezone.now() - timedelta(days=100), published_at=None
    )
    migration = importlib.import_module("offerings.migrations.0004_offering_published_at")

    migration.published_offerings_were_published_when_created(apps, None)

    dates = dict(Offering.objects.values_list("pk", "published_at"))
    assert dates[published.pk] == Offering.objects.get(pk=published.pk).created_at
    assert dates[cancelled.pk] == Offering.objects.get(pk=cancelled.pk).created_at
    assert dates[draft.pk] is None
    assert dates[already.pk] == already.published_at
