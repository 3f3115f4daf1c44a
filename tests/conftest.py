import pytest
from django.utils import translation

from centres.reference import load_reference_data
from portal.demo.loader import load_demo_content
from tests.query_counts import measure_at_1x_and_10x


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the real reference data, as a deployed site does."""
    with django_db_blocker.unblock():
        load_reference_data()


@pytest.fixture(scope="session")
def measured_queries(request, django_db_setup, django_db_blocker):
    """Every budgeted page of the collected test modules, measured once at 1× and 10× the demo
    data (see tests/query_counts.py)."""
    modules = {
        item.module.__name__: item.module
        for item in request.session.items
        if item.get_closest_marker("query_budget")
    }
    with django_db_blocker.unblock():
        return measure_at_1x_and_10x(list(modules.values()))


@pytest.fixture
def demo_content(db):
    return load_demo_content(scale=1)


@pytest.fixture
def scaled_demo_content(db, request):
    """Demo content at the scale given by indirect parametrisation (1 or 10)."""
    return load_demo_content(scale=request.param)


@pytest.fixture
def in_english(client):
    """Tests that read English messages: the site's default language is Bokmål."""
    client.cookies["sprak"] = "en"
    with translation.override("en"):
        yield
