"""The benchmark runner's reading of wrk's output and its table; no timings are asserted."""

import pytest

from portal.bench import report, wrk
from portal.bench.runner import cold_paths

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000/
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    10.31ms    2.10ms  40.12ms   90.00%
  7760 requests in 10.00s, 50.12MB read
Requests/sec:    776.00
Transfer/sec:      5.01MB
BENCH requests=7760 duration_us=10000000 errors=0 non2xx=3 p50=9800 p95=14250 p99=21000
"""


def run(per_second: float, p99: float = 50.0, non_2xx: int = 0) -> wrk.Run:
    return wrk.Run(
        requests=int(per_second * 10), seconds=10, errors=0, non_2xx=non_2xx,
        p50=p99 / 2, p95=p99 * 0.9, p99=p99,
    )  # fmt: skip


def test_wrk_output_is_read_from_the_scripts_line():
    measured = wrk.parse(WRK_OUTPUT)
    assert measured.requests == 7760
    assert measured.per_second == pytest.approx(776.0)
    assert (measured.p50, measured.p95, measured.p99) == (9.8, 14.25, 21.0)
    assert measured.failed == 3


def test_wrk_output_without_the_line_is_an_error():
    with pytest.raises(ValueError, match="no result line"):
        wrk.parse("unable to connect to 127.0.0.1:8000 Connection refused")


def test_wrk_is_asked_for_a_fixed_duration_connections_and_the_script():
    command = wrk.command("http://127.0.0.1:1/", seconds=10, connections=8)
    assert "--duration=10s" in command
    assert "--connections=8" in command
    assert any(part.endswith("report.lua") for part in command)


def test_a_pages_share_is_its_throughput_over_the_yardsticks_around_it():
    page = report.PageResult("/", run(300), (run(900), run(1100)))
    assert page.yardstick_per_second == pytest.approx(1000)
    assert page.share == pytest.approx(0.3)


def test_the_cost_ratio_compares_shares_at_the_two_scales():
    small = report.PageResult("/", run(500), (run(1000),))
    large = report.PageResult("/", run(100), (run(1000),))
    assert report.cost_ratio(small, large) == pytest.approx(5.0)
    assert report.cost_ratio(None, large) is None


@pytest.mark.parametrize(
    ("page_run", "ratio", "met", "reason"),
    [
        (run(400, p99=80), 1.0, True, None),
        (run(300, p99=80), 1.0, False, "share 0.30 < 0.35"),
        (run(400, p99=120), 1.0, False, "p99 120 ms ≥ 100"),
        (run(400, p99=80), 2.5, False, "costs 2.5× its 1× cost"),
        (run(400, p99=80, non_2xx=2), 1.0, False, "2 failed answers"),
    ],
)
def test_a_page_meets_its_goals_only_when_every_part_does(page_run, ratio, met, reason):
    page = report.PageResult("/", page_run, (run(1000),))
    ok, misses = report.page_goal(page, ratio)
    assert ok is met
    assert (reason in misses) if reason else not misses


def test_percentiles_are_nearest_rank():
    values = list(range(1, 101))
    assert report.percentile(values, 95) == 95
    assert report.percentile([5.0], 95) == 5.0
    assert report.percentile([], 95) == 0.0


def results(**overrides) -> report.Results:
    small = report.ScaleResult("1×", [report.PageResult("/", run(500), (run(1000),))])
    large = report.ScaleResult("100×", [report.PageResult("/", run(400), (run(1000),))])
    values = {
        "machine": "2 cores",
        "seconds": 10,
        "connections": 8,
        "scales": [small, large],
        "cold_times_ms": [20.0] * 100,
        "overview_ms": {"office": [200.0, 210.0, 190.0], "whole country": [900.0, 1200.0, 1300.0]},
    }
    return report.Results(**{**values, **overrides})


def test_the_table_has_a_row_per_page_with_both_scales_and_the_goals():
    table = report.render(results())
    row = next(line for line in table.splitlines() if line.startswith("| `/`"))
    assert row == "| `/` | 500 | 25 / 45 / 50 | 0.50 | 400 | 25 / 45 / 50 | 0.40 | 1.2 | met |"
    assert "Cold at 100× (cache emptied, 100 different URLs once each): p95 20 ms" in table
    assert "- cold p95 < 100 ms: met" in table
    assert "- overview for an office < 500 ms: met" in table
    assert "- overview for the whole country < 1000 ms: **NOT met**" in table
    assert "Overview at 100×, whole country: median 1200 ms." in table


def test_failed_cold_answers_fail_the_cold_goal():
    table = report.render(results(cold_failures=1))
    assert "1 failed answers" in table
    assert "- cold p95 < 100 ms: **NOT met**" in table


def test_a_run_on_a_database_already_at_100x_leaves_the_1x_columns_empty():
    table = report.render(results(scales=[results().scales[1]]))
    row = next(line for line in table.splitlines() if line.startswith("| `/`"))
    assert row.startswith("| `/` | – | – | – | 400 |")


def test_the_cold_addresses_are_a_hundred_different_ones_the_same_every_run():
    paths = cold_paths("/tilbud/1-kurs/")
    assert len(paths) == len(set(paths)) == 100
    assert paths == cold_paths("/tilbud/1-kurs/")
    assert all(path.startswith("/") for path in paths)


@pytest.mark.django_db(transaction=True)
def test_the_cold_client_fetches_each_address_once_and_reports_statuses(live_server):
    from portal.bench.runner import fetch_once

    times, statuses = fetch_once(live_server.url, ["/helse/", "/finnes-ikke/"])
    assert statuses == [200, 404]
    assert len(times) == 2
