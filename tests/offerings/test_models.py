from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from offerings.models import OfferingSession
from tests.factories import OfferingFactory, OfferingSessionFactory, municipality

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def session(**fields) -> OfferingSession:
    start = timezone.now() + timedelta(days=30)
    values = {
        "offering": OfferingFactory(),
        "starts_at": start,
        "ends_at": start + timedelta(hours=3),
        "is_online": False,
        "venue": "Rådhuset",
        "municipality": municipality("1103"),
    }
    values.update(fields)
    return OfferingSession(**values)


@pytest.mark.parametrize(
    ("fields", "field_in_error", "message"),
    [
        ({"ends_at": timezone.now()}, "ends_at", "end after it starts"),
        (
            {"registration_deadline": (timezone.now() + timedelta(days=40)).date()},
            "registration_deadline",
            "on or before the day",
        ),
        ({"is_online": True, "online_url": "", "municipality": None}, "online_url", "link"),
        ({"venue": ""}, "venue", "venue"),
        ({"municipality": None}, "municipality", "municipality"),
        ({"capacity": 10, "places_left": 11}, "places_left", "capacity"),
    ],
)
def test_a_session_that_breaks_a_rule_is_refused_with_a_clear_message(
    fields, field_in_error, message
):
    with pytest.raises(ValidationError) as refused:
        session(**fields).full_clean()
    errors = refused.value.message_dict
    assert field_in_error in errors
    assert message in " ".join(errors[field_in_error])


def test_a_valid_session_passes_and_a_deadline_on_the_first_day_is_fine():
    start = timezone.localtime(timezone.now() + timedelta(days=30))
    session(
        starts_at=start, ends_at=start + timedelta(hours=1), registration_deadline=start.date()
    ).full_clean()
    session(registration_deadline=date.today()).full_clean()


@pytest.mark.parametrize(
    "fields",
    [
        {"is_online": True, "online_url": "", "municipality": None, "venue": ""},
        {"venue": ""},
        {"capacity": 5, "places_left": 6},
    ],
    ids=["digital without link", "in person without venue", "more places than capacity"],
)
def test_the_database_refuses_what_the_form_would(fields):
    offering = OfferingFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        OfferingSessionFactory(offering=offering, **fields)


def test_the_database_refuses_a_negative_price_and_capacity():
    with pytest.raises(IntegrityError), transaction.atomic():
        OfferingFactory(price=-1)
    with pytest.raises(IntegrityError), transaction.atomic():
        OfferingSessionFactory(capacity=-1, places_left=None)
