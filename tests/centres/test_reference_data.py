import pytest

from centres.models import (
    Centre,
    County,
    Municipality,
    OfferingType,
    Region,
    ServiceArea,
    StatsforvalterOffice,
    TargetGroup,
)
from centres.reference import load_reference_data

pytestmark = pytest.mark.django_db


def test_geography_has_the_2024_counts():
    assert County.objects.count() == 15
    assert Municipality.objects.count() == 357
    assert Region.objects.count() == 5
    assert StatsforvalterOffice.objects.count() == 10


def test_vocabularies_have_their_counts():
    assert ServiceArea.objects.count() == 11
    assert TargetGroup.objects.count() == 13
    assert OfferingType.objects.count() == 12
    assert Centre.objects.count() == 19


@pytest.mark.parametrize(
    ("number", "name", "county"),
    [
        ("0301", "Oslo", "03"),
        ("1121", "Time", "11"),
        ("4601", "Bergen", "46"),
        ("5601", "Alta", "56"),
        ("5610", "Kárášjohka - Karasjok", "56"),
        ("1853", "Evenes - Evenášši", "18"),
        ("5622", "Porsanger - Porsángu - Porsanki", "56"),
        ("1508", "Ålesund", "15"),
        ("1580", "Haram", "15"),
    ],
)
def test_municipalities_keep_official_numbers_and_parallel_names(number, name, county):
    municipality = Municipality.objects.get(number=number)
    assert municipality.name == name
    assert municipality.county.number == county


def test_municipalities_per_county_match_ssb():
    expected = {
        "03": 1, "11": 23, "15": 27, "18": 41, "31": 12, "32": 21, "33": 18, "34": 46,
        "39": 6, "40": 17, "42": 25, "46": 43, "50": 38, "55": 21, "56": 18,
    }  # fmt: skip
    actual = {c.number: c.municipalities.count() for c in County.objects.all()}
    assert actual == expected


def test_counties_carry_their_region_office_and_parallel_name():
    troms = County.objects.get(number="55")
    assert troms.full_name == "Troms - Romsa - Tromssa"
    assert troms.region.slug == "nord"
    assert troms.office.slug == "troms-og-finnmark"
    assert County.objects.get(number="46").office.name == "Statsforvalteren i Vestland"
    assert list(Region.objects.get(slug="vest").counties.values_list("number", flat=True)) == [
        "11",
        "46",
    ]


def test_topics_have_parents_and_three_languages():
    gambling = ServiceArea.objects.get(slug="spilleavhengighet")
    assert gambling.parent.slug == "rus"
    assert (gambling.name_nb, gambling.name_nn, gambling.name_en) == (
        "Spilleavhengighet",
        "Spelavhengnad",
        "Gambling addiction",
    )
    assert set(
        ServiceArea.objects.get(slug="psykisk-helse").children.values_list("slug", flat=True)
    ) == {
        "psykisk-helse-barn-og-unge",
        "psykisk-helse-voksne",
    }


def test_target_groups_and_offering_types_keep_kind_and_dating():
    assert TargetGroup.objects.filter(kind="population").count() == 4
    assert TargetGroup.objects.get(slug="nav").kind == "service"
    assert OfferingType.objects.get(slug="kurs").dated is True
    assert OfferingType.objects.get(slug="veiledning").dated is False


def test_centres_have_network_host_topics_and_catchment():
    stavanger = Centre.objects.get(slug="korus-vest-stavanger")
    assert stavanger.network == "korus"
    assert stavanger.host_organisation == "Rogaland A-senter"
    assert list(stavanger.catchment.values_list("number", flat=True)) == ["11"]
    assert set(stavanger.service_areas.values_list("slug", flat=True)) == {
        "rus",
        "spilleavhengighet",
        "folkehelse",
    }
    rvts_nord = Centre.objects.get(slug="rvts-nord")
    assert rvts_nord.name == (
        "Regionalt ressurssenter om vold, traumatisk stress og selvmordsforebygging – Nord"
    )
    assert set(Centre.objects.filter(is_national=True).values_list("slug", flat=True)) == {
        "napha",
        "sanks",
        "nkvts",
    }
    assert not Centre.objects.get(slug="napha").catchment.exists()


def test_loading_again_updates_in_place_without_duplicates():
    Municipality.objects.filter(number="1121").update(name="Feil navn")
    summary = load_reference_data()
    assert summary.municipalities == 357
    assert summary.centres == 19
    assert Municipality.objects.get(number="1121").name == "Time"


def test_loading_again_keeps_what_editors_changed_on_a_centre():
    centre = Centre.objects.get(slug="korus-vest-stavanger")
    centre.name = "Nytt navn fra redaktøren"
    centre.save()
    centre.service_areas.remove(ServiceArea.objects.get(slug="folkehelse"))
    load_reference_data()
    centre.refresh_from_db()
    assert centre.name == "Nytt navn fra redaktøren"
    assert not centre.service_areas.filter(slug="folkehelse").exists()


def test_a_missing_centre_is_added_again():
    Centre.objects.filter(slug="nkvts").delete()
    load_reference_data()
    assert Centre.objects.get(slug="nkvts").service_areas.get().slug == "vold-og-traumer"
