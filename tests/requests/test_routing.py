import pytest

from centres.coverage import centres_covering
from centres.models import Centre, Municipality, ServiceArea
from requests.choices import CandidateReason
from requests.routing import route
from tests.factories import HelpRequestFactory, centre, municipality, topic

pytestmark = pytest.mark.django_db


def routed(number: str, *topic_slugs: str, preferred: str | None = None) -> list[str]:
    return [
        c.slug
        for c in route(
            municipality=municipality(number),
            topics=[topic(slug) for slug in topic_slugs],
            preferred=centre(preferred) if preferred else None,
        ).centres
    ]


def test_time_and_substance_use_go_to_korus_stavanger_and_the_national_centres_for_it():
    assert routed("1121", "rus") == ["korus-vest-stavanger", "napha", "sanks"]


def test_time_and_substance_use_do_not_go_to_korus_bergen_or_to_centres_for_other_topics():
    slugs = routed("1121", "rus")
    assert "korus-vest-bergen" not in slugs
    assert "rvts-vest" not in slugs
    assert "nkvts" not in slugs


def test_a_child_topic_reaches_the_centres_working_on_it_not_those_on_its_parent_only():
    # Bodø × gambling: the finder names KoRus Nord only, so routing does too (NAPHA and SANKS
    # work on substance use in general, which does not include a specialism in gambling).
    assert routed("1804", "spilleavhengighet") == ["korus-nord"]


def test_a_parent_topic_reaches_centres_working_on_its_children():
    slugs = routed("4601", "psykisk-helse")  # Bergen
    assert {"rkbu-vest", "napha", "sanks"} <= set(slugs)
    assert "korus-vest-bergen" not in slugs


def test_several_topics_reach_the_centres_of_each_without_duplicates():
    slugs = routed("1121", "rus", "vold-og-traumer")
    assert slugs == sorted(set(slugs), key=slugs.index)
    assert {"korus-vest-stavanger", "rvts-vest", "nkvts", "napha", "sanks"} <= set(slugs)


def test_the_preferred_centre_comes_first():
    assert routed("1121", "rus", preferred="sanks")[0] == "sanks"


def test_a_preferred_centre_outside_the_routing_is_still_included_first():
    slugs = routed("1121", "rus", preferred="korus-vest-bergen")
    assert slugs == ["korus-vest-bergen", "korus-vest-stavanger", "napha", "sanks"]


def test_a_named_centre_outside_the_coverage_is_marked_as_named():
    routing = route(
        municipality=municipality("1121"), topics=[topic("rus")], preferred=centre("rvts-nord")
    )
    assert routing.named_outside_coverage == centre("rvts-nord")
    inside = route(
        municipality=municipality("1121"), topics=[topic("rus")], preferred=centre("napha")
    )
    assert inside.named_outside_coverage is None


def test_centres_that_do_not_accept_requests_are_left_out():
    Centre.objects.filter(slug="napha").update(accepts_requests=False)
    assert routed("1121", "rus") == ["korus-vest-stavanger", "sanks"]


def test_a_topic_nobody_covers_falls_back_to_every_centre_covering_the_county():
    Centre.service_areas.through.objects.filter(servicearea__slug="samisk").delete()
    routing = route(municipality=municipality("1121"), topics=[topic("samisk")])
    assert routing.fell_back
    assert {"korus-vest-stavanger", "rvts-vest", "rkbu-vest", "napha"} <= {
        c.slug for c in routing.centres
    }


def test_a_submitted_request_records_its_candidates_in_order():
    help_request = HelpRequestFactory(preferred_centre=centre("napha"))
    assert [c.centre.slug for c in help_request.candidates.all()] == [
        "napha",
        "korus-vest-stavanger",
        "sanks",
    ]
    assert {c.reason for c in help_request.candidates.all()} == {CandidateReason.COVERS}


def test_a_named_centre_outside_the_coverage_is_recorded_as_named():
    help_request = HelpRequestFactory(preferred_centre=centre("rvts-nord"))
    reasons = {c.centre.slug: c.reason for c in help_request.candidates.all()}
    assert reasons == {
        "rvts-nord": CandidateReason.NAMED,
        "korus-vest-stavanger": CandidateReason.COVERS,
        "napha": CandidateReason.COVERS,
        "sanks": CandidateReason.COVERS,
    }


def test_routing_sends_every_request_to_exactly_the_finders_centres_everywhere():
    """All 357 municipalities × every topic: the candidates are the centres the finder shows
    that accept requests, except the documented fallback when nobody works on the topic."""
    topics = list(ServiceArea.objects.all())
    finder: dict[tuple[int, int], list[str]] = {}
    mismatches = []
    for place in Municipality.objects.select_related("county"):
        for chosen in topics:
            key = (place.county_id, chosen.pk)
            if key not in finder:  # the finder's list, read once per county and topic
                finder[key] = [
                    c.slug
                    for c in centres_covering(place, [chosen]).order_by("is_national", "short_name")
                    if c.accepts_requests
                ]
            routing = route(municipality=place, topics=[chosen])
            got = [c.slug for c in routing.centres]
            if routing.fell_back:
                if finder[key]:
                    mismatches.append((place.number, chosen.slug, "fell back although covered"))
            elif got != finder[key]:
                mismatches.append((place.number, chosen.slug, got, finder[key]))
    assert len({place for place, *_ in mismatches}) == 0, mismatches[:10]
    assert Municipality.objects.count() == 357
