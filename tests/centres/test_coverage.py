"""The coverage rules: topic families, covering centres and the responsible contact."""

import pytest

from centres.coverage import (
    Area,
    TopicVocabulary,
    covering_centres,
    responsible_contact,
    topic_family,
)
from centres.models import County, ServiceArea
from portal.finder.results import find_coverage
from tests.factories import ContactPersonFactory, centre, municipality, topic

pytestmark = pytest.mark.django_db


def test_the_database_and_the_python_form_of_a_topic_family_agree_for_every_topic():
    vocabulary = TopicVocabulary()
    for chosen in ServiceArea.objects.all():
        in_database = set(topic_family([chosen]).values_list("pk", flat=True))
        assert in_database == vocabulary.family(chosen), chosen.slug


def test_a_main_topic_includes_its_children_but_a_child_not_its_parent():
    vocabulary = TopicVocabulary()
    rus, gambling = topic("rus"), topic("spilleavhengighet")
    assert gambling.pk in vocabulary.family(rus)
    assert rus.pk not in vocabulary.family(gambling)


def test_national_centres_cover_every_county_and_regional_ones_their_catchment():
    for county in County.objects.all():
        slugs = set(covering_centres([county]).values_list("slug", flat=True))
        assert {"napha", "sanks", "nkvts"} <= slugs
    rogaland = set(covering_centres([municipality("1121").county]).values_list("slug", flat=True))
    assert "korus-vest-stavanger" in rogaland
    assert "korus-vest-bergen" not in rogaland


def test_covering_for_a_topic_keeps_the_centres_working_on_its_family():
    bodo = municipality("1804").county
    assert set(
        covering_centres([bodo], [topic("spilleavhengighet")]).values_list("slug", flat=True)
    ) == {"korus-nord"}
    assert {"korus-nord", "napha", "sanks"} <= set(
        covering_centres([bodo], [topic("rus")]).values_list("slug", flat=True)
    )


def test_an_area_around_a_municipality_widens_to_its_county_and_region():
    time = municipality("1121")
    assert Area.around(time, "municipality").place == time
    assert Area.around(time, "county").place == time.county
    assert Area.around(time, "region").place == time.county.region
    assert [c.number for c in Area.around(time, "region").counties()] == ["11", "46"]


@pytest.fixture
def stavanger_contacts():
    korus = centre("korus-vest-stavanger")
    korus.contacts.all().delete()
    return {
        "gambling": ContactPersonFactory(
            centre=korus, name="Spill", topics=[topic("spilleavhengighet")]
        ),
        "rus": ContactPersonFactory(centre=korus, name="Rus", topics=[topic("rus")]),
        "general": ContactPersonFactory(centre=korus, name="Generell", is_general_contact=True),
    }


def contact_for(*slugs: str) -> str:
    korus = centre("korus-vest-stavanger")
    found = responsible_contact(
        korus, municipality("1121"), [topic(slug) for slug in slugs], vocabulary=TopicVocabulary()
    )
    return found.name if found else ""


def test_a_main_topic_is_answered_by_its_own_contact_not_a_sub_topic_specialist(stavanger_contacts):
    assert contact_for("rus") == "Rus"


def test_without_a_main_topic_contact_the_general_contact_answers_before_the_specialist(
    stavanger_contacts,
):
    stavanger_contacts["rus"].delete()
    assert contact_for("rus") == "Generell"
    stavanger_contacts["general"].delete()
    assert contact_for("rus") == "Spill"  # a specialist still beats nobody


def test_a_sub_topic_is_answered_by_its_specialist_then_by_the_main_topic_contact(
    stavanger_contacts,
):
    assert contact_for("spilleavhengighet") == "Spill"
    stavanger_contacts["gambling"].delete()
    assert contact_for("spilleavhengighet") == "Rus"


def test_a_contact_for_another_county_or_unrelated_topic_never_answers(stavanger_contacts):
    korus = centre("korus-vest-stavanger")
    korus.contacts.all().delete()
    ContactPersonFactory(centre=korus, name="Bergen", counties=[municipality("4601").county])
    ContactPersonFactory(centre=korus, name="Folkehelse", topics=[topic("folkehelse")])
    assert contact_for("rus") == ""


def test_a_contact_for_the_county_beats_one_for_the_whole_catchment(stavanger_contacts):
    korus = centre("korus-vest-stavanger")
    ContactPersonFactory(
        centre=korus,
        name="Rus i Rogaland",
        topics=[topic("rus")],
        counties=[municipality("1121").county],
    )
    assert contact_for("rus") == "Rus i Rogaland"


def test_the_finder_and_the_centre_page_name_the_same_person(client, stavanger_contacts):
    result = find_coverage(municipality=municipality("1121"), topic=topic("rus"))
    (match,) = [
        m for g in result.groups for m in g.matches if m.centre.slug == "korus-vest-stavanger"
    ]
    assert match.contact.name == "Rus"
    client.cookies["kommune"] = "1121"
    page = client.get("/sentre/korus-vest-stavanger/", {"topic": "rus"})
    assert page.context["your_contact"] == match.contact
