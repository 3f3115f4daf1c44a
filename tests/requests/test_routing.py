import pytest

from centres.models import Centre
from requests.routing import candidate_centres
from tests.factories import HelpRequestFactory, centre, municipality, topic

pytestmark = pytest.mark.django_db


def routed(number: str, *topic_slugs: str, preferred: str | None = None) -> list[str]:
    return [
        c.slug
        for c in candidate_centres(
            municipality=municipality(number),
            topics=[topic(slug) for slug in topic_slugs],
            preferred=centre(preferred) if preferred else None,
        )
    ]


def test_time_and_substance_use_go_to_korus_stavanger_and_the_national_centres_for_it():
    assert routed("1121", "rus") == ["korus-vest-stavanger", "napha", "sanks"]


def test_time_and_substance_use_do_not_go_to_korus_bergen_or_to_centres_for_other_topics():
    slugs = routed("1121", "rus")
    assert "korus-vest-bergen" not in slugs
    assert "rvts-vest" not in slugs
    assert "nkvts" not in slugs


def test_a_child_topic_reaches_centres_working_on_its_parent():
    # KoRus centres list both; what matters is that gambling reaches substance-use centres.
    assert set(routed("1121", "spilleavhengighet")) >= {"korus-vest-stavanger", "napha", "sanks"}


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


def test_centres_that_do_not_accept_requests_are_left_out():
    Centre.objects.filter(slug="napha").update(accepts_requests=False)
    assert routed("1121", "rus") == ["korus-vest-stavanger", "sanks"]


def test_a_topic_nobody_covers_falls_back_to_every_centre_covering_the_county():
    Centre.service_areas.through.objects.filter(servicearea__slug="samisk").delete()
    slugs = routed("1121", "samisk")
    assert {"korus-vest-stavanger", "rvts-vest", "rkbu-vest", "napha"} <= set(slugs)


def test_a_submitted_request_records_its_candidates_in_order():
    help_request = HelpRequestFactory(preferred_centre=centre("napha"))
    assert [c.centre.slug for c in help_request.candidates.all()] == [
        "napha",
        "korus-vest-stavanger",
        "sanks",
    ]
