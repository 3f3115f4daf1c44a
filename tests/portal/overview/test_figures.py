"""Every aggregate of the overview against the hand-worked world in conftest.py."""

from dataclasses import replace

import pytest

from centres.models import County
from portal.overview.figures import build_overview

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("world", "in_english")]


def shown(table) -> dict[str, list[str]]:
    return {str(row[0]): [cell.display for cell in row[1:]] for row in table.rows}


@pytest.fixture
def overview(rogaland):
    return build_overview(rogaland)


def test_requests_per_topic_count_a_parent_with_its_children_and_hide_small_counts(overview):
    per_topic = shown(overview.tables["requests-topic"])
    assert per_topic["Substance use and addiction"] == ["4"]  # R1, R2, R3, R6
    assert per_topic["Gambling addiction"] == ["< 3"]  # R2 only
    assert per_topic["Violence, abuse and trauma"] == ["< 3"]  # R4, R5
    assert per_topic["Mental health"] == ["0"]


def test_requests_per_kind_of_help(overview):
    per_kind = shown(overview.tables["requests-kind"])
    assert per_kind["Supervision"] == ["3"]  # R1, R3, R6
    assert per_kind["Course"] == ["3"]  # R2, R4, R5
    assert per_kind["Webinar"] == ["0"]


def test_requests_per_status_are_all_below_three_here(overview):
    per_status = shown(overview.tables["requests-status"])
    assert per_status == {
        "Received": ["< 3"],
        "In triage": ["0"],
        "Accepted": ["0"],
        "In progress": ["< 3"],
        "Completed": ["< 3"],
        "Referred": ["< 3"],
        "Declined": ["< 3"],
    }


def test_response_times_per_lead_centre_and_overall_are_interpolated_percentiles(overview):
    times = shown(overview.tables["response-times"])
    # KoRus Vest Stavanger led R1-R3: three answers are too few for a median that is not
    # simply one request's own waiting time, and two completed requests too few to count.
    assert times["KoRus Vest Stavanger"] == ["3", "n < 5", "n < 5", "< 3", "n < 5", "n < 5"]
    # All six: first responses 6, 12, 24, 48, 72 hours (R6 unanswered).
    # Median 24 h = 1.0 day; 90th percentile 48 + 0.6 × 24 = 62.4 h = 2.6 days.
    assert times["All requests"] == ["6", "1.0", "2.6", "< 3", "n < 5", "n < 5"]


def test_referred_and_declined_requests_by_reason(overview):
    reasons = shown(overview.tables["outcomes"])
    assert reasons["Outside the centres' mandate"] == ["0", "< 3"]
    assert reasons["Another service is better placed"] == ["< 3", "0"]
    assert reasons["No capacity in the timeframe"] == ["0", "0"]


def test_requests_per_quarter_cover_every_quarter_of_the_period(overview):
    # Q1 holds 5, but with Q2 "< 3" and the total of 6 shown elsewhere, 5 would give Q2 away.
    assert shown(overview.tables["requests-quarter"]) == {
        "2026 Q1": ["hidden"],
        "2026 Q2": ["< 3"],
    }


def test_reach_counts_requests_and_offerings_held_per_municipality(overview):
    reach = shown(overview.tables["reach"])
    # Time's 4 is hidden as well: with the total shown elsewhere it would give Stavanger away.
    assert reach["Time"] == ["hidden", "0"]
    assert reach["Stavanger"] == ["< 3", "1"]  # O1 held there; O7 is a draft
    assert reach["Sola"] == ["0", "0"]  # O6's session was cancelled
    assert len(reach) == County.objects.get(number="11").municipalities.count()


def test_unreached_municipalities_had_neither_an_offering_nor_a_request(overview):
    unreached = {place.name for place in overview.reach.unreached}
    assert "Time" not in unreached
    assert "Stavanger" not in unreached
    assert "Sola" in unreached
    assert len(unreached) == County.objects.get(number="11").municipalities.count() - 2


def test_offerings_open_to_the_counties_in_the_period(overview):
    assert shown(overview.tables["offerings-format"]) == {
        "In person": ["2"],  # O1, and O4 held in Bergen but open to Rogaland
        "Digital": ["1"],  # O2; O8 is only for Vestland
        "Hybrid": ["0"],
        "On request": ["1"],  # O3, from a national centre
    }
    assert shown(overview.tables["offerings-cost"]) == {"Free": ["3"], "Paid": ["1"]}
    assert shown(overview.tables["offerings-centre"]) == {
        "KoRus Vest Stavanger": ["2"],
        "NAPHA": ["1"],
        "RVTS Vest": ["1"],
    }
    per_type = shown(overview.tables["offerings-type"])
    assert (per_type["Course"], per_type["Webinar"], per_type["Consultation and advice"]) == (
        ["2"],
        ["1"],
        ["1"],
    )
    per_topic = shown(overview.tables["offerings-topic"])
    assert per_topic["Substance use and addiction"] == ["2"]
    assert per_topic["Mental health"] == ["1"]  # O3 counts under its parent topic
    assert per_topic["Mental health – adults"] == ["1"]
    assert per_topic["Violence, abuse and trauma"] == ["1"]  # O4


def test_coverage_counts_centres_covering_each_topic_and_offerings_open_to_the_county(overview):
    coverage = shown(overview.tables["coverage"])  # [centres, offerings open to] for Rogaland
    assert coverage["Substance use and addiction"] == ["3", "2"]  # KoRus VS, NAPHA, SANKS
    assert coverage["Gambling addiction"] == ["1", "0"]  # KoRus VS works on it by name
    assert coverage["Mental health"] == ["3", "1"]  # RKBU Vest, NAPHA, SANKS
    assert coverage["Mental health – children and young people"] == ["2", "0"]
    assert coverage["Violence, abuse and trauma"] == ["2", "1"]  # RVTS Vest, NKVTS; O4
    assert coverage["Child welfare"] == ["1", "0"]  # RKBU Vest


def test_drilling_down_to_a_county_shows_its_municipalities(rogaland):
    rogaland_only = replace(rogaland, county=rogaland.counties[0])
    coverage = build_overview(rogaland_only).coverage
    stavanger = next(c for c in coverage.columns if c.name == "Stavanger")
    time = next(c for c in coverage.columns if c.name == "Time")
    rus = next(r for r in coverage.rows if r.topic.slug == "rus")
    # "Open to" is decided per county: every municipality of Rogaland has O1 and O2.
    assert coverage.offerings[rus.topic.pk, stavanger.pk] == 2
    assert coverage.offerings[rus.topic.pk, time.pk] == 2
    assert coverage.centres[rus.topic.pk, time.pk] == 3
    # Where they were held is the reach table's figure: O1 in Stavanger, nothing in Time.
    reach = shown(build_overview(rogaland_only).tables["reach"])
    assert (reach["Stavanger"][1], reach["Time"][1]) == ("1", "0")


def test_choosing_a_topic_narrows_every_figure_to_it(rogaland):
    from tests.factories import topic

    violence = build_overview(replace(rogaland, topic=topic("vold-og-traumer")))
    assert [row.topic.slug for row in violence.coverage.rows] == ["vold-og-traumer"]
    assert shown(violence.tables["requests-kind"])["Course"] == ["< 3"]  # R4, R5
    assert shown(violence.tables["requests-quarter"]) == {"2026 Q1": ["< 3"], "2026 Q2": ["0"]}
    assert shown(violence.tables["offerings-cost"]) == {"Free": ["1"], "Paid": ["0"]}  # O4


def test_a_quarter_the_period_only_partly_covers_is_marked_as_part(rogaland):
    from datetime import date

    overview = build_overview(replace(rogaland, start=date(2026, 2, 1)))
    assert list(shown(overview.tables["requests-quarter"])) == ["2026 Q1 (part)", "2026 Q2"]


def test_with_a_topic_chosen_reach_counts_only_offerings_on_it(rogaland):
    from tests.factories import topic

    reach = shown(build_overview(replace(rogaland, topic=topic("vold-og-traumer"))).tables["reach"])
    assert reach["Stavanger"] == ["< 3", "0"]  # O1 is about rus


def test_a_topic_no_centre_covers_in_a_county_counts_zero_centres(rogaland):
    from centres.models import Centre

    Centre.service_areas.through.objects.filter(servicearea__slug="barnevern").delete()
    coverage = shown(build_overview(rogaland).tables["coverage"])
    assert coverage["Child welfare"] == ["0", "0"]
