import pytest
from django.test import RequestFactory

from portal.bench.yardstick import yardstick

pytestmark = pytest.mark.django_db


def test_the_yardstick_is_not_served_unless_the_benchmark_asks_for_it(client):
    assert client.get("/benchmark/yardstick/").status_code == 404


def test_the_yardstick_runs_one_query_and_renders_a_small_page(django_assert_num_queries):
    with django_assert_num_queries(1):
        response = yardstick(RequestFactory().get("/benchmark/yardstick/"))
    assert response.status_code == 200
    assert b"Nord" in response.content
    assert len(response.content) < 500
