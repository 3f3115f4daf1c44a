"""The finder's routing: which centres cover a municipality for a topic.

The expected sets are written out by hand from the catchments and topics in centres.csv, so the
test does not repeat the code's own reasoning.
"""

import pytest

from centres.models import TargetGroup
from portal.finder.results import find_coverage
from tests.factories import (
    ContactPersonFactory,
    OfferingSessionFactory,
    centre,
    municipality,
    topic,
)

ROUTING_TABLE = [
    # Vest
    ("1121", "rus", {"korus-vest-stavanger", "napha", "sanks"}),
    ("4601", "rus", {"korus-vest-bergen", "napha", "sanks"}),
    ("1103", "selvmordsforebygging", {"rvts-vest"}),
    ("4601", "psykisk-helse-barn-og-unge", {"rkbu-vest", "sanks"}),
    ("1121", None, {"rvts-vest", "korus-vest-stavanger", "rkbu-vest", "napha", "sanks", "nkvts"}),
    # Nord
    ("5601", "vold-og-traumer", {"rvts-nord", "nkvts"}),
    ("5601", "rus", {"korus-nord", "napha", "sanks"}),
    ("1804", "psykisk-helse", {"rkbu-nord", "napha", "sanks"}),
    ("5501", "samisk", {"sanks"}),
    ("5610", "barnevern", {"rkbu-nord"}),
    # Midt-Norge
    ("5001", "vold-og-traumer", {"rvts-midt", "nkvts"}),
    ("1508", "barnevern", {"rkbu-midt-norge"}),
    ("5001", "spilleavhengighet", {"korus-midt"}),
    ("1506", "rus", {"korus-midt", "napha", "sanks"}),
    # Sør
    ("4204", "rus", {"korus-sor", "napha", "sanks"}),
    ("3301", "vold-og-traumer", {"rvts-sor", "nkvts"}),
    ("3301", "rus", {"korus-sor", "napha", "sanks"}),
    ("3905", "folkehelse", {"korus-sor"}),
    ("4003", "flyktninghelse", {"rvts-sor"}),
    # Øst
    ("0301", "rus", {"korus-oslo", "napha", "sanks"}),
    ("3403", "rus", {"korus-ost", "napha", "sanks"}),
    ("3201", "vold-og-traumer", {"rvts-ost", "nkvts"}),
    ("3107", "barnevern", {"rbup-ost-og-sor"}),
    ("0301", "psykisk-helse-voksne", {"napha", "sanks"}),
    ("0301", "barnevern", {"rbup-ost-og-sor"}),
]


def covered_slugs(number: str, topic_slug: str | None) -> set[str]:
    result = find_coverage(
        municipality=municipality(number), topic=topic(topic_slug) if topic_slug else None
    )
    return {match.centre.slug for group in result.groups for match in group.matches}


@pytest.mark.django_db
@pytest.mark.parametrize(("number", "topic_slug", "expected"), ROUTING_TABLE)
def test_finder_returns_exactly_the_centres_whose_catchment_and_topics_match(
    number, topic_slug, expected
):
    assert covered_slugs(number, topic_slug) == expected


@pytest.mark.django_db
def test_routing_table_spans_all_five_regions():
    regions = {municipality(number).county.region.slug for number, _, _ in ROUTING_TABLE}
    assert regions == {"nord", "midt", "vest", "sor", "ost"}
    assert len(ROUTING_TABLE) >= 20


@pytest.mark.django_db
def test_a_chosen_topic_is_one_group_that_includes_its_child_topics():
    result = find_coverage(municipality=municipality("1121"), topic=topic("rus"))
    assert [group.topic.slug for group in result.groups] == ["rus"]


@pytest.mark.django_db
def test_without_a_topic_every_top_level_topic_a_centre_serves_is_a_group():
    result = find_coverage(municipality=municipality("1804"))
    groups = {g.topic.slug: {m.centre.slug for m in g.matches} for g in result.groups}
    assert set(groups) == {
        "psykisk-helse",
        "rus",
        "vold-og-traumer",
        "selvmordsforebygging",
        "flyktninghelse",
        "barnevern",
        "folkehelse",
        "samisk",
    }
    assert groups["rus"] == {"korus-nord", "napha", "sanks"}
    assert groups["psykisk-helse"] == {"rkbu-nord", "napha", "sanks"}
    assert result.centre_count == 6


@pytest.mark.django_db
def test_target_group_narrows_the_centres_to_those_working_with_it():
    children = TargetGroup.objects.get(slug="barn-og-unge")
    centre("rkbu-vest").target_groups.add(children)
    result = find_coverage(municipality=municipality("4601"), target_group=children)
    assert {m.centre.slug for g in result.groups for m in g.matches} == {"rkbu-vest"}


@pytest.mark.django_db
def test_contact_for_both_county_and_topic_beats_the_general_and_the_specialist():
    korus = centre("korus-vest-stavanger")
    ContactPersonFactory(centre=korus, name="Generell", is_general_contact=True)
    ContactPersonFactory(centre=korus, name="Spill", topics=[topic("spilleavhengighet")])
    responsible = ContactPersonFactory(
        centre=korus,
        name="Rus i Rogaland",
        topics=[topic("rus")],
        counties=[municipality("1121").county],
    )
    result = find_coverage(municipality=municipality("1121"), topic=topic("rus"))
    match = next(m for g in result.groups for m in g.matches if m.centre == korus)
    assert match.contact == responsible


@pytest.mark.django_db
def test_general_contact_answers_when_nobody_is_responsible_for_the_topic():
    korus = centre("korus-vest-stavanger")
    general = ContactPersonFactory(centre=korus, name="Generell", is_general_contact=True)
    ContactPersonFactory(centre=korus, name="Spill", topics=[topic("spilleavhengighet")])
    result = find_coverage(municipality=municipality("1121"), topic=topic("folkehelse"))
    match = next(m for g in result.groups for m in g.matches if m.centre == korus)
    assert match.contact == general


@pytest.mark.django_db
def test_topic_specialist_beats_a_county_generalist():
    rvts = centre("rvts-nord")
    nordland = municipality("1804").county
    ContactPersonFactory(centre=rvts, name="Nordland", counties=[nordland])
    specialist = ContactPersonFactory(
        centre=rvts, name="Selvmord", topics=[topic("selvmordsforebygging")]
    )
    result = find_coverage(municipality=municipality("1804"), topic=topic("selvmordsforebygging"))
    assert result.groups[0].matches[0].contact == specialist


@pytest.mark.django_db
def test_contacts_for_other_topics_or_counties_are_not_chosen_without_a_topic():
    korus = centre("korus-vest-stavanger")
    general = ContactPersonFactory(centre=korus, name="Generell", is_general_contact=True)
    ContactPersonFactory(centre=korus, name="Ungdata", topics=[topic("folkehelse")])
    result = find_coverage(municipality=municipality("1121"))
    rus_group = next(g for g in result.groups if g.topic.slug == "rus")
    match = next(m for m in rus_group.matches if m.centre == korus)
    assert match.contact == general


@pytest.mark.django_db
def test_contact_for_a_parent_topic_answers_for_its_children():
    korus = centre("korus-vest-stavanger")
    rus = ContactPersonFactory(centre=korus, name="Rus", topics=[topic("rus")])
    result = find_coverage(municipality=municipality("1121"), topic=topic("spilleavhengighet"))
    assert result.groups[0].matches[0].contact == rus


@pytest.mark.django_db
def test_private_contacts_are_never_offered():
    korus = centre("korus-vest-stavanger")
    ContactPersonFactory(centre=korus, is_general_contact=True, is_public=False)
    result = find_coverage(municipality=municipality("1121"), topic=topic("rus"))
    match = next(m for g in result.groups for m in g.matches if m.centre == korus)
    assert match.contact is None


@pytest.mark.django_db
def test_the_offerings_open_to_the_municipality_are_shown_wherever_they_are_held():
    in_rogaland = OfferingSessionFactory(municipality=municipality("1103")).offering
    in_vestland = OfferingSessionFactory(municipality=municipality("4601")).offering
    online = OfferingSessionFactory(online=True, offering__format="digital").offering
    national_in_nordland = OfferingSessionFactory(
        municipality=municipality("1804"), offering__centre=centre("napha")
    ).offering
    korus_nord_in_bodo = OfferingSessionFactory(
        municipality=municipality("1804"), offering__centre=centre("korus-nord")
    ).offering
    result = find_coverage(municipality=municipality("1121"), topic=topic("rus"))
    shown = {o for g in result.groups for m in g.matches for o in m.offerings}
    assert {in_rogaland, in_vestland, online, national_in_nordland} <= shown
    assert korus_nord_in_bodo not in shown


@pytest.mark.django_db
def test_offerings_are_listed_under_the_topic_they_are_about():
    OfferingSessionFactory(offering__title="Folkehelsekurs", offering__topics=[topic("folkehelse")])
    result = find_coverage(municipality=municipality("1121"))
    by_topic = {
        g.topic.slug: {o.title for m in g.matches for o in m.offerings} for g in result.groups
    }
    assert "Folkehelsekurs" in by_topic["folkehelse"]
    assert "Folkehelsekurs" not in by_topic["rus"]
