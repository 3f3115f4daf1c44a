import pytest
from django.db import connection

from offerings.models import Offering
from tests.factories import OfferingFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN indexes are PostgreSQL's"),
]


@pytest.mark.parametrize("name", ["offering_search_gin", "centre_search_gin"])
def test_search_gin_indexes_exist(name):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [name])
        (definition,) = cursor.fetchone()
    assert "USING gin" in definition
    assert "'norwegian'::regconfig" in definition


def test_offering_search_uses_the_gin_index():
    OfferingFactory.create_batch(3)
    queryset = Offering.objects.search("traumer")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = queryset.explain()
    assert "offering_search_gin" in plan


def test_the_indexes_cover_the_fields_the_search_uses():
    """If the searched fields change, a migration must rebuild the index (see 0002 migrations)."""
    from centres.querysets import CENTRE_SEARCH_FIELDS
    from offerings.querysets import OFFERING_SEARCH_FIELDS

    with connection.cursor() as cursor:
        for name, fields in (
            ("offering_search_gin", OFFERING_SEARCH_FIELDS),
            ("centre_search_gin", CENTRE_SEARCH_FIELDS),
        ):
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [name])
            (definition,) = cursor.fetchone()
            for field in fields:
                assert f"COALESCE({field}," in definition, (name, field)
